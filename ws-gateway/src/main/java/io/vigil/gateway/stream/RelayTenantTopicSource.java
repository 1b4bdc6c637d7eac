package io.vigil.gateway.stream;

import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

/**
 * Full broker semantics: every tenant-topic subscription is relayed to RabbitMQ as is, and
 * RabbitMQ delivers to the client through the session's own relay connection (delivery mode
 * {@code relay}; also the benchmark baseline's in-memory broker).
 */
public class RelayTenantTopicSource implements TenantTopicSource {

    @Override
    public boolean subscribe(TenantTopic topic, StompHeaderAccessor frame) {
        return true;
    }

    @Override
    public boolean unsubscribe(StompHeaderAccessor frame) {
        return true;
    }

    @Override
    public void sessionClosed(String sessionId) {
        // the relay closes the session's broker connection itself
    }
}
