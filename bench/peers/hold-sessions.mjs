// Opens N STOMP sessions on a gateway (each subscribed to its tenant's scores, 100 per tenant, as in
// the benchmark), prints "held N" once all are subscribed, and holds them until killed.
// Used by bench/heap-per-session.sh.  node hold-sessions.mjs <ws-url> <sessions> <per-second> <secret>
import { openSession } from './loadgen/clients.mjs';
import { mintToken } from './loadgen/common.mjs';

const [url, count, rate, secret] = process.argv.slice(2);
const n = Number(count);
const target = { kind: 'stomp', origin: url.replace(/^ws/, 'http').replace(/\/ws$/, ''), urlFor: () => url,
  authHeaders: (s) => ({ Authorization: `Bearer ${s.token}` }) };
const run = Date.now().toString(36);
const errors = new Map();
const pending = [];
for (let i = 0; i < n; i++) {
  const tenant = `heap${run}t${Math.floor(i / 100)}`;
  const session = { index: i, tenant, token: mintToken(secret, `heap-${run}-${i}`, tenant) };
  pending.push(openSession(target, session, { onFrame() {}, onLost() {} })
    .catch((e) => errors.set(e.message, (errors.get(e.message) || 0) + 1)));
  await new Promise((r) => setTimeout(r, 1000 / Number(rate)));
}
await Promise.all(pending);
console.log(`held ${n - [...errors.values()].reduce((a, b) => a + b, 0)}`, errors.size ? JSON.stringify(Object.fromEntries(errors)) : '');
setInterval(() => {}, 1 << 30);
