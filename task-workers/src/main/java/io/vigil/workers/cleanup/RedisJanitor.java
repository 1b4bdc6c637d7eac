package io.vigil.workers.cleanup;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.data.redis.connection.DataType;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The Redis half of cleanup: expires stale presence and session entries and trims bounded
 * histories, finding keys with SCAN (never KEYS, which blocks Redis).
 */
@Component
class RedisJanitor {

    private static final long SCAN_BATCH = 500;

    private final StringRedisTemplate redis;
    private final Clock clock;

    RedisJanitor(StringRedisTemplate redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    /** Removes stale entries; returns how many members or keys went, per pattern. */
    Map<String, Long> expireStale(List<CleanupProperties.Stale> rules) {
        Map<String, Long> removed = new TreeMap<>();
        for (CleanupProperties.Stale rule : rules) {
            long count = 0;
            for (String key : scan(rule.pattern())) {
                count += switch (rule.mode()) {
                    case SCORE -> expireMembers(key, rule.maxAge());
                    case IDLE -> expireIdleKey(key, rule.maxAge());
                };
            }
            removed.put(rule.pattern(), count);
        }
        return removed;
    }

    /** Trims histories to their bound; returns how many entries went, per pattern. */
    Map<String, Long> trimHistories(List<CleanupProperties.History> rules) {
        Map<String, Long> trimmed = new TreeMap<>();
        for (CleanupProperties.History rule : rules) {
            long count = 0;
            for (String key : scan(rule.pattern())) {
                count += trim(key, rule.maxLength());
            }
            trimmed.put(rule.pattern(), count);
        }
        return trimmed;
    }

    private long expireMembers(String key, Duration maxAge) {
        if (redis.type(key) != DataType.ZSET) return 0;
        double cutoff = clock.millis() - maxAge.toMillis();
        Long removed = redis.opsForZSet().removeRangeByScore(key, Double.NEGATIVE_INFINITY, cutoff);
        return removed == null ? 0 : removed;
    }

    private long expireIdleKey(String key, Duration maxAge) {
        Long ttl = redis.getExpire(key);
        if (ttl == null || ttl != -1) return 0; // has a TTL (Redis expires it) or is gone
        Duration idle =
                redis.execute((RedisCallback<Duration>) c -> c.keyCommands().idletime(key.getBytes()));
        if (idle == null || idle.compareTo(maxAge) <= 0) return 0;
        return Boolean.TRUE.equals(redis.delete(key)) ? 1 : 0;
    }

    private long trim(String key, long maxLength) {
        DataType type = redis.type(key);
        if (type == DataType.LIST) {
            Long size = redis.opsForList().size(key);
            if (size == null || size <= maxLength) return 0;
            redis.opsForList().trim(key, 0, maxLength - 1);
            return size - maxLength;
        }
        if (type == DataType.ZSET) {
            Long size = redis.opsForZSet().zCard(key);
            if (size == null || size <= maxLength) return 0;
            Long removed = redis.opsForZSet().removeRange(key, 0, size - maxLength - 1);
            return removed == null ? 0 : removed;
        }
        if (type == DataType.STREAM) {
            Long removed = redis.opsForStream().trim(key, maxLength);
            return removed == null ? 0 : removed;
        }
        return 0;
    }

    private List<String> scan(String pattern) {
        List<String> keys = new ArrayList<>();
        try (Cursor<String> cursor = redis.scan(
                ScanOptions.scanOptions().match(pattern).count(SCAN_BATCH).build())) {
            cursor.forEachRemaining(keys::add);
        }
        return keys;
    }
}
