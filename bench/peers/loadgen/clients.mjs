// One benchmark session per call: a real client library connects, authenticates and subscribes to
// its tenant's scores. STOMP: @stomp/stompjs over ws (Vigil's gateway and RabbitMQ Web-STOMP);
// Socket.IO: socket.io-client (websocket transport only, as a browser would after the upgrade).
import { Client } from '@stomp/stompjs';
import WebSocket from 'ws';
import { io } from 'socket.io-client';

const CONNECT_TIMEOUT_MS = 10_000;

/**
 * Opens one session. `hooks.onFrame(body)` per live message, `hooks.onLost(reason)` when an
 * established session dies. Resolves {connectMs, readyMs, close} or rejects with the reason.
 */
export function openSession(target, session, hooks) {
  return target.kind === 'socketio' ? openSocketIo(target, session, hooks) : openStomp(target, session, hooks);
}

function openStomp(target, session, hooks) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let connectMs = null;
    let settled = false;
    let closing = false;
    const fail = (reason) => {
      if (!settled) { settled = true; clearTimeout(timer); client.deactivate().catch(() => {}); reject(new Error(reason)); }
      else if (!closing) { closing = true; hooks.onLost(reason); client.deactivate().catch(() => {}); }
    };
    const timer = setTimeout(() => fail('connect timeout'), CONNECT_TIMEOUT_MS);
    const client = new Client({
      webSocketFactory: () => new WebSocket(target.urlFor(session), ['v12.stomp'], { origin: target.origin, perMessageDeflate: false }),
      connectHeaders: target.authHeaders(session),
      reconnectDelay: 0,
      heartbeatIncoming: 10_000,
      heartbeatOutgoing: 10_000,
      debug: () => {},
    });
    client.onConnect = () => {
      connectMs = performance.now() - started;
      const receipt = `r-${session.index}`;
      client.watchForReceipt(receipt, () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ connectMs, readyMs: performance.now() - started, close: () => { closing = true; return client.deactivate(); } });
      });
      client.subscribe(`/topic/${session.tenant}.scores`, (m) => hooks.onFrame(m.body), { receipt });
    };
    client.onStompError = (f) => fail(`ERROR frame: ${f.headers.message || ''}`);
    client.onWebSocketError = () => fail('websocket error');
    client.onWebSocketClose = (e) => fail(`closed ${e.code}`);
    client.activate();
  });
}

function openSocketIo(target, session, hooks) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let settled = false;
    let closing = false;
    const socket = io(target.urlFor(session), {
      transports: ['websocket'], auth: { token: session.token }, reconnection: false, forceNew: true,
      timeout: CONNECT_TIMEOUT_MS, extraHeaders: { origin: target.origin },
    });
    const fail = (reason) => {
      if (!settled) { settled = true; clearTimeout(timer); socket.close(); reject(new Error(reason)); }
      else if (!closing) { closing = true; hooks.onLost(reason); socket.close(); }
    };
    const timer = setTimeout(() => fail('connect timeout'), CONNECT_TIMEOUT_MS);
    socket.on('connect', () => {
      const connectMs = performance.now() - started;
      socket.emit('subscribe', `${session.tenant}.scores`, (answer) => {
        if (settled) return;
        if (!answer || !answer.ok) { fail(`subscribe refused: ${answer && answer.error}`); return; }
        settled = true;
        clearTimeout(timer);
        resolve({ connectMs, readyMs: performance.now() - started, close: () => { closing = true; socket.close(); } });
      });
    });
    socket.on('scores', (body) => hooks.onFrame(body));
    socket.on('connect_error', (e) => fail(`connect_error: ${e.message}`));
    socket.on('disconnect', (reason) => fail(`disconnect: ${reason}`));
  });
}
