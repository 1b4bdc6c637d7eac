package io.vigil.gateway.session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeTypeUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replies to one session on {@code /user/queue/replies} (and {@code /user/queue/errors}) directly
 * from this instance. These subscriptions are never relayed: a reply always comes from the instance
 * that holds the session, so RabbitMQ need not create (and later clean up) a queue per session.
 */
@Component
public class SessionReplies {

    public static final String REPLIES = "/user/queue/replies";
    public static final String ERRORS = "/user/queue/errors";

    private static final Logger log = LoggerFactory.getLogger(SessionReplies.class);

    private final SessionRegistry registry;
    private final MessageChannel clientOutbound;
    private final JsonMapper json;

    SessionReplies(
            SessionRegistry registry,
            @Lazy @Qualifier("clientOutboundChannel") MessageChannel clientOutbound,
            JsonMapper json) {
        this.registry = registry;
        this.clientOutbound = clientOutbound;
        this.json = json;
    }

    /** Sends a JSON payload; false if the session has not subscribed to the destination. */
    public boolean send(String sessionId, String destination, Object payload) {
        var subscription = registry.gatewaySession(sessionId).flatMap(s -> s.subscriptionTo(destination));
        if (subscription.isEmpty()) {
            log.debug("Session {} has no subscription to {}; reply not sent", sessionId, destination);
            return false;
        }
        SimpMessageHeaderAccessor accessor = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        accessor.setSessionId(sessionId);
        accessor.setSubscriptionId(subscription.get());
        accessor.setDestination(destination);
        accessor.setContentType(MimeTypeUtils.APPLICATION_JSON);
        accessor.setLeaveMutable(true);
        clientOutbound.send(
                MessageBuilder.createMessage(json.writeValueAsBytes(payload), accessor.getMessageHeaders()));
        return true;
    }
}
