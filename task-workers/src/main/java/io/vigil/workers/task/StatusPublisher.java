package io.vigil.workers.task;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vigil.contracts.ops.TaskRequest;
import io.vigil.contracts.ops.TaskStatus;
import io.vigil.workers.config.WorkersProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes {@link TaskStatus} JSON to {@code amq.topic} with routing key {@code ops.tasks}, which
 * STOMP subscribers of {@code /topic/ops.tasks} receive. A status that cannot be published is logged,
 * never allowed to fail the job itself.
 */
@Component
class StatusPublisher {

    private static final Logger log = LoggerFactory.getLogger(StatusPublisher.class);

    private final RabbitTemplate rabbit;
    private final JsonMapper json;
    private final Clock clock;
    private final WorkersProperties properties;
    private final MeterRegistry meters;

    StatusPublisher(
            RabbitTemplate rabbit, JsonMapper json, Clock clock, WorkersProperties properties, MeterRegistry meters) {
        this.rabbit = rabbit;
        this.json = json;
        this.clock = clock;
        this.properties = properties;
        this.meters = meters;
    }

    void started(TaskRequest request) {
        send(request, TaskStatus.State.STARTED, 0, "started (requested by " + request.requestedBy() + ")", null, null);
    }

    void progress(TaskRequest request, int percent, String message) {
        send(request, TaskStatus.State.PROGRESS, Math.clamp(percent, 0, 100), message, null, null);
    }

    void done(TaskRequest request, Instant started, Map<String, Object> result) {
        Long durationMs = since(started);
        record(request, "done", durationMs);
        send(request, TaskStatus.State.DONE, 100, "done", result, durationMs);
    }

    void failed(TaskRequest request, Instant started, String reason) {
        Long durationMs = since(started);
        record(request, "failed", durationMs);
        send(request, TaskStatus.State.FAILED, 100, reason, null, durationMs);
    }

    /** The run's duration as a metric too: the status message is gone once published. */
    private void record(TaskRequest request, String outcome, Long durationMs) {
        if (durationMs == null) return;
        Timer.builder("vigil.tasks.duration")
                .description("How long a task ran, from STARTED to DONE or FAILED")
                .tag("type", request.type())
                .tag("outcome", outcome)
                .register(meters)
                .record(Duration.ofMillis(durationMs));
    }

    private Long since(Instant started) {
        return started == null
                ? null
                : Duration.between(started, clock.instant()).toMillis();
    }

    private void send(
            TaskRequest request,
            TaskStatus.State state,
            int progress,
            String message,
            Map<String, Object> result,
            Long durationMs) {
        TaskStatus status = new TaskStatus(
                request.id(),
                request.type(),
                request.tenant(),
                state,
                progress,
                message,
                result,
                clock.instant(),
                durationMs,
                properties.instanceId());
        MessageProperties messageProperties = new MessageProperties();
        messageProperties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        messageProperties.setContentEncoding("UTF-8");
        messageProperties.setCorrelationId(request.id());
        try {
            rabbit.send(
                    properties.amqp().statusExchange(),
                    properties.amqp().statusRoutingKey(),
                    new Message(json.writeValueAsBytes(status), messageProperties));
        } catch (AmqpException e) {
            log.warn("could not publish {} status of task {}: {}", state, request.id(), e.getMessage());
        }
    }
}
