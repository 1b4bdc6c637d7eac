package io.vigil.workers.task;

import io.vigil.workers.config.WorkersProperties;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Remembers task ids in Redis so that a redelivered or re-published request is not run twice. A
 * worker claims an id with SET NX and a short lease that {@link ClaimHeartbeat} renews while the job
 * runs, so the claim of a killed worker expires within one lease and its task is taken over; success
 * or a final failure turns the claim into a record kept for the retention period; a failed attempt
 * that will be retried, or a job cut off by shutdown, releases it. Every change after the claim is
 * conditional on the claim still being this instance's.
 */
@Component
class IdempotencyGuard {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyGuard.class);

    enum Outcome {
        CLAIMED,
        ALREADY_DONE,
        RUNNING_ELSEWHERE
    }

    /**
     * @param holderTtl for RUNNING_ELSEWHERE, how long the holder's claim still lives without a
     *     renewal (negative when unknown)
     */
    record Claim(Outcome outcome, Duration holderTtl) {
        static final Claim CLAIMED = new Claim(Outcome.CLAIMED, Duration.ZERO);
        static final Claim ALREADY_DONE = new Claim(Outcome.ALREADY_DONE, Duration.ZERO);
    }

    private final StringRedisTemplate redis;
    private final ClaimHeartbeat heartbeat;
    private final WorkersProperties properties;
    private volatile boolean stopping;

    IdempotencyGuard(StringRedisTemplate redis, ClaimHeartbeat heartbeat, WorkersProperties properties) {
        this.redis = redis;
        this.heartbeat = heartbeat;
        this.properties = properties;
    }

    Claim claim(String taskId) {
        String key = key(taskId);
        String mine = ClaimState.running(properties.instanceId());
        Duration lease = properties.idempotency().lease();
        // two rounds: a claim that expires between SET NX and GET is simply tried again
        for (int round = 0; round < 2; round++) {
            if (Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(key, mine, lease))) return held(key, mine);
            String current = redis.opsForValue().get(key);
            switch (ClaimState.of(current, properties.instanceId(), heartbeat.holds(key))) {
                case FREE -> {}
                case FINISHED -> {
                    return Claim.ALREADY_DONE;
                }
                case HELD_BY_OTHER, HELD_HERE -> {
                    Long ttl = redis.getExpire(key, TimeUnit.MILLISECONDS);
                    return new Claim(Outcome.RUNNING_ELSEWHERE, Duration.ofMillis(ttl == null ? -1 : ttl));
                }
                case OWN_STALE -> {
                    if (renew(key, mine, lease)) {
                        log.info(
                                "taking over task {}: its claim was left by an earlier process of this instance",
                                taskId);
                        return held(key, mine);
                    }
                }
            }
        }
        return new Claim(Outcome.RUNNING_ELSEWHERE, Duration.ofMillis(-1));
    }

    /**
     * Records the final outcome if the claim is still this instance's (or expired unclaimed); false
     * when another worker has taken the task over, whose run then counts.
     */
    boolean finished(String taskId, String outcome) {
        String key = key(taskId);
        heartbeat.forget(key);
        Long written = redis.execute(
                ClaimScripts.FINISH,
                List.of(key),
                ClaimState.running(properties.instanceId()),
                outcome,
                Long.toString(properties.idempotency().retention().toMillis()));
        return written != null && written == 1;
    }

    /**
     * Frees the claim for a retry; false when it is no longer this instance's: another worker holds
     * it, or it was released on shutdown (the request is then redelivered and must not also be retried).
     */
    boolean release(String taskId) {
        String key = key(taskId);
        heartbeat.forget(key);
        long result = release(key, ClaimState.running(properties.instanceId()));
        return result == 1 || (result == 2 && !stopping);
    }

    /** On shutdown: frees every claim held, so redelivered tasks are taken over at once. */
    void releaseAll() {
        stopping = true;
        heartbeat.forgetAll().forEach((key, value) -> {
            try {
                release(key, value);
                log.info("released the claim {} on shutdown; the task is redelivered to another worker", key);
            } catch (RuntimeException e) {
                log.warn(
                        "could not release the claim {} on shutdown; it expires with its lease: {}",
                        key,
                        e.getMessage());
            }
        });
    }

    /** True once shutdown has released the claims. */
    boolean stopping() {
        return stopping;
    }

    private Claim held(String key, String value) {
        heartbeat.hold(key, value);
        return Claim.CLAIMED;
    }

    private boolean renew(String key, String value, Duration lease) {
        Long renewed = redis.execute(ClaimScripts.RENEW, List.of(key), value, Long.toString(lease.toMillis()));
        return renewed != null && renewed == 1;
    }

    private long release(String key, String value) {
        Long result = redis.execute(ClaimScripts.RELEASE, List.of(key), value);
        return result == null ? 0 : result;
    }

    private String key(String taskId) {
        return properties.idempotency().keyPrefix() + taskId;
    }
}
