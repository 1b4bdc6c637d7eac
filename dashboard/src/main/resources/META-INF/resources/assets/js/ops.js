/**
 * The operations panel (admins): task runs from /topic/ops.tasks, and buttons that ask the gateway
 * to run a task now (POST /api/tasks/{type}).
 */
import { timeOf, el, perFrame } from './frame.js';

export class OpsPanel {
  constructor({ section, rows, message, api }) {
    this.rows = rows;
    this.message = message;
    this.api = api;
    this.runs = new Map(); // taskId -> latest TaskStatus
    this.dirty = perFrame(() => this.render());
    section.hidden = false;
    for (const button of section.querySelectorAll('button[data-task]')) {
      button.addEventListener('click', () => this.trigger(button.dataset.task));
    }
  }

  status(s) {
    this.runs.set(s.taskId, s);
    this.dirty();
  }

  async trigger(type) {
    this.message.textContent = `Requesting ${type}…`;
    try {
      const response = await this.api(`/api/tasks/${type}`, { method: 'POST', body: '{}' });
      const body = await response.json().catch(() => ({}));
      this.message.textContent = response.status === 202
        ? `Task ${type} requested (${body.id}); progress appears below.`
        : `Task ${type} refused (${response.status}): ${body.error || body.message || response.statusText}`;
      this.message.dataset.status = String(response.status);
    } catch (e) {
      this.message.textContent = `Task ${type} not requested: ${e.message}`;
    }
  }

  render() {
    const newest = [...this.runs.values()].sort((a, b) => Date.parse(b.at) - Date.parse(a.at)).slice(0, 20);
    this.rows.replaceChildren(...newest.map((s) => {
      const tr = el('tr');
      tr.dataset.taskId = s.taskId;
      tr.dataset.state = s.state;
      for (const text of [s.taskId.slice(0, 8), s.type, s.state, `${s.progress}%`, s.message || '', timeOf(s.at)]) {
        tr.appendChild(el('td', null, text));
      }
      return tr;
    }));
  }
}
