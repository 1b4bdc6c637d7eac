package io.vigil.gateway.session;

import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompEncoder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replies to one session on {@code /user/queue/replies} (and {@code /user/queue/errors}) directly
 * from this instance. These subscriptions are never relayed: a reply always comes from the instance
 * that holds the session, so RabbitMQ need not create (and later clean up) a queue per session.
 * Also the end of a session whose DISCONNECT no broker answers ({@link #endAfterDisconnect}).
 */
@Component
public class SessionReplies {

    public static final String REPLIES = "/user/queue/replies";
    public static final String ERRORS = "/user/queue/errors";

    /** What Spring's relay tells a client whose broker connection ended (after a DISCONNECT too). */
    private static final String BROKER_CLOSED = "Connection to broker closed.";

    private static final StompEncoder STOMP = new StompEncoder();
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

    /** Answers a frame's {@code receipt} header (for frames not handled by a broker). */
    public void receipt(String sessionId, String receiptId) {
        StompHeaderAccessor accessor = StompHeaderAccessor.create(StompCommand.RECEIPT);
        accessor.setSessionId(sessionId);
        accessor.setReceiptId(receiptId);
        accessor.setLeaveMutable(true);
        clientOutbound.send(MessageBuilder.createMessage(new byte[0], accessor.getMessageHeaders()));
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

    /**
     * Ends a session after its DISCONNECT when no broker connection will (a session whose CONNECT the
     * gateway answered itself): as the relay does after RabbitMQ closed its connection, the RECEIPT
     * if one was asked for, then ERROR {@value #BROKER_CLOSED} and the close (1002). Sent straight on
     * the session, in this order; the close flushes what is queued (config/BrokerConfiguration).
     */
    public void endAfterDisconnect(String sessionId, String receipt) {
        Optional<WebSocketSession> outbound = registry.outbound(sessionId);
        if (outbound.isEmpty()) {
            return;
        }
        WebSocketSession session = outbound.get();
        try {
            if (receipt != null) {
                StompHeaderAccessor accessor = StompHeaderAccessor.create(StompCommand.RECEIPT);
                accessor.setReceiptId(receipt);
                session.sendMessage(new TextMessage(STOMP.encode(accessor.getMessageHeaders(), new byte[0])));
            }
            StompHeaderAccessor error = StompHeaderAccessor.create(StompCommand.ERROR);
            error.setMessage(BROKER_CLOSED);
            session.sendMessage(new TextMessage(STOMP.encode(error.getMessageHeaders(), new byte[0])));
        } catch (IOException | RuntimeException e) {
            log.debug("Session {} went away during its DISCONNECT: {}", sessionId, e.getMessage());
        } finally {
            try {
                session.close(CloseStatus.PROTOCOL_ERROR);
            } catch (IOException | RuntimeException e) {
                log.debug("Could not close session {}: {}", sessionId, e.getMessage());
            }
        }
    }
}
