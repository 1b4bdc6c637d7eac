package io.vigil.gateway.session;

import io.github.bucket4j.Bucket;
import io.vigil.gateway.security.GatewayUser;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the gateway keeps per authenticated STOMP session, in the WebSocket session attributes: the
 * user, the session's inbound rate bucket and its subscriptions (id to destination, and whether the
 * SUBSCRIBE went on to RabbitMQ: only those may be followed by an UNSUBSCRIBE to the broker).
 */
public final class GatewaySession {

    public static final String ATTRIBUTE = "vigil.session";

    private final GatewayUser user;
    private final Bucket bucket;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();

    /** One client subscription: its destination and whether RabbitMQ knows it (it was relayed). */
    public record Subscription(String destination, boolean relayed) {}

    public GatewaySession(GatewayUser user, Bucket bucket) {
        this.user = user;
        this.bucket = bucket;
    }

    public GatewayUser user() {
        return user;
    }

    public boolean tryConsumeFrame() {
        return bucket.tryConsume(1);
    }

    public void subscribed(String subscriptionId, String destination, boolean relayed) {
        subscriptions.put(subscriptionId, new Subscription(destination, relayed));
    }

    /** Forgets a subscription; returns it, or null if the id was unknown. */
    public Subscription unsubscribed(String subscriptionId) {
        return subscriptionId == null ? null : subscriptions.remove(subscriptionId);
    }

    public int subscriptionCount() {
        return subscriptions.size();
    }

    /** The id of this session's subscription to a destination, if any. */
    public Optional<String> subscriptionTo(String destination) {
        return subscriptions.entrySet().stream()
                .filter(e -> e.getValue().destination().equals(destination))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    public static Optional<GatewaySession> of(Map<String, Object> attributes) {
        return attributes == null ? Optional.empty() : Optional.ofNullable((GatewaySession) attributes.get(ATTRIBUTE));
    }
}
