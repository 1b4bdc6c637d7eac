/**
 * The threat board: entities sorted by score, coloured by level, with a sparkline of recent scores
 * and the top factors. Updates only mark the board dirty; once per animation frame the entities are
 * sorted and a fixed pool of rows (the visible top N) is refreshed, touching only cells whose content
 * changed. A thousand entities updating several times a second cost one sort and at most N row
 * refreshes per frame.
 */
import { perFrame, timeOf, el } from './frame.js';

const HISTORY = 30;
const LEVEL_COLOURS = { LOW: '#3fa66a', MEDIUM: '#d8b23a', HIGH: '#e8792b', CRITICAL: '#e0413d' };

export class ThreatBoard {
  constructor({ tbody, count, limitSelect }) {
    this.tbody = tbody;
    this.count = count;
    this.limit = Number(limitSelect.value);
    this.entities = new Map(); // key -> {key, score (ThreatScore), version, history: [score]}
    this.rows = [];
    this.renders = 0;
    this.renderMs = []; // recent render durations, for the console and the tests
    this.dirty = perFrame(() => this.render());
    limitSelect.addEventListener('change', () => {
      this.limit = Number(limitSelect.value);
      this.dirty();
    });
  }

  reset(items) {
    const fresh = new Map();
    for (const [key, item] of items) {
      const old = this.entities.get(key);
      const history = old ? old.history : [];
      if (!old || old.version !== item.version) history.push(item.value.score);
      fresh.set(key, { key, score: item.value, version: item.version, history: history.slice(-HISTORY) });
    }
    this.entities = fresh;
    this.dirty();
  }

  upsert(key, value, item) {
    let entity = this.entities.get(key);
    if (!entity) {
      entity = { key, history: [] };
      this.entities.set(key, entity);
    }
    entity.score = value;
    entity.version = item.version;
    entity.history.push(value.score);
    if (entity.history.length > HISTORY) entity.history.shift();
    this.dirty();
  }

  remove(key) {
    this.entities.delete(key);
    this.dirty();
  }

  render() {
    const started = performance.now();
    this.draw();
    this.renders++;
    this.renderMs.push(performance.now() - started);
    if (this.renderMs.length > 500) this.renderMs.shift();
  }

  draw() {
    const sorted = [...this.entities.values()].sort((a, b) => b.score.score - a.score.score || (a.key < b.key ? -1 : 1));
    const shown = Math.min(this.limit, sorted.length);
    while (this.rows.length < shown) this.rows.push(this.newRow());
    for (let i = 0; i < this.rows.length; i++) {
      const row = this.rows[i];
      if (i < shown) {
        if (!row.tr.isConnected) this.tbody.appendChild(row.tr);
        this.fill(row, sorted[i]);
      } else if (row.tr.isConnected) {
        row.tr.remove();
        row.shown = null;
      }
    }
    this.count.textContent = String(sorted.length);
  }

  newRow() {
    const tr = el('tr');
    const cells = {};
    for (const name of ['entity', 'type', 'score', 'level', 'spark', 'factors', 'seen']) {
      cells[name] = tr.appendChild(el('td', name));
    }
    cells.score.classList.add('num');
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('class', 'spark');
    svg.setAttribute('viewBox', '0 0 90 20');
    svg.setAttribute('preserveAspectRatio', 'none');
    const line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
    svg.appendChild(line);
    cells.spark.appendChild(svg);
    const badge = cells.level.appendChild(el('span', 'badge'));
    return { tr, cells, line, badge, shown: null };
  }

  fill(row, entity) {
    const stamp = `${entity.key}@${entity.version}`;
    if (row.shown === stamp) return; // unchanged since the last frame
    row.shown = stamp;
    const s = entity.score;
    const c = row.cells;
    row.tr.dataset.key = entity.key;
    row.tr.dataset.version = String(entity.version);
    row.tr.className = `level-${s.level}`;
    c.entity.textContent = s.entityId;
    c.entity.title = entity.key;
    c.type.textContent = String(s.entityType).toLowerCase();
    c.score.textContent = s.score.toFixed(1);
    row.badge.textContent = s.level;
    row.badge.className = `badge ${s.level}`;
    c.factors.textContent = (s.topFactors || [])
      .map((f) => `${f.signature || f.category} (${f.contribution.toFixed(1)})`)
      .join(', ');
    c.factors.title = c.factors.textContent;
    c.seen.textContent = timeOf(s.lastSeen);
    const h = entity.history.length === 1 ? [entity.history[0], entity.history[0]] : entity.history;
    const step = h.length > 1 ? 90 / (h.length - 1) : 0;
    row.line.setAttribute('points', h.map((v, i) => `${(i * step).toFixed(1)},${(19 - (v / 100) * 18).toFixed(1)}`).join(' '));
    row.line.setAttribute('stroke', LEVEL_COLOURS[s.level] || '#8a96a3');
  }
}
