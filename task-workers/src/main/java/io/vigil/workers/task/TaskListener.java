package io.vigil.workers.task;

import com.rabbitmq.client.Channel;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.contracts.ops.TaskRequest;
import io.vigil.contracts.ops.TaskType;
import io.vigil.workers.config.WorkersProperties;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;

/**
 * Consumes one task queue with manual acknowledgements: refuses unusable messages to the
 * dead-letter queue with the reason, skips ids already run, runs the job with status messages, and
 * on failure retries with back-off or dead-letters after the last attempt. Every path ends in
 * exactly one ack of the delivery, after any copy has been confirmed by the broker.
 */
class TaskListener implements ChannelAwareMessageListener {

    private static final Logger log = LoggerFactory.getLogger(TaskListener.class);

    private final TaskType type;
    private final TaskJob job;
    private final TaskMessages messages;
    private final IdempotencyGuard guard;
    private final StatusPublisher status;
    private final FailureRouter failures;
    private final WorkersProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;

    TaskListener(
            TaskJob job,
            TaskMessages messages,
            IdempotencyGuard guard,
            StatusPublisher status,
            FailureRouter failures,
            WorkersProperties properties,
            MeterRegistry meters,
            Clock clock) {
        this.type = job.type();
        this.job = job;
        this.messages = messages;
        this.guard = guard;
        this.status = status;
        this.failures = failures;
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
    }

    @Override
    public void onMessage(Message message, Channel channel) throws IOException {
        long tag = message.getMessageProperties().getDeliveryTag();
        try {
            handle(message);
        } catch (RuntimeException e) {
            if (guard.stopping()) {
                // shutting down (Redis or the channel already closed): the unacknowledged delivery goes
                // back to the queue when the channel closes, and runs elsewhere; a reject would dead-letter it
                log.warn(
                        "{} message {} cut off by shutdown; leaving it to be redelivered: {}",
                        type.id(),
                        message.getMessageProperties().getMessageId(),
                        e.getMessage());
                return;
            }
            // Redis or the broker failed while handling: an unacknowledged delivery would block this
            // consumer (prefetch 1), and a requeue could loop, so the broker dead-letters it (x-death).
            log.error(
                    "could not handle {} message {}; rejecting it to the dead-letter queue: {}",
                    type.id(),
                    message.getMessageProperties().getMessageId(),
                    e.getMessage(),
                    e);
            count("rejected");
            channel.basicReject(tag, false);
            return;
        }
        channel.basicAck(tag, false);
    }

    private void handle(Message message) {
        int attempts = TaskMessages.attempts(message);
        TaskRequest request;
        try {
            request = messages.parse(message, type);
        } catch (TaskMessages.InvalidTaskException e) {
            log.warn(
                    "refusing {} message {}: {}",
                    type.id(),
                    message.getMessageProperties().getMessageId(),
                    e.getMessage());
            failures.deadLetter(message, type, attempts, "invalid task message: " + e.getMessage());
            count("invalid");
            return;
        }
        IdempotencyGuard.Claim claim = guard.claim(request.id());
        switch (claim.outcome()) {
            case ALREADY_DONE -> {
                log.info(
                        "task {} ({}) already ran; acknowledging the duplicate without running it",
                        request.id(),
                        type.id());
                count("duplicate");
            }
            case RUNNING_ELSEWHERE -> defer(message, request, attempts, claim.holderTtl());
            case CLAIMED -> run(message, request, attempts);
        }
    }

    /**
     * Another worker holds the claim. If it is alive it renews the claim and will finish the task (a
     * later look finds DONE); if it died, the claim expires within its lease and a later look takes
     * the task over. So the request waits at least until the claim would expire, and that wait is not
     * a failed attempt, up to {@code max-deferrals} times.
     */
    private void defer(Message message, TaskRequest request, int attempts, Duration holderTtl) {
        int deferrals = TaskMessages.deferrals(message);
        var idempotency = properties.idempotency();
        if (deferrals >= idempotency.maxDeferrals()) {
            routeFailure(
                    message,
                    request,
                    attempts + 1,
                    "task is still running on another worker after %d deferrals".formatted(deferrals),
                    null);
            return;
        }
        Duration delay = idempotency.deferral(holderTtl, deferrals, properties.retry());
        Duration wait =
                failures.defer(message, type, attempts, deferrals + 1, delay, "task is claimed by another worker");
        log.info(
                "task {} ({}) is claimed by another worker (claim expires in {} ms without renewal); looking again in {} ms",
                request.id(),
                type.id(),
                holderTtl.toMillis(),
                wait.toMillis());
        count("deferred");
    }

    private void run(Message message, TaskRequest request, int attempts) {
        Instant started = clock.instant();
        status.started(request);
        Map<String, Object> result;
        try {
            result = job.run(request, (percent, text) -> status.progress(request, percent, text));
        } catch (Exception e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            log.warn("task {} ({}) attempt {} failed: {}", request.id(), type.id(), attempts + 1, reason, e);
            routeFailure(message, request, attempts + 1, reason, started);
            return;
        }
        if (!guard.finished(request.id(), "done:" + properties.instanceId())) {
            // our claim lapsed and another worker took the task over: its run is the one that counts
            log.warn(
                    "task {} ({}) finished here after another worker took it over; not reporting it done",
                    request.id(),
                    type.id());
            count("superseded");
            return;
        }
        status.done(request, started, result);
        count("done");
    }

    private void routeFailure(Message message, TaskRequest request, int attempts, String reason, Instant started) {
        int maxAttempts = properties.retry().maxAttempts();
        boolean last = attempts >= maxAttempts;
        if (started != null
                && !(last
                        ? guard.finished(request.id(), "failed:" + properties.instanceId())
                        : guard.release(request.id()))) {
            // the claim was released on shutdown or taken over: the request is redelivered or already
            // running elsewhere, so this cut-off attempt neither retries nor dead-letters it
            log.warn(
                    "task {} ({}) attempt {} ended after its claim was given up: {}",
                    request.id(),
                    type.id(),
                    attempts,
                    reason);
            count("superseded");
            return;
        }
        if (!last) {
            Duration backoff = failures.retry(message, type, attempts, reason);
            status.failed(
                    request,
                    started,
                    "attempt %d/%d failed: %s; retrying in %d ms"
                            .formatted(attempts, maxAttempts, reason, backoff.toMillis()));
            count("retried");
        } else {
            failures.deadLetter(message, type, attempts, reason);
            status.failed(request, started, "failed after %d attempts, dead-lettered: %s".formatted(attempts, reason));
            count("dead-lettered");
        }
    }

    private void count(String outcome) {
        meters.counter("vigil.tasks.deliveries", "type", type.id(), "outcome", outcome)
                .increment();
    }
}
