package io.vigil.workers.task;

import io.vigil.contracts.ops.TaskType;
import io.vigil.workers.config.WorkersProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.ReturnedMessage;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.connection.PublisherCallbackChannel;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/**
 * Where a failed delivery goes. A retryable failure is re-published to the retry exchange, routed to
 * the retry queue of its type whose delay is the back-off (rounded up to a configured delay); that
 * queue's queue-level TTL dead-letters it back to the tasks exchange. A final or unfixable failure is
 * published to the dead-letter exchange with the reason in a header. A request whose id another live
 * worker is running is put back through the retry queues too, with a deferral count instead of a
 * failed attempt.
 *
 * <p>Why one queue per delay and not a per-message expiration: RabbitMQ expires messages only at the
 * head of a queue, so with per-message TTLs a short wait sat behind a longer one in the same queue
 * (a deferral of 2 s behind one of 2 min came back after 2 min: RetryQueuesIT). In a queue where every
 * message has the same TTL the head is always the first to expire.
 *
 * <p>Every copy is published mandatory and confirmed: an unroutable copy (a missing binding) comes
 * back as a return and a refused one as a nack, and both throw, so the caller rejects the original to
 * the dead-letter queue instead of acknowledging a copy that went nowhere. The caller acknowledges the
 * original only after this returns, so a crash in between duplicates the task, which idempotency
 * absorbs, and never loses it.
 */
@Component
class FailureRouter {

    private static final Logger log = LoggerFactory.getLogger(FailureRouter.class);
    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);

    private final RabbitTemplate copies;
    private final Clock clock;
    private final WorkersProperties properties;

    FailureRouter(ConnectionFactory connectionFactory, Clock clock, WorkersProperties properties) {
        // a template of its own: mandatory for copies only (an unroutable status is fine, nobody listens)
        this.copies = new RabbitTemplate(connectionFactory);
        this.copies.setMandatory(true);
        this.copies.setReturnsCallback(returned ->
                log.debug("copy returned by the broker: {} {}", returned.getReplyCode(), returned.getReplyText()));
        this.clock = clock;
        this.properties = properties;
    }

    /** Schedules another attempt after {@code attempts} failed ones; returns the wait. */
    Duration retry(Message message, TaskType type, int attempts, String reason) {
        return sendToRetryQueue(
                copy(message, attempts, reason), type, properties.retry().backoffAfter(attempts));
    }

    /**
     * Puts a request back for at least {@code delay} without counting a failed attempt, because
     * another live worker holds its claim; {@code deferrals} is the count including this one. Returns
     * the wait.
     */
    Duration defer(Message message, TaskType type, int attempts, int deferrals, Duration delay, String reason) {
        Message copy = copy(message, attempts, reason);
        copy.getMessageProperties().setHeader(TaskMessages.DEFERRAL_HEADER, deferrals);
        return sendToRetryQueue(copy, type, delay);
    }

    void deadLetter(Message message, TaskType type, int attempts, String reason) {
        sendConfirmed(properties.amqp().deadLetterExchange(), type.id(), copy(message, attempts, reason));
    }

    private Duration sendToRetryQueue(Message copy, TaskType type, Duration wait) {
        var amqp = properties.amqp();
        Duration delay = amqp.retryDelay(wait);
        sendConfirmed(amqp.retryExchange(), amqp.retryRoutingKey(type, delay), copy);
        return delay;
    }

    private void sendConfirmed(String exchange, String routingKey, Message message) {
        CorrelationData correlation = new CorrelationData(UUID.randomUUID().toString());
        copies.send(exchange, routingKey, message, correlation);
        CorrelationData.Confirm confirm;
        try {
            confirm = correlation.getFuture().get(CONFIRM_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CopyNotConfirmedException("interrupted waiting for the broker to confirm the copy", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new CopyNotConfirmedException(
                    "the broker did not confirm the copy to %s/%s within %s"
                            .formatted(exchange, routingKey, CONFIRM_TIMEOUT),
                    e);
        }
        if (!confirm.ack()) {
            throw new CopyNotConfirmedException(
                    "the broker refused the copy to %s/%s: %s".formatted(exchange, routingKey, confirm.reason()), null);
        }
        ReturnedMessage returned = correlation.getReturned();
        if (returned != null) {
            throw new CopyNotConfirmedException(
                    "the copy to %s/%s was unroutable (%d %s): is the topology of infra/rabbitmq/definitions.json loaded?"
                            .formatted(exchange, routingKey, returned.getReplyCode(), returned.getReplyText()),
                    null);
        }
    }

    /** A copy the broker did not take: the original must not be acknowledged. */
    static final class CopyNotConfirmedException extends AmqpException {
        CopyNotConfirmedException(String message, Throwable cause) {
            super(message, cause);
        }
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
        // the correlation of this copy's own confirm is set when it is sent, not inherited
        properties.getHeaders().remove(PublisherCallbackChannel.RETURNED_MESSAGE_CORRELATION_KEY);
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
