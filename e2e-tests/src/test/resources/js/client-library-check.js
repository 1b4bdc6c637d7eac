// Run by DashboardIT in the real browser (executeAsyncScript): exercises vigil-client.js, the ES module
// other front ends import, and hands its observations back to the test.
const done = arguments[arguments.length - 1];
import('/assets/js/vigil-client.js').then((m) => {
  const log = [];
  const c = new m.VigilClient({ getToken: () => 'unused' });
  c.stream('scores', { onUpsert: (k, v, i) => log.push('+' + k + '@' + i.version),
                       onRemove: (k) => log.push('-' + k), onReset: () => log.push('reset') });
  const s = c.streams.get('scores');
  const live = (key, version, op = 'upsert') => s.onLive({ headers: { 'vigil-key': key,
      'vigil-version': String(version), 'vigil-op': op }, body: op === 'remove' ? '' : '{"score": 1}' });
  live('a', 4);                       // before the snapshot: buffered, then dropped (snapshot has a@5)
  live('a', 6);                       // buffered, newer than the snapshot: applied
  s.onSnapshot({ items: [{ key: 'a', version: 5, value: {} }, { key: 'b', version: 1, value: {} }] });
  live('a', 6);                       // duplicate: dropped
  live('b', 0, 'remove');             // removal applied
  live('b', 1);                       // late copy of the removed version: dropped
  live('c', 1);
  const seq = [m.compareSeq('1700000000000-2', '1700000000000-10'), m.compareSeq(null, '1-0'),
               m.compareSeq('1700000000001-0', '1700000000000-9')];
  const backoff = [m.backoffDelay(1, 500, 30000, () => 0), m.backoffDelay(1, 500, 30000, () => 1),
                   m.backoffDelay(10, 500, 30000, () => 0), m.backoffDelay(10, 500, 30000, () => 1)];
  const paths = [m.alertPath('acme/score.ip_10.0.0.5.1c2f3a4b-1'), m.alertPath('a b/c')];
  done({ log: log.join(' '), items: [...s.items.keys()].sort().join(','), stale: s.stats.stale,
         seq: seq.join(','), backoff: backoff.join(','), state: c.state.state, paths: paths.join('|') });
}, (e) => done({ error: String(e) }));
