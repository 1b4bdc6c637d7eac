package io.vigil.workers.task;

import io.vigil.workers.config.WorkersProperties;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Remembers task ids in Redis so that a redelivered or re-published request is not run twice. A
 * worker claims an id with SET NX and a lease (so a crashed worker's claim expires); success or a
 * final failure turns the claim into a record kept for the retention period; a failed attempt that
 * will be retried releases it.
 */
@Component
class IdempotencyGuard {

    enum Claim {
        CLAIMED,
        ALREADY_DONE,
        RUNNING_ELSEWHERE
    }

    private static final String RUNNING = "running:";

    private final StringRedisTemplate redis;
    private final WorkersProperties properties;

    IdempotencyGuard(StringRedisTemplate redis, WorkersProperties properties) {
        this.redis = redis;
        this.properties = properties;
    }

    Claim claim(String taskId) {
        var idempotency = properties.idempotency();
        Boolean set =
                redis.opsForValue().setIfAbsent(key(taskId), RUNNING + properties.instanceId(), idempotency.lease());
        if (Boolean.TRUE.equals(set)) return Claim.CLAIMED;
        String current = redis.opsForValue().get(key(taskId));
        if (current == null) {
            // expired between the two calls: try once more rather than guess
            return Boolean.TRUE.equals(redis.opsForValue()
                            .setIfAbsent(key(taskId), RUNNING + properties.instanceId(), idempotency.lease()))
                    ? Claim.CLAIMED
                    : Claim.RUNNING_ELSEWHERE;
        }
        return current.startsWith(RUNNING) ? Claim.RUNNING_ELSEWHERE : Claim.ALREADY_DONE;
    }

    void finished(String taskId, String outcome) {
        redis.opsForValue().set(key(taskId), outcome, properties.idempotency().retention());
    }

    void release(String taskId) {
        redis.delete(key(taskId));
    }

    private String key(String taskId) {
        return properties.idempotency().keyPrefix() + taskId;
    }
}
