// Vigil benchmark orchestrator: measures every system of plan.mjs in one run on this machine and
// writes target/bench/results.json. Started by bench/run.sh (`./vigil bench [--quick]`).
//   node bench.mjs --quick|--full --out <results.json> --root <repo> --java <java> --jar <gateway jar>
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { createClient } from 'redis';
import { Producer, Workers } from './pool.mjs';
import { GATEWAY_HEAP, JWT_SECRET, NOFILE, startFeeder, startGateway, startSocketIo, stop } from './systems.mjs';
import { connectPhase, cpuMeter, fanout, hold, memory } from './scenarios.mjs';
import { PLANS, SYSTEMS, TARGETS } from './plan.mjs';
import { flatten, runStreamProcessor } from './results.mjs';
import { loadAverage, sleep } from './common.mjs';

const args = Object.fromEntries(process.argv.slice(2).map((a, i, all) =>
  a.startsWith('--') ? [a.slice(2), all[i + 1] && !all[i + 1].startsWith('--') ? all[i + 1] : true] : null).filter(Boolean));
const quick = Boolean(args.quick);
// --fanout: the fan-out at 1,000 sessions only, longer steps, no report (for profiling and A/B runs)
const runName = args.fanout ? 'fanout' : quick ? 'quick' : 'full';
const plan = PLANS[runName];
const id = randomBytes(3).toString('hex');
const logDir = `${args.root}/target/bench/logs`;
mkdirSync(logDir, { recursive: true });
const log = (m) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${m}`);
const started = new Set();
/** Extra gateway arguments (BENCH_GATEWAY_ARGS); by default the gateway runs as shipped. */
const GATEWAY_ARGS = (process.env.BENCH_GATEWAY_ARGS ?? '').split(' ').filter(Boolean);
/** Extra JVM options of every gateway (BENCH_GATEWAY_JVM_OPTS), e.g. a profiler agent. */
const GATEWAY_JVM_OPTS = (process.env.BENCH_GATEWAY_JVM_OPTS ?? '').split(' ').filter(Boolean);
const beamPid = () => { try { return execFileSync('pgrep', ['-x', 'beam.smp']).toString().trim().split('\n').map(Number); } catch { return []; } };

async function rabbitConnections() {
  try {
    const r = await fetch('http://127.0.0.1:15672/api/overview',
      { headers: { authorization: `Basic ${Buffer.from('vigil-admin:vigil-admin-dev').toString('base64')}` } });
    return (await r.json()).object_totals.connections;
  } catch { return null; }
}

/** RabbitMQ's open-files limit (management API), or null if it cannot be read. */
async function rabbitFileDescriptors() {
  try {
    const r = await fetch('http://127.0.0.1:15672/api/nodes',
      { headers: { authorization: `Basic ${Buffer.from('vigil-admin:vigil-admin-dev').toString('base64')}` } });
    return (await r.json())[0].fd_total ?? null;
  } catch { return null; }
}

/** Sessions a gateway holds (its vigil_stomp_sessions gauge); 0 without the metric, null if busy. */
async function gatewaySessions(port) {
  try {
    const text = await (await fetch(`http://127.0.0.1:${port}/actuator/prometheus`)).text();
    const m = /^vigil_stomp_sessions(?:\{[^}]*\})? ([0-9.eE+]+)/m.exec(text);
    return m ? Number(m[1]) : 0;
  } catch { return null; }
}

/** Waits (up to 120 s) until the gateways hold no session: a connect storm leaves a backlog behind. */
async function gatewayIdle(ports) {
  const t0 = Date.now();
  while (Date.now() - t0 < 120_000) {
    const held = await Promise.all(ports.map(gatewaySessions));
    if (held.every((n) => n === 0)) break;
    await sleep(1000);
  }
  await sleep(1000);
  return Math.round((Date.now() - t0) / 1000);
}

async function startSystem(sys, topics) {
  if (sys.kind === 'gateway') {
    const jvmOpts = sys.name === 'vigil-relay' && process.env.BENCH_JFR
      ? [`-XX:StartFlightRecording=filename=${args.root}/target/bench/gateway-relay.jfr,settings=profile`, ...GATEWAY_JVM_OPTS]
      : GATEWAY_JVM_OPTS;
    const gws = [];
    try {
      // instances share the bridge's consumer group, the Redis prefix and the topics, as ./vigil up --instances does
      for (let i = 0; i < (sys.scaleOut ? plan.scaleOutInstances : 1); i++) {
        const gw = await startGateway({ java: args.java, jar: args.jar, id, name: sys.name, instance: i, profiles: sys.profiles,
          mode: sys.mode, topics, logDir, jvmOpts, extraArgs: GATEWAY_ARGS });
        gw.procs.forEach((p) => started.add(p));
        gws.push(gw);
      }
    } catch (e) {
      for (const gw of gws) for (const p of gw.procs) { await stop(p); started.delete(p); }
      throw e;
    }
    const pids = gws.map((gw) => gw.pid);
    return { procs: gws.flatMap((gw) => gw.procs),
      target: { kind: 'stomp', auth: 'jwt', urls: gws.map((gw) => gw.url), origin: gws[0].origin, scaleOutFrom: plan.scaleOutFromSession ?? 0 },
      idle: () => gatewayIdle(gws.map((gw) => gw.port)),
      mem: { gateway: pids, rabbitmq: beamPid() }, sut: () => [...pids, ...beamPid()] };
  }
  if (sys.kind === 'rabbit') {
    const feeder = await startFeeder({ topic: topics.scores, group: `bench-${id}-rabbit-feeder`, sink: 'rabbit', logDir });
    started.add(feeder);
    return { procs: [feeder], idle: () => sleep(2000).then(() => 2), target: { kind: 'stomp', auth: 'login', url: 'ws://127.0.0.1:15674/ws',
      origin: 'http://127.0.0.1:15674', login: 'vigil-gateway', passcode: 'vigil-gateway-dev', vhost: 'vigil' },
    mem: { rabbitmq: beamPid() }, sut: () => [feeder.pid, ...beamPid()] };
  }
  const sio = await startSocketIo({ id, logDir });
  sio.procs.forEach((p) => started.add(p));
  const feeder = await startFeeder({ topic: topics.scores, group: `bench-${id}-sio-feeder`, sink: 'socketio', key: sio.key, logDir });
  started.add(feeder);
  return { procs: [...sio.procs, feeder], idle: () => sleep(2000).then(() => 2), target: { kind: 'socketio', urls: sio.urls, origin: sio.origin },
    mem: { socketio: sio.pids }, sut: () => [...sio.pids, feeder.pid] };
}

const createdTopics = [];

/** Creates a system's topics and starts it; the promise settles when it is ready (or failed). */
function prepare(sys) {
  const t = (k) => `bench-${id}-${sys.name}-${k}`;
  const topics = { scores: t('threat.scores'), metrics: t('metrics.minute'), anomalies: t('anomalies'),
    alerts: t('alerts'), alertCommands: t('alert.commands') };
  createdTopics.push(...Object.values(topics));
  const ready = (async () => {
    const admin = new Producer(`bench-${id}-${sys.name}-admin`);
    await admin.connect();
    try { await admin.createTopics(Object.values(topics)); } finally { await admin.disconnect(); }
    return startSystem(sys, topics);
  })();
  ready.catch(() => {}); // awaited (and reported) by measure()
  return { topics, ready };
}

/**
 * The client processes for a system: Socket.IO's own client library, and for STOMP the lean Java
 * client (BENCH_STOMP_CLIENT=java, the default) or @stomp/stompjs (BENCH_STOMP_CLIENT=stompjs).
 * docs/benchmarks.md, "Load generator", says why the lean client is the default.
 */
const STOMP_CLIENT = process.env.BENCH_STOMP_CLIENT || 'java';
const CLIENTS = {
  node: (sys) => (sys.kind === 'socketio' ? 'socket.io-client 4 (Node)' : '@stomp/stompjs 7 over ws (Node)'),
  java: () => 'lean STOMP 1.2 client over the JDK WebSocket (bench module, io.vigil.bench.loadgen)',
};
const pools = {};
function workersFor(sys) {
  const kind = sys.kind === 'socketio' || STOMP_CLIENT === 'stompjs' ? 'node' : 'java';
  pools[kind] ??= new Workers(Number(process.env.BENCH_WORKERS || 2), process.env.BENCH_LOADGEN_CPUS,
    { kind, java: args.java, classpath: args['loadgen-classpath'] });
  return { workers: pools[kind], client: CLIENTS[kind](sys) };
}

async function measure(sys, { topics, ready }) {
  const { workers, client } = workersFor(sys);
  const out = { system: sys.name, label: sys.label, description: sys.description, loadGeneratorClient: client, notes: [] };
  // a producer per system: kafkajs keeps refreshing metadata of every topic it has written to
  const producer = new Producer(`bench-${id}-${sys.name}`);
  let running = null;
  try {
    await producer.connect();
    running = await ready;
    await workers.all({ cmd: 'init', target: running.target });
    const ctx = {
      workers, producer, plan, log, topic: topics.scores, bytes: 1024, perTenant: 100, drainMs: plan.drainMs,
      tenants: (n) => Array.from({ length: Math.ceil(n / 100) }, (_, k) => `b${id}${sys.name.slice(0, 3)}t${k}`),
      sessionSpec: { perTenant: 100, tenantPrefix: `b${id}${sys.name.slice(0, 3)}t`, userPrefix: `bench-${id}-u`, secret: JWT_SECRET },
      cpu: () => cpuMeter({ systemUnderTest: running.sut, loadGenerator: () => [process.pid, ...workers.pids] }),
    };
    if (sys.scaleOut && plan.scaleOutInstances > 1) {
      out.notes.push(`${plan.scaleOutInstances} gateway instances: the first ${(plan.scaleOutFromSession ?? 0).toLocaleString('en-US')} sessions `
        + 'on the first (one JVM uses both cores; every fan-out step was measured there), the sessions past them alternating '
        + 'between the two (one process here may hold only 20,000 sockets); memory is their sum');
    }
    await warmUp(ctx, sys);
    const mem0 = memory(running.mem); const conns0 = await rabbitConnections();
    out.memory = { baselineMiB: mem0, steps: [] };
    let held = 0; out.sessions = { steps: [], maxHeld: 0 }; out.fanout = {};
    const brokerSockets = sys.brokerSocketPerSession ? await rabbitFileDescriptors() : null;
    for (const step of plan.sessionSteps) {
      if (brokerSockets && step > brokerSockets * 0.9) {
        // RabbitMQ at its open-files limit does not refuse politely: its internal processes crash and
        // it stays broken for everyone (seen 2026-11-23 at 20,000 with a limit of 20,000)
        out.notes.push(`the ladder stopped before ${step} sessions: each holds a RabbitMQ socket and RabbitMQ's `
          + `open-files limit is ${brokerSockets}; past it RabbitMQ breaks for every other user`);
        break;
      }
      const phase = await connectPhase(ctx, held, step, plan.connectRate);
      held = step;
      log(`${sys.name}: ${step} sessions, connect p50/p99 ${phase.connectP50Ms}/${phase.connectP99Ms} ms, errors ${phase.errors}`);
      if (!out.connect) out.connect = phase;
      // sessions that all came up are held and measured even when connects were slow; the ladder
      // then stops (connect p99 > 1 s or any error ends it, as does any session lost while held)
      let h = phase.errors === 0 ? await hold(ctx, plan.holdSeconds) : null;
      const ok = h !== null && h.lost === 0 && phase.connectP99Ms <= 1000;
      let reopened;
      if (!h && plan.fanoutSessions.includes(step)) {
        // connects failed at the steady rate: the ladder ends here, but memory and fan-out are
        // still measured with the same sessions opened again, more slowly
        await workers.all({ cmd: 'closeAll' });
        out.notes.push(`after the failed connects, the system took ${await running.idle()} s to drop every session`);
        reopened = await connectPhase(ctx, 0, step, plan.slowConnectRate);
        log(`${sys.name}: reopened ${step} sessions at ${plan.slowConnectRate}/s: p99 ${reopened.connectP99Ms} ms, errors ${reopened.errors}`);
        if (reopened.errors <= step * 0.05) h = await hold(ctx, plan.holdSeconds);
        if (h) h.lost += reopened.errors;
        out.notes.push(`${step} sessions at ${plan.connectRate}/s had ${phase.errors} connect errors; memory and fan-out `
          + `were measured after opening them again at ${plan.slowConnectRate}/s (${reopened.errors} errors)`);
      }
      out.sessions.steps.push({ target: step, ...phase, heldSeconds: h ? plan.holdSeconds : 0, lost: h ? h.lost : null,
        lostReasons: h ? h.lostReasons : undefined, held: ok, reopened });
      // a few sessions lost while held end the ladder but still leave a fan-out to measure
      const live = h ? step - h.lost : 0;
      if (!h || live < step * 0.95) break;
      ctx.liveFraction = live / step;
      if (ok) out.sessions.maxHeld = step;
      const mem = memory(running.mem);
      const conns = await rabbitConnections();
      out.memory.steps.push({ sessions: step, rssMiB: mem,
        brokerConnectionsAdded: conns !== null && conns0 !== null ? conns - conns0 : null });
      if (plan.fanoutSessions.includes(step)) out.fanout[step] = { ...(await fanout(ctx, step)), sessionsLive: live };
      if (!ok) break;
    }
    out.memory.per1000SessionsMiB = per1000(out.memory);
    noteDelivery(sys, out);
  } catch (e) {
    out.error = String(e.message || e);
    log(`${sys.name}: FAILED ${out.error}`);
  } finally {
    await workers.all({ cmd: 'closeAll' }).catch(() => {});
    if (running) for (const p of running.procs) { await stop(p); started.delete(p); }
    await producer.disconnect();
  }
  return out;
}

/**
 * A cold JVM (or broker) answers its first connects slowly enough that a 200/s stream of them
 * queues up and times out; a few slow connects and a short publish, all closed again, come first.
 */
async function warmUp(ctx, sys) {
  await ctx.workers.open(0, plan.warmUpSessions, plan.warmUpRate, { ...ctx.sessionSpec, userPrefix: `bench-${id}-warm-` });
  await ctx.workers.all({ cmd: 'closeAll' });
  await sleep(2000);
  log(`${sys.name}: warmed up`);
}

/** RSS growth per 1,000 sessions: from no session to the largest step held (least noisy slope). */
function per1000(mem) {
  const last = mem.steps.at(-1);
  if (!last) return null;
  return Object.fromEntries(Object.entries(last.rssMiB).map(([k, v]) =>
    [k, v === null || mem.baselineMiB[k] === null ? null : +(((v - mem.baselineMiB[k]) * 1000) / last.sessions).toFixed(1)]));
}

/** Relay keeps one RabbitMQ connection per session; shared and the simple broker must not. */
function noteDelivery(sys, out) {
  const step = out.memory.steps.at(-1);
  if (!step || step.brokerConnectionsAdded === null || sys.kind !== 'gateway') return;
  const perSession = step.brokerConnectionsAdded / step.sessions;
  out.brokerConnectionsPerSession = +perSession.toFixed(2);
  if (sys.name !== 'vigil-relay' && perSession > 0.5) {
    out.notes.push(`${step.brokerConnectionsAdded} RabbitMQ connections were added for ${step.sessions} sessions: `
      + `this gateway build still relayed every session (the ${sys.name === 'vigil-shared' ? 'shared delivery mode' : 'simple-broker profile'} is not in effect)`);
  }
}

async function deleteTopics() {
  const admin = new Producer(`bench-${id}-admin`);
  await admin.connect();
  await admin.deleteTopics(createdTopics);
  await admin.disconnect();
}

async function cleanRedis() {
  const redis = createClient({ url: 'redis://127.0.0.1:6379' });
  await redis.connect();
  for await (const keys of redis.scanIterator({ MATCH: `bench:${id}:*`, COUNT: 1000 })) {
    if (keys.length) await redis.del(keys);
  }
  await redis.quit();
}

async function main() {
  const t0 = Date.now();
  const chosen = process.env.BENCH_SYSTEMS ? SYSTEMS.filter((s) => process.env.BENCH_SYSTEMS.split(',').includes(s.name)) : SYSTEMS;
  const results = {
    generatedAt: new Date().toISOString(), run: runName, command: `./vigil bench${runName === 'full' ? '' : ` --${runName}`}`,
    benchId: id, plan, targets: TARGETS,
    machine: { cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version,
      loadAverageAtStart: loadAverage(), loadGeneratorCpus: process.env.BENCH_LOADGEN_CPUS || 'all', stompClient: STOMP_CLIENT,
      fileDescriptorLimit: NOFILE || `inherited: ${process.env.BENCH_NOFILE || 'ulimit -n'} (prlimit not permitted)` },
    payloadBytes: 1024, sessionsPerTenant: 100, gatewayJvm: `-Xmx${GATEWAY_HEAP} -XX:+UseG1GC`, gatewayArgs: GATEWAY_ARGS, systems: [],
  };
  try {
    // --quick starts the gateway JVMs together up front (their start-up is most of the wall time;
    // an idle gateway costs little); the full run starts each system just before measuring it
    const prepared = new Map();
    if (quick) {
      chosen.filter((s) => s.kind === 'gateway').forEach((s) => prepared.set(s.name, prepare(s)));
      // all of them up before the first is measured: a JVM still starting would compete with it
      await Promise.allSettled([...prepared.values()].map((p) => p.ready));
      await sleep(5000);
    }
    for (const sys of chosen) {
      log(`measuring ${sys.name}`);
      results.systems.push(await measure(sys, prepared.get(sys.name) || prepare(sys)));
    }
  } finally {
    await Promise.all(Object.values(pools).map((w) => w.stop()));
    await deleteTopics();
    await cleanRedis().catch((e) => log(`redis cleanup: ${e.message}`));
  }
  if (!process.env.BENCH_SKIP_STREAM) {
    log('stream-processor benchmark');
    results.streamProcessor = await runStreamProcessor(args.root, plan, started);
  }
  results.machine.loadAverageAtEnd = loadAverage();
  results.wallSeconds = Math.round((Date.now() - t0) / 1000);
  const written = process.env.BENCH_MERGE ? merged(results) : results;
  written.results = flatten(written);
  writeFileSync(args.out, JSON.stringify(written, null, 2));
  log(`wrote ${args.out} in ${results.wallSeconds} s`);
}

/**
 * BENCH_MERGE=<earlier results.json>: the systems measured now replace theirs in that run (after a
 * fix to one of them, without measuring the others again); the rest of it is kept, and the report
 * lists what was re-measured, when and why (BENCH_MERGE_REASON).
 */
function merged(fresh) {
  const earlier = JSON.parse(readFileSync(process.env.BENCH_MERGE, 'utf8'));
  const byName = new Map(fresh.systems.map((s) => [s.system, s]));
  earlier.systems = earlier.systems.map((s) => byName.get(s.system) ?? s);
  for (const s of fresh.systems) if (!earlier.systems.some((e) => e.system === s.system)) earlier.systems.push(s);
  earlier.remeasured = [...(earlier.remeasured || []), ...fresh.systems.map((s) => ({
    system: s.system, label: s.label, at: fresh.generatedAt, loadAverageAtStart: fresh.machine.loadAverageAtStart,
    wallSeconds: fresh.wallSeconds, gatewayJvm: fresh.gatewayJvm, reason: process.env.BENCH_MERGE_REASON || '' }))];
  return earlier;
}

const shutdown = async (code) => { for (const p of started) await stop(p, 5000); process.exit(code); };
process.on('SIGINT', () => shutdown(130));
process.on('SIGTERM', () => shutdown(143));
// the load generator is bounded in time as well as in sessions and rates: past the deadline it
// stops everything it started and exits without results
setTimeout(() => { log(`deadline of ${plan.deadlineMinutes} min passed: stopping`); shutdown(1); },
  plan.deadlineMinutes * 60_000).unref();
main().then(() => shutdown(0), (e) => { console.error(e); shutdown(1); });
