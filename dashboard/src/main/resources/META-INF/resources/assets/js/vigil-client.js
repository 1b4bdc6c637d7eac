/**
 * vigil-client.js: a small browser client for Vigil's STOMP gateway, built on STOMP.js.
 *
 * - connects with a bearer token (asked for again when the gateway says it expired),
 * - reconnects with jittered exponential back-off, with STOMP heart-beats both ways,
 * - keeps every stream (scores, metrics, anomalies, alerts) as snapshot-then-live state per key,
 *   applying only newer versions and removals, and resumes event streams after a reconnect
 *   (a "tooOld" answer falls back to a fresh snapshot),
 * - publishes its connection state (connecting, live, reconnecting, offline with a reason).
 *
 * The API and the protocol it speaks are documented in docs/client.md.
 */
import { Client } from '../vendor/stompjs/esm6/index.js';
import { Stream, compareSeq } from './vigil-stream.js';

export { compareSeq };

/** The connection states reported to {@link VigilClient#onState} listeners. */
export const ConnectionState = Object.freeze({
  CONNECTING: 'connecting',
  LIVE: 'live',
  RECONNECTING: 'reconnecting',
  OFFLINE: 'offline',
});

/** The stream kinds the gateway serves; the last two keep a resumable history. */
export const Kinds = Object.freeze(['scores', 'metrics', 'anomalies', 'alerts']);

const DEFAULTS = {
  url: null,
  heartbeatMs: 10000,
  connectTimeoutMs: 10000,
  receiptTimeoutMs: 3000,
  backoffInitialMs: 500,
  backoffMaxMs: 15000,
  debug: false,
};

/** Decodes the claims of a JWT (no verification: the gateway verifies; this is for display). */
/**
 * The path of an alert id (`<tenant>/<token>`, e.g. `acme/score.ip_10.0.0.5.1c2f3a4b-1`) in
 * `/app/alerts/<tenant>/<token>/ack`: each segment percent-encoded on its own, so the '/' between
 * tenant and token stays a '/' (never %2F). Real ids need no encoding at all; the gateway refuses
 * anything that is not `<tenant>/<token>` with a clear reason.
 */
export function alertPath(alertId) {
  return String(alertId).split('/').map(encodeURIComponent).join('/');
}

export function decodeToken(token) {
  const part = token.split('.')[1] || '';
  const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
  const claims = JSON.parse(decodeURIComponent(escape(json)));
  return { user: claims.sub, tenant: claims.tenant, roles: claims.roles || [], expiresAt: (claims.exp || 0) * 1000 };
}


/** The delay before reconnect attempt n (1, 2, ...): exponential, capped, with "equal jitter". */
export function backoffDelay(attempt, initialMs, maxMs, random = Math.random) {
  const ceiling = Math.min(maxMs, initialMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * The client. {@code getToken(reason)} returns (a promise of) a bearer token; it is called before
 * the first connect ("initial") and again after the gateway refused an expired token ("expired").
 */
export class VigilClient {
  constructor({ getToken, ...options }) {
    if (typeof getToken !== 'function') throw new Error('VigilClient needs getToken(reason) => token');
    this.options = { ...DEFAULTS, ...options };
    this.options.url ||= `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
    this.getToken = getToken;
    this.generation = 0;
    this.attempt = 0;
    this.stopped = true;
    this.streams = new Map();
    this.topics = new Map(); // destination -> Set(callback)
    this.stateListeners = new Set();
    this.errorListeners = new Set();
    this.replyWaiters = [];
    this.status = { state: ConnectionState.OFFLINE, reason: 'not started', since: Date.now() };
    this.onOnline = () => this.stomp?.connected || this.reconnectNow('browser back online');
  }

  /** The user of the current token: {user, tenant, roles, expiresAt}. */
  get user() {
    return this.claims;
  }

  get state() {
    return this.status;
  }

  /** Listens to connection state changes; called at once with the current state. Returns an unsubscribe function. */
  onState(listener) {
    this.stateListeners.add(listener);
    listener(this.status);
    return () => this.stateListeners.delete(listener);
  }

  /** Listens to refusals and errors: {source: 'stomp'|'queue'|'reply', message, destination?}. */
  onError(listener) {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  /** Keeps one tenant stream (scores, metrics, anomalies, alerts) up to date; see docs/client.md. */
  stream(kind, handlers = {}) {
    if (!Kinds.includes(kind)) throw new Error(`unknown stream kind '${kind}' (${Kinds.join(', ')})`);
    if (this.streams.has(kind)) throw new Error(`stream '${kind}' is already open`);
    const stream = new Stream(this, kind, handlers);
    this.streams.set(kind, stream);
    if (this.stomp?.connected) stream.attach(this.stomp, this.claims.tenant, this.generation);
    return {
      items: () => stream.items,
      stats: () => ({ ...stream.stats, lastSeq: stream.lastSeq, ready: stream.ready }),
      close: () => {
        stream.subs.forEach((s) => this.stomp?.connected && s.unsubscribe());
        this.streams.delete(kind);
      },
    };
  }

  /** Subscribes to a plain destination (e.g. /topic/<tenant>.presence, /topic/ops.tasks), again after every reconnect. */
  subscribe(destination, callback) {
    if (!this.topics.has(destination)) {
      this.topics.set(destination, new Set());
      if (this.stomp?.connected) this.subscribeTopic(destination);
    }
    this.topics.get(destination).add(callback);
    return () => this.topics.get(destination)?.delete(callback);
  }

  /** Sends an alert command; resolves with the gateway's reply {accepted, message, ...}. */
  alertCommand(alertId, action, note) {
    if (!this.stomp?.connected) return Promise.reject(new Error('not connected'));
    const verb = action === 'resolve' ? 'resolve' : 'ack';
    const replyAction = verb === 'ack' ? 'acknowledge' : 'resolve';
    return new Promise((resolve, reject) => {
      const waiter = { alertId, action: replyAction, resolve };
      this.replyWaiters.push(waiter);
      setTimeout(() => {
        const i = this.replyWaiters.indexOf(waiter);
        if (i >= 0) {
          this.replyWaiters.splice(i, 1);
          reject(new Error('no reply from the gateway within 10 s'));
        }
      }, 10000);
      this.stomp.publish({
        destination: `/app/alerts/${alertPath(alertId)}/${verb}`,
        body: note ? JSON.stringify({ note }) : '',
        headers: { 'content-type': 'application/json' },
      });
    });
  }

  /** Starts connecting (and keeps reconnecting until {@link stop}). */
  async start() {
    if (!this.stopped) return;
    this.stopped = false;
    window.addEventListener('online', this.onOnline);
    this.setState(ConnectionState.CONNECTING, 'connecting');
    await this.connect('initial');
  }

  /** Disconnects for good. */
  async stop(reason = 'stopped') {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    window.removeEventListener('online', this.onOnline);
    this.generation++;
    const old = this.stomp;
    this.stomp = null;
    this.setState(ConnectionState.OFFLINE, reason);
    if (old) await old.deactivate();
  }

  async connect(tokenReason) {
    const generation = ++this.generation;
    // An attempt still in flight (e.g. "Retry now" during a slow connect) must not live on unseen.
    const previous = this.stomp;
    this.stomp = null;
    if (previous) previous.deactivate({ force: true }).catch(() => {});
    let token;
    try {
      token = await this.getToken(tokenReason);
      this.claims = decodeToken(token);
    } catch (e) {
      if (tokenReason === 'initial') this.fail(`no token: ${e.message || e}`);
      else if (!this.stopped && generation === this.generation) this.scheduleRetry(`no token: ${e.message || e}`);
      return;
    }
    if (this.stopped || generation !== this.generation) return;
    if (this.claims.expiresAt && this.claims.expiresAt < Date.now()) {
      // Known to be expired before trying: ask for a new one once; if even that one is expired, give up.
      if (tokenReason === 'expired') this.fail('token expired and no fresh one: sign in again');
      else this.connect('expired');
      return;
    }
    this.closeReason = null;
    this.tokenExpired = false;
    this.retryAfterMs = 0;
    const o = this.options;
    const stomp = new Client({
      brokerURL: o.url,
      connectHeaders: { Authorization: `Bearer ${token}` },
      heartbeatIncoming: o.heartbeatMs,
      heartbeatOutgoing: o.heartbeatMs,
      connectionTimeout: o.connectTimeoutMs,
      reconnectDelay: 0, // this class schedules reconnects itself (with jitter)
      debug: o.debug ? (m) => console.debug('[stomp]', m) : () => {},
    });
    stomp.onConnect = () => generation === this.generation && this.onConnected(stomp, generation);
    stomp.onStompError = (frame) => generation === this.generation && this.onStompError(frame);
    stomp.onWebSocketClose = (evt) => generation === this.generation && this.onClosed(stomp, evt);
    stomp.onWebSocketError = () => this.log('WebSocket error (the close that follows says more)');
    this.stomp = stomp;
    stomp.activate();
  }

  onConnected(stomp, generation) {
    this.attempt = 0;
    // Session queues first: replies can only reach a subscription that exists before the SEND.
    stomp.subscribe('/user/queue/replies', (m) => this.onReply(JSON.parse(m.body)));
    stomp.subscribe('/user/queue/errors', (m) => {
      const body = JSON.parse(m.body);
      this.emitError({ source: 'queue', message: body.error, destination: body.destination });
    });
    for (const destination of this.topics.keys()) this.subscribeTopic(destination);
    for (const stream of this.streams.values()) stream.attach(stomp, this.claims.tenant, generation);
    this.setState(ConnectionState.LIVE, 'connected');
  }

  subscribeTopic(destination) {
    this.stomp.subscribe(destination, (m) => {
      const body = JSON.parse(m.body);
      for (const cb of this.topics.get(destination) || []) cb(body, m.headers);
    });
  }

  onReply(reply) {
    const i = this.replyWaiters.findIndex((w) => w.alertId === reply.alertId && w.action === reply.action);
    if (i >= 0) this.replyWaiters.splice(i, 1)[0].resolve(reply);
    if (!reply.accepted) this.emitError({ source: 'reply', message: reply.message, alertId: reply.alertId });
  }

  /** ERROR frames: the gateway closes the connection right after; decide what the reconnect does. */
  onStompError(frame) {
    const message = frame.headers.message || frame.body || 'ERROR frame';
    this.closeReason = message;
    this.retryAfterMs = Number(frame.headers['retry-after-ms'] || 0);
    this.emitError({ source: 'stomp', message });
    if (/expired/i.test(message) && /^Unauthorized/.test(message)) {
      this.tokenExpired = true;
    } else if (/^Unauthorized/.test(message)) {
      this.fatal = message; // a bad token does not get better by retrying
    } else if (/^Forbidden/.test(message)) {
      // Drop what was refused so the reconnect does not ask for it again.
      const refused = (message.match(/(\/(topic|app)\/\S+)/) || [])[1];
      if (refused) {
        this.topics.delete(refused);
        for (const [kind] of this.streams) if (refused.endsWith(`.${kind}`)) this.streams.delete(kind);
      }
    }
  }

  onClosed(stomp, evt) {
    stomp.deactivate({ force: true }).catch(() => {});
    if (this.stomp === stomp) this.stomp = null;
    if (this.stopped) return;
    for (const w of this.replyWaiters.splice(0)) w.resolve({ accepted: false, alertId: w.alertId, message: 'connection lost before the reply' });
    if (this.fatal) {
      const reason = this.fatal;
      this.fatal = null;
      this.fail(reason);
      return;
    }
    const reason = this.closeReason || `connection to the gateway lost (WebSocket close ${evt.code}${evt.reason ? `: ${evt.reason}` : ''})`;
    if (this.tokenExpired) {
      this.setState(ConnectionState.RECONNECTING, `${reason}: asking for a new token`, { attempt: 1, retryInMs: 0 });
      this.connect('expired');
      return;
    }
    this.scheduleRetry(reason);
  }

  scheduleRetry(reason) {
    this.attempt++;
    const delay = Math.max(this.retryAfterMs || 0, backoffDelay(this.attempt, this.options.backoffInitialMs, this.options.backoffMaxMs));
    this.setState(ConnectionState.RECONNECTING, reason, { attempt: this.attempt, retryInMs: delay, retryAt: Date.now() + delay });
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.connect(this.tokenExpired ? 'expired' : 'retry'), delay);
  }

  /** Reconnects at once (e.g. the browser came back online, or a "retry now" button). */
  reconnectNow(reason) {
    if (this.stopped || this.stomp?.connected) return;
    clearTimeout(this.retryTimer);
    this.setState(ConnectionState.RECONNECTING, reason, { attempt: this.attempt, retryInMs: 0 });
    this.connect('retry');
  }

  fail(reason) {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.setState(ConnectionState.OFFLINE, reason);
  }

  setState(state, reason, extra = {}) {
    this.status = { state, reason, since: Date.now(), ...extra };
    this.log(`${state}: ${reason}`);
    for (const l of this.stateListeners) l(this.status);
  }

  emitError(error) {
    for (const l of this.errorListeners) l(error);
  }

  log(message) {
    if (this.options.debug) console.info('[vigil]', message);
  }
}
