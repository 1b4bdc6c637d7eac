package io.vigil.gateway.bridge;

import io.vigil.gateway.config.GatewayProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes bridged records to {@code amq.topic} with publisher confirms. A batch is published,
 * then every confirm is awaited; a nack or a timeout fails the whole batch so the Kafka consumer
 * retries it (consumers de-duplicate by key and version).
 */
@Component
@Profile("!simple-broker")
class RabbitPublisher implements LivePublisher {

    private final RabbitTemplate rabbit;
    private final JsonMapper json;
    private final GatewayProperties.Bridge config;

    RabbitPublisher(RabbitTemplate rabbit, JsonMapper json, GatewayProperties properties) {
        this.rabbit = rabbit;
        this.json = json;
        this.config = properties.bridge();
    }

    /** Publishes all records and returns once RabbitMQ confirmed every one of them. */
    @Override
    public void publish(List<BridgedRecord> records) {
        List<CorrelationData> pending = new ArrayList<>(records.size());
        for (BridgedRecord record : records) {
            CorrelationData correlation = new CorrelationData(
                    record.entry().key() + "@" + record.entry().offset());
            rabbit.send(config.exchange(), record.topic().routingKey(), toMessage(record), correlation);
            pending.add(correlation);
        }
        long deadline = System.nanoTime() + config.confirmTimeout().toNanos();
        for (CorrelationData correlation : pending) {
            try {
                var confirm =
                        correlation.getFuture().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (!confirm.ack()) {
                    throw new PublishFailedException(
                            "RabbitMQ refused " + correlation.getId() + ": " + confirm.reason());
                }
            } catch (TimeoutException e) {
                throw new PublishFailedException(
                        "no confirm from RabbitMQ for " + correlation.getId() + " within " + config.confirmTimeout());
            } catch (ExecutionException e) {
                throw new PublishFailedException("publish of " + correlation.getId() + " failed: " + e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PublishFailedException("interrupted while awaiting confirms");
            }
        }
    }

    private Message toMessage(BridgedRecord record) {
        LiveMessage live = LiveMessage.of(record, json);
        MessageProperties props = new MessageProperties();
        props.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        props.setContentEncoding("utf-8");
        props.setMessageId(live.messageId());
        live.headers().forEach(props::setHeader);
        return new Message(live.body(), props);
    }

    /** A publish that RabbitMQ did not confirm; the batch is retried. */
    static final class PublishFailedException extends RuntimeException {
        PublishFailedException(String message) {
            super(message);
        }
    }
}
