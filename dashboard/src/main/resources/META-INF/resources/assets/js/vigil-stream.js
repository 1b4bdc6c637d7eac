/**
 * vigil-stream.js: one tenant stream of the Vigil client (see vigil-client.js and docs/client.md):
 * snapshot-then-live state per key with version checks, and resume positions for event streams.
 */

/** Streams with a resume history on the gateway; the others are state streams (snapshot only). */
export const EVENT_KINDS = new Set(['anomalies', 'alerts']);

/** Compares two history positions "<millis>-<n>"; null is older than anything. */
export function compareSeq(a, b) {
  if (a === b) return 0;
  if (a == null) return -1;
  if (b == null) return 1;
  const [am, an] = a.split('-').map(Number);
  const [bm, bn] = b.split('-').map(Number);
  return am !== bm ? Math.sign(am - bm) : Math.sign(an - bn);
}

/**
 * One tenant stream kept as state per key. Live messages are buffered until the snapshot (or
 * resume) has been applied; every update carries a version and only a newer one is applied.
 */
export class Stream {
  constructor(owner, kind, handlers) {
    this.owner = owner;
    this.kind = kind;
    this.handlers = handlers;
    this.items = new Map(); // key -> {key, version, value, seq}
    this.removedVersions = new Map(); // key -> version it had when removed (drops late duplicates)
    this.lastSeq = null;
    this.ready = false;
    this.buffer = [];
    this.subs = [];
    this.stats = { applied: 0, stale: 0, snapshots: 0, resumes: 0 };
  }

  /** Called on every (re)connect: live topic first, then (once the broker confirmed) the state. */
  attach(stomp, tenant, generation) {
    this.ready = false;
    this.buffer = [];
    this.subs = [];
    const receipt = `vigil-${this.kind}-${generation}`;
    let requested = false;
    const request = () => {
      if (requested || this.owner.generation !== generation || !stomp.connected) return;
      requested = true;
      this.requestState(stomp, generation);
    };
    stomp.watchForReceipt(receipt, request);
    // The receipt says the broker binding exists; if a gateway serves the topic without the broker
    // (no receipt), ask anyway after a while: versions still prevent gaps from being papered over.
    setTimeout(request, this.owner.options.receiptTimeoutMs);
    this.subs.push(stomp.subscribe(`/topic/${tenant}.${this.kind}`, (m) => this.onLive(m), { receipt }));
  }

  requestState(stomp, generation) {
    if (EVENT_KINDS.has(this.kind) && this.lastSeq) {
      this.once(stomp, `/app/resume/${this.kind}/${this.lastSeq}`, generation, (r) => this.onResume(stomp, r, generation));
    } else {
      this.requestSnapshot(stomp, generation);
    }
  }

  requestSnapshot(stomp, generation) {
    this.once(stomp, `/app/snapshot/${this.kind}`, generation, (s) => this.onSnapshot(s, stomp, generation));
  }

  /**
   * Subscribes to an /app/ destination that answers exactly once, and unsubscribes after the answer
   * (the gateway keeps the UNSUBSCRIBE of a subscription it answered itself away from the broker).
   */
  once(stomp, destination, generation, handle) {
    let answered = false;
    const sub = stomp.subscribe(destination, (m) => {
      if (answered || this.owner.generation !== generation) return;
      answered = true;
      if (stomp.connected) sub.unsubscribe();
      handle(JSON.parse(m.body));
    });
  }

  onLive(message) {
    const h = message.headers;
    const entry = {
      key: h['vigil-key'],
      version: Number(h['vigil-version'] || 0),
      removed: h['vigil-op'] === 'remove',
      seq: h['vigil-seq'] || null,
      value: null,
    };
    if (!entry.removed) entry.value = JSON.parse(message.body);
    if (this.ready) this.apply(entry);
    else this.buffer.push(entry);
  }

  onSnapshot(snapshot, stomp, generation) {
    this.stats.snapshots++;
    if (snapshot.complete === false) {
      // the gateway is rebuilding its state (docs/client.md): use what there is, ask again later
      this.owner.log(`snapshot of ${this.kind} incomplete (${snapshot.incomplete}); asking again in ${snapshot.retryAfterMs} ms`);
      setTimeout(() => {
        if (this.owner.generation === generation && stomp.connected) this.requestSnapshot(stomp, generation);
      }, Math.max(100, snapshot.retryAfterMs || 1000));
    }
    if (this.ready) {
      // the follow-up of an incomplete snapshot: merged by version, so live updates applied since stay
      for (const item of snapshot.items || []) {
        this.apply({ key: item.key, version: item.version, value: item.value, seq: item.seq || null, removed: false });
      }
      if (snapshot.lastSeq && compareSeq(snapshot.lastSeq, this.lastSeq) > 0) this.lastSeq = snapshot.lastSeq;
      return;
    }
    const fresh = new Map();
    for (const item of snapshot.items || []) {
      fresh.set(item.key, { key: item.key, version: item.version, value: item.value, seq: item.seq || null });
    }
    this.items = fresh;
    this.removedVersions.clear();
    if (snapshot.lastSeq) this.lastSeq = snapshot.lastSeq;
    this.handlers.onReset?.(this.items);
    this.goLive();
  }

  onResume(stomp, result, generation) {
    if (result.tooOld) {
      this.owner.log(`resume of ${this.kind} refused (${result.reason}); taking a fresh snapshot`);
      this.lastSeq = null;
      this.requestSnapshot(stomp, generation);
      return;
    }
    this.stats.resumes++;
    for (const entry of result.entries || []) this.apply(entry);
    if (result.lastSeq && compareSeq(result.lastSeq, this.lastSeq) > 0) this.lastSeq = result.lastSeq;
    this.goLive();
  }

  goLive() {
    const pending = this.buffer;
    this.buffer = [];
    this.ready = true;
    for (const entry of pending) this.apply(entry);
    this.handlers.onReady?.(this.items);
  }

  /** Applies one update if it is newer than what is held; removals drop the key. */
  apply(entry) {
    if (entry.seq && compareSeq(entry.seq, this.lastSeq) > 0) this.lastSeq = entry.seq;
    const held = this.items.get(entry.key);
    if (entry.removed) {
      if (held) {
        this.items.delete(entry.key);
        this.removedVersions.set(entry.key, held.version);
        this.stats.applied++;
        this.handlers.onRemove?.(entry.key);
      }
      return;
    }
    const current = held ? held.version : this.removedVersions.get(entry.key) ?? -1;
    if (entry.version <= current) {
      this.stats.stale++;
      return;
    }
    this.removedVersions.delete(entry.key);
    const item = { key: entry.key, version: entry.version, value: entry.value, seq: entry.seq || null };
    this.items.set(entry.key, item);
    this.stats.applied++;
    this.handlers.onUpsert?.(entry.key, entry.value, item);
  }
}
