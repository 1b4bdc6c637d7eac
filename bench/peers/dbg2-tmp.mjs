import { openSession } from './loadgen/clients.mjs';
import { mintToken, sleep } from './loadgen/common.mjs';
const n = Number(process.argv[2]), rate = Number(process.argv[3]);
const target = { kind: 'stomp', url: 'ws://127.0.0.1:18931/ws', origin: 'http://127.0.0.1:18931', authHeaders: (s) => ({ Authorization: `Bearer ${s.token}` }) };
const res = []; const errs = {};
const t0 = Date.now();
const ps = [];
for (let i = 0; i < n; i++) {
  const tenant = 'dbgt' + Math.floor(i / 100);
  ps.push(openSession(target, { index: i, tenant, token: mintToken('vigil-local-demo-secret-change-me-0123456789', 'dbgu' + i + '-' + t0, tenant) }, { onFrame() {}, onLost(r) { console.log('lost', r); } })
    .then((s) => res.push(s.connectMs), (e) => { errs[e.message] = (errs[e.message] || 0) + 1; }));
  await sleep(1000 / rate);
}
await Promise.all(ps);
res.sort((a, b) => a - b);
console.log('ok', res.length, 'p50', res[res.length >> 1], 'p99', res[Math.floor(res.length * 0.99)], errs, 'took', Date.now() - t0);
process.exit(0);
