// Shapes results.json: one object per scenario and system with its figures and the ratios of
// each Vigil configuration to RabbitMQ-direct and to Socket.IO; folds in the stream processor.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, unlinkSync } from 'node:fs';

/** Figures per scenario, from one system's measurement. */
function scenarios(s) {
  const out = [];
  // every figure travels with the CPU of the system under test and of the load generator, and the load average
  const add = (scenario, figures, phase) => {
    if (figures) out.push({ scenario, system: s.system, figures, cpuCores: phase?.cpuCores, loadAverage: phase?.loadAverage });
  };
  if (s.sessions) add('sessions-held', { maxSessionsHeld: s.sessions.maxHeld });
  if (s.connect) add('connect-200-per-s', { connectP50Ms: s.connect.connectP50Ms, connectP99Ms: s.connect.connectP99Ms,
    subscribedP99Ms: s.connect.subscribedP99Ms, errors: s.connect.errors }, s.connect);
  for (const [n, f] of Object.entries(s.fanout || {})) {
    add(`fanout-${n}-sessions`, { maxDeliveredFramesPerSecond: f.maxDeliveredFramesPerSecond,
      framesPerSecondAtP99Under100Ms: f.framesPerSecondAtP99Under100Ms }, f.steps.at(-1));
    for (const [k, name] of [['at10pct', '10pct'], ['at80pct', '80pct']]) {
      if (f[k]) add(`latency-${name}-${n}-sessions`, { offeredFramesPerSecond: f[k].offeredFramesPerSecond,
        latencyP50Ms: f[k].latencyP50Ms, latencyP99Ms: f[k].latencyP99Ms, latencyP999Ms: f[k].latencyP999Ms,
        deliveredRatio: f[k].deliveredRatio }, f[k]);
    }
  }
  if (s.memory && s.memory.per1000SessionsMiB) add('memory-per-1000-sessions', prefixed(s.memory.per1000SessionsMiB));
  if (s.error) out.push({ scenario: 'error', system: s.system, error: s.error });
  return out;
}

const prefixed = (m) => Object.fromEntries(Object.entries(m).map(([k, v]) => [`${k}RssMiB`, v]));

/** Every scenario object; Vigil's carry value(vigil) / value(peer) per figure. */
export function flatten(results) {
  const all = results.systems.flatMap(scenarios);
  const find = (scenario, system) => all.find((o) => o.scenario === scenario && o.system === system);
  for (const o of all) {
    const sys = results.systems.find((s) => s.system === o.system);
    if (!o.figures || ['rabbitmq-direct', 'socketio'].includes(sys.system)) continue;
    o.ratios = {};
    for (const [peer, key] of [['rabbitmq-direct', 'vsRabbitmqDirect'], ['socketio', 'vsSocketIo']]) {
      const p = find(o.scenario, peer);
      if (!p) continue;
      o.ratios[key] = Object.fromEntries(Object.entries(o.figures).map(([k, v]) => [k, ratio(v, p.figures[k])]));
    }
  }
  if (results.streamProcessor) all.push({ scenario: 'stream-processor', system: 'vigil-stream-processor', ...results.streamProcessor });
  return all;
}

function ratio(a, b) {
  if (typeof a !== 'number' || typeof b !== 'number' || b === 0) return null;
  return +(a / b).toFixed(3);
}

/** Runs stream-processor/bench.sh with BENCH_RESULT_JSON; an error is recorded, never thrown. */
export function runStreamProcessor(root, plan, running) {
  const file = `${root}/target/bench/stream-processor.json`;
  if (existsSync(file)) unlinkSync(file);
  const script = `${root}/stream-processor/bench.sh`;
  const command = `stream-processor/bench.sh ${plan.streamProcessorArgs.join(' ')}`.trim();
  if (!existsSync(script)) return Promise.resolve({ command, error: 'stream-processor/bench.sh not found' });
  return new Promise((resolve) => {
    const started = Date.now();
    let tail = '';
    const proc = spawn(script, plan.streamProcessorArgs, { cwd: root, env: { ...process.env, BENCH_RESULT_JSON: file } });
    running.add(proc); // stopped with everything else if the run is interrupted
    const keep = (d) => { tail = (tail + d.toString()).slice(-2000); };
    proc.stdout.on('data', keep); proc.stderr.on('data', keep);
    const timer = setTimeout(() => proc.kill('SIGTERM'), plan.streamProcessorTimeoutSeconds * 1000);
    proc.on('exit', (code, signal) => {
      clearTimeout(timer);
      running.delete(proc);
      const seconds = Math.round((Date.now() - started) / 1000);
      try {
        resolve({ command, seconds, ...JSON.parse(readFileSync(file, 'utf8')) });
      } catch (e) {
        resolve({ command, seconds, error: `no result file (exit ${code ?? signal}): ${e.message}`, outputTail: tail });
      }
    });
  });
}
