package io.vigil.gateway.state;

import io.vigil.gateway.config.GatewayProperties;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The state marker: one hash, {@code P:state}, that says whether the latest state under the prefix
 * is whole. Redis keeps nothing on disk, so after a restart (or a flush, or a failover to an empty
 * replica) the marker is gone with the data: that is how a loss is noticed, whatever caused it and
 * however many gateway instances share the Redis. Redis' {@code run_id} would change on a restart
 * that kept the data too, and would not change on a flush.
 *
 * <p>Every instance calls {@link #check} periodically; the first one that finds no marker claims
 * the rebuild (atomically, in a script: exactly one owner) and starts a new epoch. The owner holds a
 * lease, renewed while it reads; if it dies, another instance takes the lapsed lease over and
 * rebuilds again. All times are Redis' own clock ({@code TIME}), so instances need not agree on the
 * time.
 */
@Component
public class StateMarker {

    private static final String NOW = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local function ms(x) return string.format('%d', x) end
            """;

    /** KEYS[1] marker; ARGV: instance, lease ms, may claim (1/0), new epoch / attempt id. */
    private static final RedisScript<List> CHECK = RedisScript.of(NOW + """
            local phase = redis.call('HGET', KEYS[1], 'phase')
            local claimed = '0'
            if ARGV[3] == '1' then
              if not phase then
                redis.call('HSET', KEYS[1], 'epoch', ARGV[4], 'phase', 'rebuilding', 'owner', ARGV[1],
                  'attempt', ARGV[4], 'leaseUntil', ms(now + tonumber(ARGV[2])), 'startedAt', ms(now),
                  'records', '0', 'partitionsDone', '0', 'partitionsTotal', '0')
                claimed = '1'
              elseif phase == 'rebuilding'
                  and tonumber(redis.call('HGET', KEYS[1], 'leaseUntil') or '0') < now then
                redis.call('HSET', KEYS[1], 'owner', ARGV[1], 'attempt', ARGV[4],
                  'leaseUntil', ms(now + tonumber(ARGV[2])), 'records', '0', 'partitionsDone', '0')
                claimed = '1'
              end
            end
            local all = redis.call('HGETALL', KEYS[1])
            table.insert(all, 'claimed')
            table.insert(all, claimed)
            return all
            """, List.class);

    /** KEYS[1] marker; ARGV: attempt, lease ms, records, partitions done, partitions total. */
    private static final RedisScript<Long> RENEW = RedisScript.of(NOW + """
            if redis.call('HGET', KEYS[1], 'attempt') ~= ARGV[1]
                or redis.call('HGET', KEYS[1], 'phase') ~= 'rebuilding' then
              return 0
            end
            redis.call('HSET', KEYS[1], 'leaseUntil', ms(now + tonumber(ARGV[2])), 'records', ARGV[3],
              'partitionsDone', ARGV[4], 'partitionsTotal', ARGV[5])
            return 1
            """, Long.class);

    /** KEYS[1] marker, KEYS[2] removal memo; ARGV: attempt, records, partitions done, total. */
    private static final RedisScript<Long> FINISH = RedisScript.of(NOW + """
            if redis.call('HGET', KEYS[1], 'attempt') ~= ARGV[1]
                or redis.call('HGET', KEYS[1], 'phase') ~= 'rebuilding' then
              return 0
            end
            redis.call('HSET', KEYS[1], 'phase', 'complete', 'finishedAt', ms(now), 'records', ARGV[2],
              'partitionsDone', ARGV[3], 'partitionsTotal', ARGV[4])
            redis.call('HDEL', KEYS[1], 'leaseUntil')
            redis.call('DEL', KEYS[2])
            return 1
            """, Long.class);

    private final StringRedisTemplate redis;
    private final String marker;
    private final String removals;
    private final Duration lease;

    StateMarker(StringRedisTemplate redis, GatewayProperties properties) {
        this.redis = redis;
        this.marker = markerKey(properties.state().keyPrefix());
        this.removals = removalsKey(properties.state().keyPrefix());
        this.lease = properties.state().rebuild().lease();
    }

    static String markerKey(String prefix) {
        return prefix + ":state";
    }

    /** Live removals seen while a rebuild runs (see StateStore#LATEST_CAS); dropped when it ends. */
    static String removalsKey(String prefix) {
        return prefix + ":rebuild-removals";
    }

    /**
     * Reads the marker; with {@code mayClaim}, claims the rebuild if the marker is gone or its
     * owner's lease lapsed ({@link StoreStatus#claimed()}).
     */
    public StoreStatus check(String instance, boolean mayClaim, String newAttempt) {
        List<?> flat = redis.execute(
                CHECK, List.of(marker), instance, Long.toString(lease.toMillis()), mayClaim ? "1" : "0", newAttempt);
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; flat != null && i + 1 < flat.size(); i += 2) {
            fields.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
        }
        return StoreStatus.from(fields);
    }

    /** The marker as it is, without claiming anything. */
    public StoreStatus read() {
        Map<Object, Object> raw = redis.opsForHash().entries(marker);
        Map<String, String> fields = new HashMap<>();
        raw.forEach((k, v) -> fields.put(String.valueOf(k), String.valueOf(v)));
        return StoreStatus.from(fields);
    }

    /** Extends the owner's lease and records progress; false if the attempt is no longer the current one. */
    public boolean renew(String attempt, long records, int partitionsDone, int partitionsTotal) {
        return Long.valueOf(1)
                .equals(redis.execute(
                        RENEW,
                        List.of(marker),
                        attempt,
                        Long.toString(lease.toMillis()),
                        Long.toString(records),
                        Integer.toString(partitionsDone),
                        Integer.toString(partitionsTotal)));
    }

    /** Marks the store complete; false if the attempt is no longer the current one (nothing changed). */
    public boolean finish(String attempt, long records, int partitionsDone, int partitionsTotal) {
        return Long.valueOf(1)
                .equals(redis.execute(
                        FINISH,
                        List.of(marker, removals),
                        attempt,
                        Long.toString(records),
                        Integer.toString(partitionsDone),
                        Integer.toString(partitionsTotal)));
    }
}
