// A load-generator process: holds many sessions (clients.mjs), paces connects, counts delivered
// frames and end-to-end latency. Driven by the orchestrator (bench.mjs) over IPC.
import { openSession } from './clients.mjs';
import { Histogram, mintToken, sentAtOf, sleep } from './common.mjs';

let target = null;
const sessions = [];
let frames = 0;
let earlier = 0;
let since = 0;
let lost = 0;
const lostReasons = new Map();
let latency = new Histogram();

const hooks = {
  // frames of records produced before the current measurement began (a previous step's backlog)
  // are counted apart, so that one step's figures never include another's
  onFrame(body) {
    const sentAt = sentAtOf(body);
    if (sentAt < since) { earlier++; return; }
    frames++; latency.add(Date.now() - sentAt);
  },
  onLost(reason) { lost++; lostReasons.set(reason, (lostReasons.get(reason) || 0) + 1); },
};

function makeTarget(spec) {
  // several nodes (Socket.IO's two, gateway instances): sessions are spread round-robin by index,
  // those below spec.scaleOutFrom (if any) all on the first
  const urls = spec.urls || [spec.url];
  const from = spec.scaleOutFrom || 0;
  const base = { kind: spec.kind, origin: spec.origin, urlFor: (s) => (s.index < from ? urls[0] : urls[s.index % urls.length]) };
  if (spec.kind === 'socketio') return base;
  if (spec.auth === 'jwt') return { ...base, authHeaders: (s) => ({ Authorization: `Bearer ${s.token}` }) };
  return { ...base, authHeaders: () => ({ login: spec.login, passcode: spec.passcode, host: spec.vhost }) };
}

/** Opens sessions [from, to) at `rate` per second; returns connect/ready histograms and errors. */
async function open({ from, to, rate, perTenant, tenantPrefix, userPrefix, secret }) {
  const connect = new Histogram();
  const ready = new Histogram();
  const errors = new Map();
  const pending = [];
  const started = performance.now();
  for (let i = from; i < to; i++) {
    const due = started + ((i - from) * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const tenant = `${tenantPrefix}${Math.floor(i / perTenant)}`;
    const session = { index: i, tenant, token: mintToken(secret, `${userPrefix}${i}`, tenant) };
    pending.push(openSession(target, session, hooks).then(
      (s) => { sessions.push(s); connect.add(s.connectMs); ready.add(s.readyMs); },
      (e) => { errors.set(e.message, (errors.get(e.message) || 0) + 1); },
    ));
  }
  await Promise.all(pending);
  return { connect: connect.sparse(), ready: ready.sparse(), errors: Object.fromEntries(errors), held: sessions.length,
    seconds: (performance.now() - started) / 1000 };
}

process.on('message', async (msg) => {
  try {
    let reply;
    switch (msg.cmd) {
      case 'init': target = makeTarget(msg.target); reply = {}; break;
      case 'open': reply = await open(msg); break;
      case 'stats':
        reply = { frames, earlier, latency: latency.sparse(), lost, lostReasons: Object.fromEntries(lostReasons), held: sessions.length - lost };
        if (msg.reset) { frames = 0; earlier = 0; latency = new Histogram(); since = msg.since || 0; }
        break;
      case 'closeAll':
        await Promise.allSettled(sessions.map((s) => s.close()));
        sessions.length = 0; lost = 0; lostReasons.clear();
        reply = {};
        break;
      default: throw new Error(`unknown command ${msg.cmd}`);
    }
    process.send({ id: msg.id, ok: true, ...reply });
  } catch (e) {
    process.send({ id: msg.id, ok: false, error: String(e && e.stack || e) });
  }
});
process.on('disconnect', () => process.exit(0));
