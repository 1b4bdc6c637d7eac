// Shared helpers of the load generator: HS256 tokens, latency histograms, /proc readers.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';

const b64url = (s) => Buffer.from(s).toString('base64url');

/** An HS256 JWT with the claims the gateway requires (sub, tenant, roles, exp). */
export function mintToken(secret, sub, tenant, ttlSeconds = 8 * 3600) {
  const now = Math.floor(Date.now() / 1000);
  const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = b64url(JSON.stringify({ sub, tenant, roles: ['viewer'], iat: now, exp: now + ttlSeconds }));
  const sig = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

/** Checks an HS256 JWT (signature and expiry) and returns its claims, or null. */
export function verifyToken(secret, token) {
  const parts = String(token || '').split('.');
  if (parts.length !== 3) return null;
  const sig = createHmac('sha256', secret).update(`${parts[0]}.${parts[1]}`).digest('base64url');
  if (sig !== parts[2]) return null;
  const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString());
  return claims.exp * 1000 > Date.now() ? claims : null;
}

/** Millisecond-bucket histogram up to 120 s (one bucket per ms); mergeable across processes. */
export class Histogram {
  constructor(counts) { this.counts = counts || new Uint32Array(120_001); this.n = 0; for (const c of this.counts) this.n += c; }
  add(ms) { const i = ms < 0 ? 0 : ms > 120_000 ? 120_000 : Math.round(ms); this.counts[i]++; this.n++; }
  merge(other) { for (let i = 0; i < other.length; i++) this.counts[i] += other[i]; this.n = 0; for (const c of this.counts) this.n += c; }
  quantile(q) {
    if (this.n === 0) return null;
    const target = Math.ceil(q * this.n);
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) { seen += this.counts[i]; if (seen >= target) return i; }
    return this.counts.length - 1;
  }
  /** Sparse form for IPC: [[ms, count], ...]. */
  sparse() { const out = []; this.counts.forEach((c, i) => { if (c) out.push([i, c]); }); return out; }
  static fromSparse(list) { const h = new Histogram(); for (const [i, c] of list) { h.counts[i] += c; h.n += c; } return h; }
  addSparse(list) { for (const [i, c] of list) { this.counts[i] += c; this.n += c; } }
}

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat; null if gone. */
export function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch { return null; }
}

/** VmRSS of a process in MiB, from /proc/<pid>/status; null if gone. */
export function rssMiB(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch { return null; }
}

export function loadAverage() {
  try { return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number); } catch { return null; }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A JSON value of exactly `bytes` bytes whose first field is the send time (cheap to read back). */
export function payload(bytes, sentAt, tenant, key, version) {
  const head = `{"sentAt":${sentAt},"tenant":"${tenant}","key":"${key}","version":${version},"entityType":"ip","score":42.5,"pad":"`;
  const pad = Math.max(0, bytes - head.length - 2);
  return head + 'x'.repeat(pad) + '"}';
}

/** Reads the send time back from a payload made by {@link payload}. */
export function sentAtOf(body) {
  const s = typeof body === 'string' ? body : body.toString();
  return Number(s.slice(10, s.indexOf(',', 10)));
}
