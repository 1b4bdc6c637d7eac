// The load generator's processes: client workers (worker.mjs, pinned with taskset when asked)
// and the Kafka producer that feeds every system from the same kind of record.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { Histogram, payload, sleep } from './common.mjs';
import { withNofile } from './systems.mjs';

const WORKER = new URL('./worker.mjs', import.meta.url).pathname;

/**
 * Load-generator processes. `kind` 'node': worker.mjs (real client libraries: @stomp/stompjs,
 * socket.io-client) over Node's IPC channel; 'java': the lean STOMP client (bench module,
 * io.vigil.bench.loadgen.LoadWorker) with one JSON command and reply per line on stdin/stdout.
 * Both answer the same commands with the same replies.
 */
export class Workers {
  constructor(count, cpus, { kind = 'node', java, classpath } = {}) {
    this.kind = kind;
    this.seq = 0;
    this.waiting = new Map();
    this.procs = [];
    for (let i = 0; i < count; i++) {
      const argv = kind === 'java'
        ? [java, '-Xmx2g', '-XX:+UseParallelGC', ...(process.env.BENCH_LOADGEN_JVM_OPTS ?? '').split(' ').filter(Boolean),
          '-cp', classpath, 'io.vigil.bench.loadgen.LoadWorker']
        : [process.execPath, '--max-old-space-size=4096', WORKER];
      const [c, a] = withNofile(argv[0], argv.slice(1));
      const cmd = [c, ...a];
      const stdio = kind === 'java' ? ['pipe', 'pipe', 'inherit'] : ['ignore', 'inherit', 'inherit', 'ipc'];
      const proc = cpus ? spawn('taskset', ['-c', cpus, ...cmd], { stdio }) : spawn(cmd[0], cmd.slice(1), { stdio });
      const settle = (m) => { const w = this.waiting.get(m.id); if (w) { this.waiting.delete(m.id); w(m); } };
      proc.on('exit', (code) => { for (const w of this.waiting.values()) w({ ok: false, error: `worker exited ${code}` }); this.waiting.clear(); });
      if (kind === 'java') {
        createInterface({ input: proc.stdout }).on('line', (line) => settle(JSON.parse(line)));
        proc.send = (msg) => proc.stdin.write(`${JSON.stringify(msg)}\n`);
      } else {
        proc.on('message', settle);
      }
      this.procs.push(proc);
    }
  }
  get pids() { return this.procs.map((p) => p.pid); }
  call(i, msg) {
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, (m) => (m.ok ? resolve(m) : reject(new Error(m.error))));
      this.procs[i].send({ ...msg, id });
    });
  }
  all(msg) { return Promise.all(this.procs.map((_, i) => this.call(i, msg))); }

  /** Opens sessions [from, to) at `rate`/s in total, interleaved over the workers. */
  async open(from, to, rate, common) {
    const n = this.procs.length;
    const replies = await Promise.all(this.procs.map((_, i) => {
      // worker i takes a contiguous slice so that each tenant's sessions stay together per slice
      const size = Math.ceil((to - from) / n);
      const a = from + i * size;
      const b = Math.min(to, a + size);
      return b > a ? this.call(i, { cmd: 'open', from: a, to: b, rate: rate / n, ...common }) : null;
    }));
    const connect = new Histogram(); const ready = new Histogram(); const errors = {};
    for (const r of replies.filter(Boolean)) {
      connect.addSparse(r.connect); ready.addSparse(r.ready);
      for (const [k, v] of Object.entries(r.errors)) errors[k] = (errors[k] || 0) + v;
    }
    return { connect, ready, errors, errorCount: Object.values(errors).reduce((a, b) => a + b, 0) };
  }

  async stats(reset, since) {
    const replies = await this.all({ cmd: 'stats', reset, since });
    const latency = new Histogram(); let frames = 0; let earlier = 0; let lost = 0; const lostReasons = {};
    for (const r of replies) {
      frames += r.frames; earlier += r.earlier; lost += r.lost; latency.addSparse(r.latency);
      for (const [k, v] of Object.entries(r.lostReasons)) lostReasons[k] = (lostReasons[k] || 0) + v;
    }
    return { frames, earlier, lost, lostReasons, latency };
  }

  async stop() {
    await this.all({ cmd: 'closeAll' }).catch(() => {});
    for (const p of this.procs) { if (this.kind === 'java') p.stdin.end(); p.kill('SIGTERM'); }
  }
}

export class Producer {
  constructor(clientId) {
    this.kafka = new Kafka({ clientId, brokers: ['127.0.0.1:9092'], logLevel: logLevel.ERROR });
    this.producer = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    this.admin = this.kafka.admin();
    this.version = 0;
  }
  async connect() { await Promise.all([this.producer.connect(), this.admin.connect()]); }
  async createTopics(names, partitions = 3) {
    await this.admin.createTopics({ waitForLeaders: true,
      topics: names.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: 1 })) });
  }
  async deleteTopics(names) { await this.admin.deleteTopics({ topics: names }).catch(() => {}); }

  /**
   * Produces `rate` records/s of `bytes` bytes for `seconds`, round-robin over `tenants`, each
   * carrying its send time; returns how many were produced.
   */
  async produce(topic, rate, seconds, tenants, bytes) {
    const started = performance.now();
    let sent = 0;
    const inflight = [];
    while (performance.now() - started < seconds * 1000) {
      const due = Math.floor(((performance.now() - started) / 1000) * rate);
      if (due > sent) {
        const messages = [];
        for (; sent < due; sent++) {
          const tenant = tenants[sent % tenants.length];
          const key = `${tenant}/ip/10.0.0.${(sent / tenants.length | 0) % 50}`;
          messages.push({ key, value: payload(bytes, Date.now(), tenant, key, ++this.version) });
        }
        inflight.push(this.producer.send({ topic, acks: -1, messages }));
      }
      await sleep(5);
    }
    await Promise.all(inflight);
    return sent;
  }
  async disconnect() { await Promise.allSettled([this.producer.disconnect(), this.admin.disconnect()]); }
}
