package io.vigil.workers.task;

import io.vigil.workers.config.WorkersProperties;
import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps this instance's running claims alive: one scheduler thread renews every held claim each
 * heartbeat, so a claim outlives its holder by at most one lease. A claim found no longer ours (it
 * expired during a Redis outage longer than the lease and was taken over) is dropped and logged.
 */
@Component
class ClaimHeartbeat {

    private static final Logger log = LoggerFactory.getLogger(ClaimHeartbeat.class);

    private final StringRedisTemplate redis;
    private final long leaseMillis;
    private final Map<String, String> held = new ConcurrentHashMap<>(); // claim key -> claim value
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "task-claim-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    ClaimHeartbeat(StringRedisTemplate redis, WorkersProperties properties) {
        this.redis = redis;
        var idempotency = properties.idempotency();
        this.leaseMillis = idempotency.lease().toMillis();
        long every = idempotency.heartbeat().toMillis();
        scheduler.scheduleWithFixedDelay(this::renewAll, every, every, TimeUnit.MILLISECONDS);
    }

    void hold(String key, String value) {
        held.put(key, value);
    }

    boolean holds(String key) {
        return held.containsKey(key);
    }

    /** Stops renewing {@code key}; true if it was held. */
    boolean forget(String key) {
        return held.remove(key) != null;
    }

    /** Stops renewing every claim and returns what was held. */
    Map<String, String> forgetAll() {
        Map<String, String> all = Map.copyOf(held);
        all.keySet().forEach(held::remove);
        return all;
    }

    void renewAll() {
        held.forEach((key, value) -> {
            try {
                Long renewed = redis.execute(ClaimScripts.RENEW, List.of(key), value, Long.toString(leaseMillis));
                if ((renewed == null || renewed == 0) && held.remove(key, value)) {
                    log.warn("lost the claim {}: it expired and another worker may have taken the task over", key);
                }
            } catch (RuntimeException e) {
                // keep trying: the claim survives an outage shorter than its lease
                log.warn("could not renew the claim {}: {}", key, e.getMessage());
            }
        });
    }

    @PreDestroy
    void close() {
        scheduler.shutdownNow();
    }
}
