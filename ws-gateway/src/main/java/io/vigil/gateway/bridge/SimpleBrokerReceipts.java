package io.vigil.gateway.bridge;

import io.vigil.gateway.session.SessionReplies;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionSubscribeEvent;

/**
 * Benchmark baseline only (profile {@code simple-broker}): Spring's in-memory broker does not
 * answer a SUBSCRIBE's {@code receipt} as RabbitMQ does, so clients that wait for it (to know the
 * subscription exists) get it from here.
 */
@Component
@Profile("simple-broker")
class SimpleBrokerReceipts {

    private final SessionReplies replies;

    SimpleBrokerReceipts(SessionReplies replies) {
        this.replies = replies;
    }

    @EventListener
    void onSubscribe(SessionSubscribeEvent event) {
        StompHeaderAccessor frame = StompHeaderAccessor.wrap(event.getMessage());
        if (frame.getReceipt() != null
                && frame.getDestination() != null
                && frame.getDestination().startsWith("/topic/")) {
            replies.receipt(frame.getSessionId(), frame.getReceipt());
        }
    }
}
