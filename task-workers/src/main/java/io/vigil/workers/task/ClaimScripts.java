package io.vigil.workers.task;

import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Compare-and-act scripts on a claim key: a worker only renews, releases or finishes a claim that is
 * still its own, so a claim taken over after its lease expired is never clobbered by the old holder.
 */
final class ClaimScripts {

    /** KEYS[1] claim; ARGV[1] expected value, ARGV[2] lease ms. 1 when renewed. */
    static final RedisScript<Long> RENEW = new DefaultRedisScript<>(
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end return 0",
            Long.class);

    /** KEYS[1] claim; ARGV[1] expected value. 1 when deleted, 2 when there was no claim, 0 when another's. */
    static final RedisScript<Long> RELEASE = new DefaultRedisScript<>("""
            local current = redis.call('get', KEYS[1])
            if current == ARGV[1] then return redis.call('del', KEYS[1]) end
            if current == false then return 2 end
            return 0""", Long.class);

    /**
     * KEYS[1] claim; ARGV[1] expected value, ARGV[2] final record, ARGV[3] retention ms. Writes the
     * record when the claim is still ours or has expired without anyone taking it over; 1 when written.
     */
    static final RedisScript<Long> FINISH = new DefaultRedisScript<>("""
            local current = redis.call('get', KEYS[1])
            if current == false or current == ARGV[1] then
              redis.call('set', KEYS[1], ARGV[2], 'PX', ARGV[3])
              return 1
            end
            return 0""", Long.class);

    private ClaimScripts() {}
}
