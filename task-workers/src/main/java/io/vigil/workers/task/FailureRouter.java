package io.vigil.workers.task;

import io.vigil.contracts.ops.TaskType;
import io.vigil.workers.config.WorkersProperties;
import java.time.Clock;
import java.time.Duration;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/**
 * Where a failed delivery goes. A retryable failure is re-published to the retry exchange with a
 * per-message expiration (the back-off); the retry queue dead-letters it back to the tasks exchange
 * when it expires. A final or unfixable failure is published to the dead-letter exchange with the
 * reason in a header. A request whose id another live worker is running is put back through the
 * retry exchange too, with a deferral count instead of a failed attempt. The caller acknowledges the original only after the copy is published
 * (publisher confirms), so a crash in between duplicates the task, which idempotency absorbs, and
 * never loses it.
 */
@Component
class FailureRouter {

    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);

    private final RabbitTemplate rabbit;
    private final Clock clock;
    private final WorkersProperties properties;

    FailureRouter(RabbitTemplate rabbit, Clock clock, WorkersProperties properties) {
        this.rabbit = rabbit;
        this.clock = clock;
        this.properties = properties;
    }

    /** Schedules another attempt after {@code attempts} failed ones; returns the back-off. */
    Duration retry(Message message, TaskType type, int attempts, String reason) {
        Duration backoff = properties.retry().backoffAfter(attempts);
        Message copy = copy(message, attempts, reason);
        copy.getMessageProperties().setExpiration(Long.toString(Math.max(1, backoff.toMillis())));
        sendConfirmed(properties.amqp().retryExchange(), type, copy);
        return backoff;
    }

    /**
     * Puts a request back after {@code delay} without counting a failed attempt, because another live
     * worker holds its claim; {@code deferrals} is the count including this one.
     */
    void defer(Message message, TaskType type, int attempts, int deferrals, Duration delay, String reason) {
        Message copy = copy(message, attempts, reason);
        copy.getMessageProperties().setHeader(TaskMessages.DEFERRAL_HEADER, deferrals);
        copy.getMessageProperties().setExpiration(Long.toString(Math.max(1, delay.toMillis())));
        sendConfirmed(properties.amqp().retryExchange(), type, copy);
    }

    void deadLetter(Message message, TaskType type, int attempts, String reason) {
        sendConfirmed(properties.amqp().deadLetterExchange(), type, copy(message, attempts, reason));
    }

    private void sendConfirmed(String exchange, TaskType type, Message message) {
        rabbit.invoke(operations -> {
            operations.send(exchange, type.id(), message);
            operations.waitForConfirmsOrDie(CONFIRM_TIMEOUT.toMillis());
            return null;
        });
    }

    private Message copy(Message message, int attempts, String reason) {
        MessageProperties original = message.getMessageProperties();
        MessageProperties properties = new MessageProperties();
        properties.setMessageId(original.getMessageId());
        properties.setContentType(
                original.getContentType() == null ? MessageProperties.CONTENT_TYPE_JSON : original.getContentType());
        properties.setContentEncoding(original.getContentEncoding());
        properties.setDeliveryMode(original.getDeliveryMode());
        properties.setPriority(original.getPriority());
        properties.setTimestamp(original.getTimestamp());
        original.getHeaders().forEach(properties::setHeader);
        properties.setHeader(TaskMessages.ATTEMPT_HEADER, attempts);
        properties.setHeader(TaskMessages.REASON_HEADER, truncate(reason));
        properties.setHeader(TaskMessages.FAILED_AT_HEADER, clock.instant().toString());
        return new Message(message.getBody(), properties);
    }

    private static String truncate(String reason) {
        String text = reason == null ? "unknown" : reason;
        return text.length() > 1000 ? text.substring(0, 1000) + "…" : text;
    }
}
