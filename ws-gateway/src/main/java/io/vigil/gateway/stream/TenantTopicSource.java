package io.vigil.gateway.stream;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

/**
 * Where the messages of a subscription to a tenant topic come from. This is the one seam for
 * tenant-topic delivery: the relay implementation lets every SUBSCRIBE go through to RabbitMQ (one
 * broker subscription per client subscription); the shared one (package {@code delivery}) takes
 * plain subscriptions over and delivers from one broker subscription per destination per gateway
 * instance.
 */
public interface TenantTopicSource {

    /**
     * A client subscribes to a tenant topic (already authorised). A source that takes the
     * subscription over also answers the frame's {@code receipt}, as the broker would have.
     *
     * @return true if the SUBSCRIBE frame must continue to the broker relay, false if this source
     *     delivers the messages itself
     */
    boolean subscribe(TenantTopic topic, StompHeaderAccessor frame);

    /**
     * The client unsubscribed from a tenant topic.
     *
     * @return true if the UNSUBSCRIBE frame must continue to the broker relay
     */
    boolean unsubscribe(StompHeaderAccessor frame);

    /** The session ended. */
    void sessionClosed(String sessionId);

    /**
     * An authenticated CONNECT.
     *
     * @return true if it must continue to the broker relay, false if this source answered it
     */
    default boolean connect(StompHeaderAccessor frame, Message<?> message) {
        return true;
    }

    /**
     * A frame on its way to the broker relay (relayed SUBSCRIBE and UNSUBSCRIBE, DISCONNECT).
     *
     * @return the frame to send on now, or null if this source takes care of it
     */
    default Message<?> toRelay(StompHeaderAccessor frame, Message<?> message) {
        return message;
    }

    /** Any frame or heart-beat from a client (the session is alive). */
    default void fromClient(String sessionId) {}

    /** A frame (from the relay or the gateway) on its way to a client: false to hold it back. */
    default boolean toClient(StompHeaderAccessor frame) {
        return true;
    }
}
