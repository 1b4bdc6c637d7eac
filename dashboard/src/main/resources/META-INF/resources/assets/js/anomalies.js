/** The anomaly feed: the most recent anomalies, newest first, re-rendered once per frame. */
import { perFrame, timeOf, el } from './frame.js';

const SHOWN = 50;

export class AnomalyFeed {
  constructor({ list, count }) {
    this.list = list;
    this.count = count;
    this.anomalies = new Map();
    this.dirty = perFrame(() => this.render());
  }

  reset(items) {
    this.anomalies = new Map([...items].map(([k, item]) => [k, item.value]));
    this.dirty();
  }

  upsert(key, value) {
    this.anomalies.set(key, value);
    this.dirty();
  }

  remove(key) {
    this.anomalies.delete(key);
    this.dirty();
  }

  render() {
    const newest = [...this.anomalies.entries()]
      .sort(([, a], [, b]) => Date.parse(b.detectedAt || b.windowEnd) - Date.parse(a.detectedAt || a.windowEnd))
      .slice(0, SHOWN);
    this.list.replaceChildren(...newest.map(([key, a]) => {
      const li = el('li');
      li.dataset.key = key;
      li.append(el('span', `badge ${a.severity}`, a.severity), ' ', el('b', null, `${a.detector} · ${a.subject}`));
      li.append(el('div', null, a.reason || ''));
      li.append(el('div', 'meta', `observed ${fmt(a.observed)}, expected ${fmt(a.expected)}, score ${fmt(a.score)} · ${timeOf(a.detectedAt || a.windowEnd)}`));
      return li;
    }));
    this.count.textContent = String(this.anomalies.size);
  }
}

function fmt(n) {
  return typeof n === 'number' ? (Number.isInteger(n) ? String(n) : n.toFixed(1)) : '?';
}
