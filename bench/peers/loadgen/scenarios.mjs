// The measured scenarios, run against one started system: connects at a steady rate, fan-out
// rate steps, end-to-end latency at 10% and 80% of the maximum, and the sessions ladder.
import { cpuSeconds, loadAverage, rssMiB, sleep } from './common.mjs';

const q = (h, p) => h.quantile(p);

/** CPU (cores) used by each group of pids between two calls. */
export function cpuMeter(groups) {
  const take = () => Object.fromEntries(Object.entries(groups).map(([k, pids]) =>
    [k, pids().reduce((s, pid) => s + (cpuSeconds(pid) || 0), 0)]));
  const t0 = performance.now(); const c0 = take();
  return () => {
    const secs = (performance.now() - t0) / 1000; const c1 = take();
    return Object.fromEntries(Object.keys(c1).map((k) => [k, +((c1[k] - c0[k]) / secs).toFixed(2)]));
  };
}

export function memory(pids) {
  return Object.fromEntries(Object.entries(pids).map(([k, list]) =>
    [k, list.length ? +list.reduce((s, p) => s + (rssMiB(p) || 0), 0).toFixed(1) : null]));
}

/** Opens sessions [from, to) at `rate`/s and summarises connect and subscribe times. */
export async function connectPhase(ctx, from, to, rate) {
  const cpu = ctx.cpu();
  const r = await ctx.workers.open(from, to, rate, ctx.sessionSpec);
  return {
    sessions: to - from, rate, connectP50Ms: q(r.connect, 0.5), connectP99Ms: q(r.connect, 0.99),
    subscribedP50Ms: q(r.ready, 0.5), subscribedP99Ms: q(r.ready, 0.99),
    errors: r.errorCount, errorKinds: r.errors, cpuCores: cpu(), loadAverage: loadAverage(),
  };
}

/** Waits (bounded) until no more frames of earlier steps arrive, so that steps do not overlap. */
async function settle(ctx) {
  const end = performance.now() + ctx.drainMs * 2;
  let last = -1;
  while (performance.now() < end) {
    const s = await ctx.workers.stats(false);
    const total = s.frames + s.earlier;
    if (total === last) return;
    last = total;
    await sleep(400);
  }
}

/** Produces at a frames/s rate for `seconds`, waits for delivery to finish, returns the figures. */
export async function fanoutStep(ctx, framesPerSecond, seconds, sessions) {
  const perTenant = ctx.perTenant;
  const tenants = ctx.tenants(sessions);
  const msgRate = framesPerSecond / perTenant;
  await settle(ctx);
  await ctx.workers.stats(true, Date.now());
  const cpu = ctx.cpu();
  const started = performance.now();
  const produced = await ctx.producer.produce(ctx.topic, msgRate, seconds, tenants, ctx.bytes);
  // sessions lost before the fan-out (if any) no longer receive: expect only the live share
  const expected = Math.round(produced * perTenant * (ctx.liveFraction ?? 1));
  let s = await ctx.workers.stats(false);
  let lastGrowth = performance.now(); let last = s.frames;
  const drainEnd = performance.now() + ctx.drainMs;
  while (s.frames < expected && performance.now() < drainEnd && performance.now() - lastGrowth < 1000) {
    await sleep(200);
    s = await ctx.workers.stats(false);
    if (s.frames > last) { last = s.frames; lastGrowth = performance.now(); }
  }
  const elapsed = (Math.min(lastGrowth, performance.now()) - started) / 1000;
  const cores = cpu();
  const deliveredRatio = expected ? s.frames / expected : 0;
  return {
    offeredFramesPerSecond: framesPerSecond, sessions, seconds, recordsProduced: produced, expectedFrames: expected,
    deliveredFrames: s.frames, framesOfEarlierSteps: s.earlier, deliveredRatio: +deliveredRatio.toFixed(4),
    deliveredFramesPerSecond: Math.round(s.frames / Math.max(elapsed, seconds)),
    latencyP50Ms: q(s.latency, 0.5), latencyP99Ms: q(s.latency, 0.99), latencyP999Ms: q(s.latency, 0.999),
    sessionsLost: s.lost, cpuCores: cores, loadAverage: loadAverage(),
  };
}

const kept = (step) => step.deliveredRatio >= 0.99 && step.latencyP99Ms !== null && step.latencyP99Ms < 1000;

/** Rate steps until delivery falls behind; then latency at 10% and 80% of the best kept rate. */
export async function fanout(ctx, sessions) {
  // warm-up (connections, joins, and above all the JIT: in a short run, compiling the delivery path
  // took more of the gateway's CPU than delivering, async-profiler, 2026-11-23)
  await fanoutStep(ctx, ctx.plan.fanoutSteps[0] / 2, ctx.plan.fanoutWarmUpSeconds, sessions);
  const steps = [];
  for (const rate of ctx.plan.fanoutSteps) {
    const step = await fanoutStep(ctx, rate, ctx.plan.stepSeconds, sessions);
    steps.push(step);
    ctx.log(`  fan-out ${sessions} sessions @ ${rate}/s: delivered ${step.deliveredFramesPerSecond}/s `
      + `(${(step.deliveredRatio * 100).toFixed(1)}%), p99 ${step.latencyP99Ms} ms`);
    if (!kept(step)) break;
  }
  const ok = steps.filter(kept);
  const max = ok.length ? Math.max(...ok.map((s) => s.deliveredFramesPerSecond)) : null;
  const under100 = steps.filter((s) => s.deliveredRatio >= 0.99 && s.latencyP99Ms < 100);
  const result = {
    sessions, steps, maxDeliveredFramesPerSecond: max,
    framesPerSecondAtP99Under100Ms: under100.length ? Math.max(...under100.map((s) => s.deliveredFramesPerSecond)) : null,
  };
  const base = max ?? steps[0].deliveredFramesPerSecond;
  for (const [name, share] of [['at10pct', 0.1], ['at80pct', 0.8]]) {
    const step = await fanoutStep(ctx, Math.max(100, Math.round(base * share)), ctx.plan.latencySeconds, sessions);
    result[name] = { ...step, basedOnKeptMax: max !== null };
    ctx.log(`  latency at ${share * 100}% (${step.offeredFramesPerSecond}/s): p50 ${step.latencyP50Ms} p99 ${step.latencyP99Ms} `
      + `p99.9 ${step.latencyP999Ms} ms, delivered ${(step.deliveredRatio * 100).toFixed(1)}%`);
  }
  return result;
}

/** Holds the current sessions for `seconds`, watching for any lost session. */
export async function hold(ctx, seconds) {
  const end = performance.now() + seconds * 1000;
  let s = await ctx.workers.stats(false);
  while (performance.now() < end && s.lost === 0) {
    await sleep(Math.min(2000, Math.max(0, end - performance.now())));
    s = await ctx.workers.stats(false);
  }
  return { lost: s.lost, lostReasons: s.lostReasons };
}
