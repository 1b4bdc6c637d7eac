package io.vigil.workers.config;

import io.vigil.contracts.ops.TaskType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The workers' own configuration ({@code vigil.workers.*}): AMQP names (one source of truth is
 * infra/rabbitmq/definitions.json; these only name what it declares, so tests can use a copy under
 * other names), retries, idempotency, schedules and the Kafka topic prefix.
 *
 * @param instanceId name of this worker instance, carried in every status
 * @param topicPrefix prefix of all Kafka topic names ("" in production)
 */
@Validated
@ConfigurationProperties("vigil.workers")
public record WorkersProperties(
        @NotBlank String instanceId,
        @NotNull String topicPrefix,
        @Valid @NotNull Amqp amqp,
        @Valid @NotNull Retry retry,
        @Valid @NotNull Idempotency idempotency,
        @Valid @NotNull Scheduling scheduling,
        @NotNull Map<TaskType, @Valid Schedule> schedules) {

    /** A back-off longer than every retry queue would come back early and run before its time. */
    @AssertTrue(message = "retry.max-backoff must not exceed the longest of amqp.retry-delays")
    public boolean isMaxBackoffWithinRetryDelays() {
        return amqp == null
                || retry == null
                || amqp.retryDelays() == null
                || amqp.retryDelays().isEmpty()
                || amqp.retryDelays().stream().anyMatch(java.util.Objects::isNull)
                || retry.maxBackoff() == null
                || retry.maxBackoff().compareTo(amqp.retryDelay(retry.maxBackoff())) <= 0;
    }

    /**
     * AMQP names and consumer settings.
     *
     * @param exchange the tasks exchange (direct, routing key = task type id)
     * @param retryExchange where failed attempts wait for their back-off
     * @param deadLetterExchange where poison and expired tasks end
     * @param queuePrefix task queue = prefix + type id; retry and dead-letter queues add
     *     ".retry.&lt;delay&gt;" / ".dlq"
     * @param statusExchange exchange of status messages (amq.topic reaches STOMP subscribers)
     * @param statusRoutingKey routing key of status messages (STOMP /topic/{key})
     * @param prefetch unacknowledged messages per consumer
     * @param consumersPerQueue concurrent consumers per task queue
     * @param retryDelays the waits of the retry queues: each task type has one queue per delay,
     *     {@code <queue>.retry.<delay>} (e.g. {@code tasks.report.retry.25s}), whose queue-level TTL is
     *     that delay, bound to the retry exchange with routing key {@code <type>.<delay>}
     */
    public record Amqp(
            @NotBlank String exchange,
            @NotBlank String retryExchange,
            @NotBlank String deadLetterExchange,
            @NotBlank String queuePrefix,
            @NotBlank String statusExchange,
            @NotBlank String statusRoutingKey,
            @Min(1) @Max(100) int prefetch,
            @Min(1) @Max(16) int consumersPerQueue,
            @NotEmpty List<@NotNull Duration> retryDelays) {

        public String queue(TaskType type) {
            return queuePrefix + type.id();
        }

        /**
         * The delay of the retry queue a copy that must wait {@code wait} goes to: the shortest one at
         * least that long, else the longest (a copy back too early is simply looked at again).
         */
        public Duration retryDelay(Duration wait) {
            List<Duration> sorted = retryDelays.stream().sorted().toList();
            return sorted.stream()
                    .filter(delay -> delay.compareTo(wait) >= 0)
                    .findFirst()
                    .orElse(sorted.getLast());
        }

        public String retryQueue(TaskType type, Duration delay) {
            return queue(type) + ".retry." + RetryDelayNames.of(delay);
        }

        public String retryRoutingKey(TaskType type, Duration delay) {
            return type.id() + "." + RetryDelayNames.of(delay);
        }

        @AssertTrue(message = "retry-delays must be positive whole milliseconds")
        public boolean isRetryDelaysValid() {
            return retryDelays == null
                    || retryDelays.stream()
                            .allMatch(d -> d != null && d.toMillis() > 0 && d.equals(Duration.ofMillis(d.toMillis())));
        }

        public String deadLetterQueue(TaskType type) {
            return queue(type) + ".dlq";
        }
    }

    /**
     * Bounded retries with exponential back-off through the retry queues.
     *
     * @param maxAttempts attempts in all, the first included; then the task goes to its dead-letter queue
     */
    public record Retry(
            @Min(1) @Max(20) int maxAttempts,
            @NotNull Duration initialBackoff,
            @Min(1) double multiplier,
            @NotNull Duration maxBackoff) {

        /** Back-off before attempt {@code attempt + 1}, after {@code attempt} failed attempts. */
        public Duration backoffAfter(int attempt) {
            double millis = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
            return Duration.ofMillis((long) Math.min(millis, maxBackoff.toMillis()));
        }
    }

    /**
     * Redis memory of task ids, and the claims of running tasks.
     *
     * @param keyPrefix prefix of the Redis keys
     * @param lease how long a running claim lives without a heartbeat: a dead holder's claim expires
     *     after at most this long, and the task is then taken over
     * @param heartbeat how often a live holder renews its claims (shorter than the lease)
     * @param maxDeferrals how many times a request whose id is claimed by another live worker is put
     *     back (without counting as a failed attempt) before it counts as one
     * @param retention how long a finished id is remembered (redeliveries within it are not run)
     */
    public record Idempotency(
            @NotBlank String keyPrefix,
            @NotNull Duration lease,
            @NotNull Duration heartbeat,
            @Min(0) @Max(10_000) int maxDeferrals,
            @NotNull Duration retention) {

        /** Slack after the holder's lease so that a put-back request arrives after it expired. */
        static final Duration EXPIRY_MARGIN = Duration.ofMillis(250);

        @AssertTrue(message = "heartbeat must be positive and at most half the lease")
        public boolean isHeartbeatWithinLease() {
            return lease == null
                    || heartbeat == null
                    || (!heartbeat.isNegative()
                            && !heartbeat.isZero()
                            && heartbeat.multipliedBy(2).compareTo(lease) <= 0);
        }

        /**
         * How long a request waits before it looks at a claim held by another worker again, after
         * {@code deferrals} earlier put-backs: at least until the holder's claim would have expired
         * ({@code claimTtl}, when known), so a dead holder is taken over on the next look; growing like
         * the retry back-off, so a long job on a live holder is not polled every lease.
         */
        public Duration deferral(Duration claimTtl, int deferrals, Retry retry) {
            Duration backoff = retry.backoffAfter(deferrals);
            if (claimTtl == null || claimTtl.isNegative()) return backoff;
            Duration untilExpired = claimTtl.plus(EXPIRY_MARGIN);
            return untilExpired.compareTo(backoff) > 0 ? untilExpired : backoff;
        }
    }

    /**
     * ShedLock settings of the schedules.
     *
     * @param lockPrefix Redis key prefix of the locks
     * @param lockEnvironment ShedLock environment segment of the keys
     */
    public record Scheduling(
            @NotBlank String lockPrefix, @NotBlank String lockEnvironment) {}

    /**
     * One job's schedule.
     *
     * @param cron Spring cron expression (six fields, UTC); "-" disables the schedule
     * @param priority AMQP priority of scheduled requests (on-demand requests use 9)
     * @param lockAtLeastFor hold the lock at least this long, longer than clock skew between instances
     * @param lockAtMostFor release a lock whose holder died after this long
     * @param params parameters of the scheduled requests
     */
    public record Schedule(
            @NotBlank String cron,
            @Min(0) @Max(9) int priority,
            @NotNull Duration lockAtLeastFor,
            @NotNull Duration lockAtMostFor,
            Map<String, Object> params) {

        public boolean enabled() {
            return !"-".equals(cron);
        }
    }
}
