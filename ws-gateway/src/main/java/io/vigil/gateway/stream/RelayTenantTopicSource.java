package io.vigil.gateway.stream;

import org.springframework.stereotype.Component;

/**
 * Full broker semantics: every tenant-topic subscription is relayed to RabbitMQ as is, and
 * RabbitMQ delivers to the client through the session's own relay connection.
 */
@Component
class RelayTenantTopicSource implements TenantTopicSource {

    @Override
    public boolean subscribe(TenantTopic topic, String sessionId, String subscriptionId) {
        return true;
    }

    @Override
    public boolean unsubscribe(String sessionId, String subscriptionId) {
        return true;
    }

    @Override
    public void sessionClosed(String sessionId) {
        // the relay closes the session's broker connection itself
    }
}
