/**
 * The Vigil dashboard page: demo sign-in, then the threat board, metrics charts, anomaly feed,
 * alert list, operations panel (admins) and the connection indicator with the tenant's online
 * users, all fed by one VigilClient. See docs/dashboard.md.
 */
import { VigilClient, ConnectionState } from './vigil-client.js';
import { ThreatBoard } from './board.js';
import { MetricsCharts } from './charts.js';
import { AnomalyFeed } from './anomalies.js';
import { AlertList } from './alerts.js';
import { OpsPanel } from './ops.js';
import { el } from './frame.js';

const $ = (id) => document.getElementById(id);
const SESSION_KEY = 'vigil.signIn';
let token = null;

/** Asks the demo endpoint for a token for the signed-in user (again when the old one expired). */
async function demoToken(who) {
  const response = await fetch('/api/demo/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: who.user, tenant: who.tenant, roles: [who.role] }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error || `token endpoint answered ${response.status}`);
  return body.token;
}

/** Calls the REST API with the current token. */
function api(path, init = {}) {
  return fetch(path, {
    ...init,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(init.headers || {}) },
  });
}

function toast(message, error = false) {
  const t = el('div', error ? 'toast error' : 'toast', message);
  $('toasts').appendChild(t);
  setTimeout(() => t.remove(), error ? 8000 : 4000);
}

$('sign-in-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const who = { user: $('user').value.trim(), tenant: $('tenant').value.trim(), role: $('role').value };
  $('sign-in-button').disabled = true;
  $('sign-in-error').textContent = '';
  try {
    token = await demoToken(who);
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(who));
    start(who);
  } catch (e) {
    $('sign-in-error').textContent = `Sign-in failed: ${e.message}`;
  } finally {
    $('sign-in-button').disabled = false;
  }
});

$('sign-out').addEventListener('click', () => {
  sessionStorage.removeItem(SESSION_KEY);
  location.reload();
});

function start(who) {
  $('sign-in').hidden = true;
  $('dashboard').hidden = false;
  for (const id of ['who', 'presence', 'sign-out']) $(id).hidden = false;
  $('who').replaceChildren(el('b', null, who.user), ` · ${who.tenant} · ${who.role}`);

  const client = new VigilClient({
    getToken: async (reason) => {
      // The demo endpoint mints a fresh token when the gateway said the old one expired.
      if (reason === 'expired' || !token) token = await demoToken(who);
      return token;
    },
  });
  const board = new ThreatBoard({ tbody: $('board-rows'), count: $('entity-count'), limitSelect: $('board-limit') });
  const charts = new MetricsCharts({ severityCanvas: $('chart-severity'), categoryCanvas: $('chart-category') });
  const anomalies = new AnomalyFeed({ list: $('anomalies'), count: $('anomaly-count') });
  const canAct = who.role === 'analyst' || who.role === 'admin';
  const alerts = new AlertList({
    list: $('alerts'), count: $('alert-count'), mode: $('alert-mode'), canAct, toast,
    send: (id, action) => client.alertCommand(id, action),
  });
  const views = { scores: board, metrics: charts, anomalies, alerts };
  const streams = {};
  for (const [kind, view] of Object.entries(views)) {
    streams[kind] = client.stream(kind, {
      onReset: (items) => view.reset(items),
      onUpsert: (key, value, item) => view.upsert(key, value, item),
      onRemove: (key) => view.remove(key),
    });
  }
  client.subscribe(`/topic/${who.tenant}.presence`, (p) => showPresence(p.online || []));
  if (who.role === 'admin') {
    const ops = new OpsPanel({ section: $('ops'), rows: $('task-rows'), message: $('ops-message'), api });
    client.subscribe('/topic/ops.tasks', (s) => ops.status(s));
  }
  client.onState((s) => showConnection(client, s));
  client.onError((e) => toast(e.message, true));
  $('retry-now').addEventListener('click', () => client.reconnectNow('retry requested'));
  window.vigil = { client, board, streams }; // for the browser console and the end-to-end tests
  client.start();
}

function showPresence(users) {
  const box = $('presence');
  box.replaceChildren(`online ${users.length}:`, ...users.map((u) => el('span', 'user', u)));
  box.dataset.users = users.join(',');
}

let countdown = null;
let lastLive = null; // when the page last went live (null: never)
let droppedAt = null; // when it last stopped being live: what is shown is as of then

/** The connection indicator and, whenever the page is not live, a banner saying what is going on. */
function showConnection(client, s) {
  const box = $('connection');
  if (box.dataset.state === ConnectionState.LIVE && s.state !== ConnectionState.LIVE) droppedAt = Date.now();
  box.dataset.state = s.state;
  clearInterval(countdown);
  const banner = $('banner');
  const stale = s.state !== ConnectionState.LIVE;
  $('dashboard').classList.toggle('stale', stale && lastLive !== null);
  $('retry-now').hidden = s.state !== ConnectionState.RECONNECTING;
  if (s.state === ConnectionState.LIVE) {
    lastLive = Date.now();
    $('conn-text').textContent = 'Live';
    banner.hidden = true;
    api('/api/presence').then((r) => (r.ok ? r.json() : null)).then((p) => p && showPresence(p.users || []));
    return;
  }
  const asOf = droppedAt ? ` Data shown is as of ${new Date(droppedAt).toLocaleTimeString([], { hour12: false })}, when the connection dropped.` : '';
  const render = () => {
    if (s.state === ConnectionState.CONNECTING) {
      $('conn-text').textContent = 'Connecting…';
      banner.hidden = true;
      return;
    }
    banner.hidden = false;
    banner.classList.toggle('offline', s.state === ConnectionState.OFFLINE);
    if (s.state === ConnectionState.RECONNECTING) {
      const left = Math.max(0, Math.ceil(((s.retryAt || Date.now()) - Date.now()) / 1000));
      $('conn-text').textContent = left > 0 ? `Reconnecting in ${left}s (attempt ${s.attempt})` : `Reconnecting (attempt ${s.attempt})…`;
      banner.textContent = `Connection lost: ${String(s.reason).replace(/\.+$/, "")}. Reconnecting automatically; live updates resume without a reload.${asOf}`;
    } else {
      $('conn-text').textContent = 'Offline';
      banner.textContent = `Offline: ${s.reason}.${asOf}`;
    }
  };
  render();
  if (s.state === ConnectionState.RECONNECTING) countdown = setInterval(render, 1000);
}

const remembered = sessionStorage.getItem(SESSION_KEY);
if (remembered) {
  const who = JSON.parse(remembered);
  demoToken(who).then((t) => {
    token = t;
    start(who);
  }, (e) => ($('sign-in-error').textContent = `Sign-in failed: ${e.message}`));
}
