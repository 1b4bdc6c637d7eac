package io.vigil.gateway.state;

import io.vigil.gateway.config.GatewayProperties;
import io.vigil.gateway.stream.Kind;
import io.vigil.gateway.stream.TenantTopic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.RedisStreamCommands.XAddOptions;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Latest state per key and bounded resume history, in Redis, so that any gateway instance can
 * answer snapshots and resumes. Layout (prefix {@code P}):
 *
 * <ul>
 *   <li>{@code P:latest:<tenant>:<kind>}: hash, record key to {@link StateEntry} JSON
 *   <li>{@code P:recent:<tenant>:<kind>}: sorted set bounding metrics and anomalies to the most
 *       recent N keys (score: the record timestamp)
 *   <li>{@code P:history:<tenant>:<kind>}: stream of entries (anomalies, alerts), capped at
 *       {@code historySize}; its ids are the resume positions
 *   <li>{@code P:state}: the state marker ({@link StateMarker}); {@code P:rebuild-removals}: removals
 *       noted while a rebuild runs
 * </ul>
 */
@Component
public class StateStore {

    private static final String FIELD = "e";

    /**
     * Atomic compare-and-set of one key's latest entry. KEYS: the latest hash, the state marker
     * ({@link StateMarker}), the removal memo. ARGV: record key, version, mode, entry JSON, origin
     * ({@code live} or {@code restore}), source partition, source offset.
     *
     * <p>Modes: {@code put}: store unless the held version is the same or newer; {@code remove}
     * (resolved alert): delete unless the held version is newer; {@code tombstone} (Kafka tombstone,
     * version 0): delete, the key is gone whatever came before. Returns 1 if the hash changed, else 0.
     *
     * <p>A rebuild ({@code restore}) reads old records while the bridge goes on with new ones, so the
     * two meet on the same keys: a restored tombstone deletes only what an earlier record of the
     * partition wrote, and a restored record never brings back a key that the bridge removed at a
     * later offset. For the latter the bridge notes its removals in the memo while the store is not
     * complete; the memo is dropped when the rebuild ends.
     */
    static final RedisScript<Long> LATEST_CAS = RedisScript.of("""
            local held = redis.call('HGET', KEYS[1], ARGV[1])
            local offset = tonumber(ARGV[7])
            local memo = KEYS[1] .. '|' .. ARGV[1]
            if ARGV[5] == 'restore' then
              local removedAt = redis.call('HGET', KEYS[3], memo)
              if removedAt and tonumber(removedAt) >= offset then
                return 0
              end
              if ARGV[3] == 'tombstone' and held then
                local h = cjson.decode(held)
                if tonumber(h['partition']) == tonumber(ARGV[6]) and (tonumber(h['offset']) or 0) > offset then
                  return 0
                end
              end
            elseif ARGV[3] ~= 'put' and redis.call('HGET', KEYS[2], 'phase') ~= 'complete' then
              redis.call('HSET', KEYS[3], memo, ARGV[7])
            end
            if ARGV[3] == 'tombstone' then
              return redis.call('HDEL', KEYS[1], ARGV[1])
            end
            local version = tonumber(ARGV[2])
            if held then
              local heldVersion = tonumber(cjson.decode(held)['version']) or 0
              if heldVersion > version or (ARGV[3] == 'put' and heldVersion == version) then
                return 0
              end
            end
            if ARGV[3] == 'put' then
              redis.call('HSET', KEYS[1], ARGV[1], ARGV[4])
              return 1
            end
            return redis.call('HDEL', KEYS[1], ARGV[1])
            """, Long.class);

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final GatewayProperties.State config;

    StateStore(StringRedisTemplate redis, JsonMapper json, GatewayProperties properties) {
        this.redis = redis;
        this.json = json;
        this.config = properties.state();
    }

    /**
     * Records one bridged record. Removals and resolved alerts leave the latest state; every entry of
     * an event stream is appended to its history. The latest state only ever moves forward in
     * version (compare-and-set in Redis, {@link #LATEST_CAS}): a record older than the one held (a
     * redelivery, or a second bridge instance during a rebalance) leaves it as it is.
     *
     * @param keep false if the key must leave the latest state (resolved alert)
     * @return the entry, with its history position for event streams
     */
    public StateEntry apply(TenantTopic topic, StateEntry entry, boolean keep) {
        return apply(topic, entry, keep, System.currentTimeMillis());
    }

    /**
     * As {@link #apply(TenantTopic, StateEntry, boolean)}, with the record's timestamp, which orders
     * the recency index that bounds metrics windows and anomalies.
     */
    public StateEntry apply(TenantTopic topic, StateEntry entry, boolean keep, long timestamp) {
        writeLatest(topic, entry, keep, timestamp, "live");
        if (!topic.kind().eventStream()) {
            return entry;
        }
        MapRecord<String, String, String> record =
                MapRecord.create(key("history", topic), Map.of(FIELD, json.writeValueAsString(entry)));
        RecordId id = redis.opsForStream()
                .add(record, XAddOptions.maxlen(config.historySize()).approximateTrimming(false));
        return entry.withSeq(id.getValue());
    }

    /**
     * Restores one record of a compacted topic into the latest state during a rebuild: the same
     * compare-and-set as {@link #apply}, guarded against undoing what the bridge wrote meanwhile
     * ({@link #LATEST_CAS}), and nothing in the resume history (the record did not just happen).
     *
     * @return true if the latest state changed
     */
    public boolean restore(TenantTopic topic, StateEntry entry, boolean keep, long timestamp) {
        return writeLatest(topic, entry, keep, timestamp, "restore");
    }

    private boolean writeLatest(TenantTopic topic, StateEntry entry, boolean keep, long timestamp, String origin) {
        String latest = key("latest", topic);
        String mode = entry.removed() ? "tombstone" : keep ? "put" : "remove";
        Long changed = redis.execute(
                LATEST_CAS,
                List.of(latest, StateMarker.markerKey(config.keyPrefix()), StateMarker.removalsKey(config.keyPrefix())),
                entry.key(),
                Long.toString(entry.version()),
                mode,
                keep && !entry.removed() ? json.writeValueAsString(entry) : "",
                origin,
                Integer.toString(entry.partition()),
                Long.toString(entry.offset()));
        boolean stored = Long.valueOf(1).equals(changed);
        if (stored && "put".equals(mode)) {
            bound(topic, entry, timestamp > 0 ? timestamp : System.currentTimeMillis());
        }
        return stored;
    }

    /** The current entries of one tenant's stream, in no particular order. */
    public List<StateEntry> latest(String tenant, Kind kind) {
        List<StateEntry> entries = new ArrayList<>();
        for (Object value : redis.opsForHash().values(key("latest", new TenantTopic(tenant, kind)))) {
            entries.add(json.readValue((String) value, StateEntry.class));
        }
        return entries;
    }

    public Optional<StateEntry> get(String tenant, Kind kind, String recordKey) {
        Object value = redis.opsForHash().get(key("latest", new TenantTopic(tenant, kind)), recordKey);
        return Optional.ofNullable(value).map(v -> json.readValue((String) v, StateEntry.class));
    }

    /** The newest history position of an event stream, or null if it has none yet. */
    public String lastSeq(String tenant, Kind kind) {
        List<MapRecord<String, Object, Object>> last = redis.opsForStream()
                .reverseRange(
                        key("history", new TenantTopic(tenant, kind)),
                        Range.unbounded(),
                        Limit.limit().count(1));
        return last == null || last.isEmpty() ? null : last.getFirst().getId().getValue();
    }

    /** Everything after {@code since} in an event stream's history, or a too-old answer. */
    public ResumeResult since(String tenant, Kind kind, String since) {
        Seq from = Seq.parse(since);
        String history = key("history", new TenantTopic(tenant, kind));
        List<MapRecord<String, Object, Object>> first = redis.opsForStream()
                .range(history, Range.unbounded(), Limit.limit().count(1));
        String last = lastSeq(tenant, kind);
        if (first == null || first.isEmpty() || last == null) {
            return tooOld(kind, since, last, "no history is kept for this stream any more");
        }
        Seq oldest = Seq.parse(first.getFirst().getId().getValue());
        if (from.compareTo(oldest) < 0) {
            return tooOld(kind, since, last, "the history starts at " + oldest + ", after " + since);
        }
        if (from.compareTo(Seq.parse(last)) > 0) {
            return tooOld(
                    kind,
                    since,
                    last,
                    "position " + since + " is newer than the history (" + last + "): the history was reset");
        }
        List<StateEntry> entries = new ArrayList<>();
        for (MapRecord<String, Object, Object> r :
                redis.opsForStream().range(history, Range.rightUnbounded(Range.Bound.exclusive(since)))) {
            StateEntry entry = json.readValue((String) r.getValue().get(FIELD), StateEntry.class);
            entries.add(entry.withSeq(r.getId().getValue()));
        }
        return new ResumeResult(kind.id(), since, false, null, entries, last);
    }

    private static ResumeResult tooOld(Kind kind, String since, String last, String reason) {
        return new ResumeResult(kind.id(), since, true, "too old, take a fresh snapshot: " + reason, List.of(), last);
    }

    /** Metrics windows and anomalies are many and short-lived: keep the most recent N keys. */
    private void bound(TenantTopic topic, StateEntry entry, long timestamp) {
        int limit = switch (topic.kind()) {
            case METRICS -> config.recentWindows();
            case ANOMALIES -> config.recentAnomalies();
            default -> 0;
        };
        if (limit == 0) {
            return;
        }
        String recent = key("recent", topic);
        // by record time, not arrival: a rebuild restores old windows after the bridge wrote new ones
        redis.opsForZSet().add(recent, entry.key(), timestamp);
        Long size = redis.opsForZSet().size(recent);
        if (size != null && size > limit) {
            var evicted = redis.opsForZSet().popMin(recent, size - limit);
            if (evicted != null && !evicted.isEmpty()) {
                redis.opsForHash()
                        .delete(
                                key("latest", topic),
                                evicted.stream().map(t -> (Object) t.getValue()).toArray());
            }
        }
    }

    private String key(String what, TenantTopic topic) {
        return config.keyPrefix() + ":" + what + ":" + topic.tenant() + ":"
                + topic.kind().id();
    }
}
