package io.vigil.gateway.bridge;

import java.util.List;
import org.springframework.context.annotation.Profile;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeTypeUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Benchmark baseline only (profile {@code simple-broker}): the bridge hands live messages straight
 * to Spring's in-memory broker, with the same headers as through RabbitMQ. There is no RabbitMQ
 * between instances, so this is correct for one instance only.
 */
@Component
@Profile("simple-broker")
class SimpleBrokerPublisher implements LivePublisher {

    private final SimpMessagingTemplate broker;
    private final JsonMapper json;

    SimpleBrokerPublisher(SimpMessagingTemplate broker, JsonMapper json) {
        this.broker = broker;
        this.json = json;
    }

    @Override
    public void publish(List<BridgedRecord> records) {
        for (BridgedRecord record : records) {
            LiveMessage live = LiveMessage.of(record, json);
            SimpMessageHeaderAccessor accessor = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
            live.headers().forEach(accessor::setNativeHeader);
            accessor.setNativeHeader("amqp-message-id", live.messageId());
            accessor.setContentType(MimeTypeUtils.APPLICATION_JSON);
            accessor.setLeaveMutable(true);
            Message<byte[]> message = MessageBuilder.createMessage(live.body(), accessor.getMessageHeaders());
            broker.send(record.topic().destination(), message);
        }
    }
}
