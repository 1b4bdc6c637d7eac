package io.vigil.gateway.stream;

/**
 * Where the messages of a subscription to a tenant topic come from. This is the one seam for
 * tenant-topic delivery: the relay implementation lets every SUBSCRIBE go through to RabbitMQ (one
 * broker subscription per client subscription); a later "shared subscription with local fan-out"
 * implementation can take the subscription over and deliver from one broker subscription per
 * gateway instance.
 */
public interface TenantTopicSource {

    /**
     * A client subscribes to a tenant topic (already authorised).
     *
     * @return true if the SUBSCRIBE frame must continue to the broker relay, false if this source
     *     delivers the messages itself
     */
    boolean subscribe(TenantTopic topic, String sessionId, String subscriptionId);

    /**
     * The client unsubscribed from a tenant topic.
     *
     * @return true if the UNSUBSCRIBE frame must continue to the broker relay
     */
    boolean unsubscribe(String sessionId, String subscriptionId);

    /** The session ended. */
    void sessionClosed(String sessionId);
}
