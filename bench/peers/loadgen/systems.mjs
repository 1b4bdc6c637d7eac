// Starts and stops the systems under test: the gateway JVM (three configurations), the Socket.IO
// nodes, and the Kafka feeders of the peers. Only processes started here are ever stopped.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { openSync } from 'node:fs';
import { sleep } from './common.mjs';

export const JWT_SECRET = 'vigil-local-demo-secret-change-me-0123456789';
const PEERS = new URL('..', import.meta.url).pathname;

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
    srv.on('error', reject);
  });
}

async function waitHttp(url, timeoutMs, proc) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (proc.exitCode !== null) throw new Error(`process exited with ${proc.exitCode} before ${url} answered`);
    try { const r = await fetch(url); if (r.ok) return; } catch { /* not up yet */ }
    await sleep(500);
  }
  throw new Error(`${url} not ready after ${timeoutMs / 1000} s`);
}

/**
 * The sessions ladder needs more sockets than the usual hard limit of 20,000 descriptors (relay
 * mode: two per session in the gateway). Raised with prlimit where allowed (root with
 * CAP_SYS_RESOURCE); otherwise processes keep the inherited limit, which the results record.
 */
export const NOFILE = spawnSync('prlimit', ['--nofile=200000:200000', 'true']).status === 0 ? 200000 : null;
export const withNofile = (cmd, args) => (NOFILE ? ['prlimit', [`--nofile=${NOFILE}:${NOFILE}`, cmd, ...args]] : [cmd, args]);

function start(cmd, args, logFile, opts = {}) {
  const out = openSync(logFile, 'a');
  const [c, a] = withNofile(cmd, args);
  const proc = spawn(c, a,
    { stdio: ['ignore', out, out, ...(opts.ipc ? ['ipc'] : [])], env: { ...process.env, ...opts.env } });
  return proc;
}

export async function stop(proc, graceMs = 20_000) {
  if (!proc || proc.exitCode !== null || proc.signalCode) return;
  const exited = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGTERM');
  if (await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)])) return;
  proc.kill('SIGKILL');
  await exited;
}

/**
 * Gateway heap: ./vigil up's 768m holds about 20,000 idle sessions (some 30 KB each, docs/benchmarks.md);
 * the sessions ladder goes to 25,000, so the benchmark gives it room (BENCH_GATEWAY_HEAP).
 */
export const GATEWAY_HEAP = process.env.BENCH_GATEWAY_HEAP || '1536m';

/** The gateway jar with the given profiles and delivery mode, on its own topics, group and Redis prefix. */
export async function startGateway({ java, jar, id, name, instance = 0, profiles, mode, topics, logDir, jvmOpts = [], extraArgs = [] }) {
  const port = await freePort();
  const args = [...jvmOpts, `-Xmx${GATEWAY_HEAP}`, '-XX:+UseG1GC', '-jar', jar,
    `--server.port=${port}`,
    `--spring.profiles.active=${profiles}`,
    `--vigil.delivery.mode=${mode}`,
    `--vigil.topics.scores=${topics.scores}`, `--vigil.topics.metrics=${topics.metrics}`,
    `--vigil.topics.anomalies=${topics.anomalies}`, `--vigil.topics.alerts=${topics.alerts}`,
    `--vigil.topics.alert-commands=${topics.alertCommands}`,
    `--vigil.state.key-prefix=bench:${id}:${name}`,
    `--spring.kafka.consumer.group-id=bench-${id}-${name}-bridge`,
    '--vigil.websocket.max-connections-per-user=5',
    '--logging.level.root=WARN', ...extraArgs];
  const proc = start(java, args, `${logDir}/${name}${instance ? `-${instance}` : ''}.log`);
  await waitHttp(`http://127.0.0.1:${port}/actuator/health/readiness`, 300_000, proc)
    .catch(async (e) => { await stop(proc); throw e; });
  return { procs: [proc], pid: proc.pid, port, url: `ws://127.0.0.1:${port}/ws`, origin: `http://127.0.0.1:${port}` };
}

/** Two Socket.IO nodes (one per core) sharing rooms through the Redis adapter. */
export async function startSocketIo({ id, nodes = 2, logDir }) {
  const key = `bench-${id}-socket.io`;
  const list = [];
  for (let i = 0; i < nodes; i++) {
    const port = await freePort();
    const proc = start('node', [`${PEERS}socketio-server.mjs`, String(port), key], `${logDir}/socketio-${i}.log`,
      { env: { BENCH_JWT_SECRET: JWT_SECRET } });
    list.push({ proc, port });
  }
  try {
    for (const n of list) await waitHttp(`http://127.0.0.1:${n.port}/health`, 60_000, n.proc);
  } catch (e) {
    for (const n of list) await stop(n.proc);
    throw e;
  }
  return { procs: list.map((n) => n.proc), pids: list.map((n) => n.proc.pid), key,
    urls: list.map((n) => `http://127.0.0.1:${n.port}`), origin: `http://127.0.0.1:${list[0].port}` };
}

/** A Kafka → peer feeder (feeder.mjs); resolves once its consumer has joined the group. */
export async function startFeeder({ topic, group, sink, key, logDir }) {
  const args = [`${PEERS}feeder.mjs`, topic, group, sink, ...(key ? [key] : [])];
  const proc = start('node', args, `${logDir}/feeder-${sink}.log`, { ipc: true });
  await new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('feeder did not join its group in 60 s')), 60_000);
    proc.on('message', (m) => { if (m.ready) { clearTimeout(t); resolve(); } });
    proc.on('exit', (c) => { clearTimeout(t); reject(new Error(`feeder exited with ${c}`)); });
  }).catch(async (e) => { await stop(proc); throw e; });
  return proc;
}
