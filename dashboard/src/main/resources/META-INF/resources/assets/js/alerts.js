/**
 * The alert list: open and acknowledged alerts (resolved ones fade out), newest first, with
 * acknowledge and resolve buttons for analysts. A button only sends the command; the new state
 * arrives on the tenant's alerts topic, on this page and on every other open page alike.
 */
import { perFrame, timeOf, el } from './frame.js';

const RESOLVED_SHOWN_MS = 60000;
const SEVERITY = ['INFO', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

export class AlertList {
  constructor({ list, count, mode, canAct, send, toast }) {
    this.list = list;
    this.count = count;
    this.canAct = canAct;
    this.send = send;
    this.toast = toast;
    this.alerts = new Map();
    this.pending = new Set(); // alert ids with a command in flight
    this.dirty = perFrame(() => this.render());
    mode.textContent = canAct ? '' : 'read only (viewer)';
  }

  reset(items) {
    this.alerts = new Map([...items].map(([k, item]) => [k, item.value]));
    this.dirty();
  }

  upsert(key, value) {
    this.alerts.set(key, value);
    this.pending.delete(key);
    if (value.state === 'RESOLVED') setTimeout(() => this.forgetResolved(key), RESOLVED_SHOWN_MS);
    this.dirty();
  }

  remove(key) {
    this.alerts.delete(key);
    this.dirty();
  }

  forgetResolved(key) {
    if (this.alerts.get(key)?.state === 'RESOLVED') this.remove(key);
  }

  async act(id, action) {
    this.pending.add(id);
    this.dirty();
    try {
      const reply = await this.send(id, action);
      if (!reply.accepted) this.toast(`Alert ${id}: ${reply.message}`, true);
    } catch (e) {
      this.toast(`Alert ${id}: ${e.message}`, true);
    }
    this.pending.delete(id);
    this.dirty();
  }

  render() {
    const sorted = [...this.alerts.values()].sort((a, b) =>
      (a.state === 'RESOLVED') - (b.state === 'RESOLVED')
      || SEVERITY.indexOf(b.severity) - SEVERITY.indexOf(a.severity)
      || Date.parse(b.updatedAt) - Date.parse(a.updatedAt));
    this.list.replaceChildren(...sorted.map((a) => this.item(a)));
    this.count.textContent = String(sorted.filter((a) => a.state !== 'RESOLVED').length);
  }

  item(a) {
    const li = el('li');
    li.dataset.alertId = a.id;
    li.dataset.state = a.state;
    if (this.canAct && a.state !== 'RESOLVED') {
      const actions = li.appendChild(el('span', 'actions'));
      const busy = this.pending.has(a.id);
      if (a.state === 'OPEN') actions.appendChild(this.button('Acknowledge', 'ack', a.id, busy));
      actions.appendChild(this.button('Resolve', 'resolve', a.id, busy));
    }
    li.append(el('span', `badge ${a.severity}`, a.severity), ' ', el('span', 'title', a.title || a.cause));
    li.append(el('div', null, a.description || a.subject));
    const who = a.state === 'ACKNOWLEDGED' ? ` · acknowledged by ${a.acknowledgedBy} ${timeOf(a.acknowledgedAt)}`
      : a.state === 'RESOLVED' ? ` · resolved by ${a.resolvedBy} ${timeOf(a.resolvedAt)}` : '';
    li.append(el('div', 'meta', `${a.subject} · ${a.occurrences}× · opened ${timeOf(a.openedAt)}${who}`));
    return li;
  }

  button(label, action, id, busy) {
    const b = el('button', action, label);
    b.type = 'button';
    b.disabled = busy;
    b.addEventListener('click', () => this.act(id, action));
    return b;
  }
}
