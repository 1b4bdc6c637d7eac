package io.vigil.gateway.session;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.gateway.config.GatewayProperties;
import io.vigil.gateway.security.GatewayUser;
import io.vigil.gateway.security.StompRefusal;
import io.vigil.gateway.stream.TenantTopicSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.handler.WebSocketHandlerDecoratorFactory;

/**
 * The open WebSocket sessions of this instance: connections per user (limited), the periodic sweep
 * (sessions without a CONNECT by the connect deadline and sessions whose token expired are closed
 * with an ERROR frame) and closing sessions on purpose (shutdown), always with an ERROR frame that
 * says why.
 */
@Component
public class SessionRegistry implements WebSocketHandlerDecoratorFactory {

    /**
     * Session attribute holding the session as Spring's STOMP handler sends on it (the concurrent
     * decorator with the send time and buffer limits), for delivery that bypasses the outbound
     * channel.
     */
    public static final String OUTBOUND = "vigil.outbound";

    /** Session attribute: when the WebSocket opened ({@link System#nanoTime()}). */
    private static final String OPENED = "vigil.opened";

    /** Session attribute: the connect deadline passed and the session was told (ERROR frame). */
    private static final String TOLD = "vigil.connect-deadline-told";

    private static final Logger log = LoggerFactory.getLogger(SessionRegistry.class);

    private final Map<String, WebSocketSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> connectionsPerUser = new ConcurrentHashMap<>();
    private final MessageChannel clientOutbound;
    private final TenantTopicSource tenantTopics;
    private final int maxConnectionsPerUser;
    private final Duration connectTimeout;
    private final Counter connectTimeouts;
    private volatile boolean shuttingDown;

    SessionRegistry(
            @Lazy @Qualifier("clientOutboundChannel") MessageChannel clientOutbound,
            TenantTopicSource tenantTopics,
            GatewayProperties properties,
            MeterRegistry meters) {
        this.clientOutbound = clientOutbound;
        this.tenantTopics = tenantTopics;
        this.maxConnectionsPerUser = properties.websocket().maxConnectionsPerUser();
        this.connectTimeout = properties.websocket().connectTimeout();
        this.connectTimeouts = Counter.builder("vigil.stomp.connect.timeouts")
                .description("WebSocket sessions closed because no CONNECT was accepted in time")
                .register(meters);
    }

    @Override
    public WebSocketHandler decorate(WebSocketHandler handler) {
        return new WebSocketHandlerDecorator(handler) {
            @Override
            public void afterConnectionEstablished(WebSocketSession session) throws Exception {
                session.getAttributes().put(OPENED, System.nanoTime());
                sessions.put(session.getId(), session);
                super.afterConnectionEstablished(session);
            }

            @Override
            public void afterConnectionClosed(WebSocketSession session, CloseStatus status) throws Exception {
                sessions.remove(session.getId());
                GatewaySession.of(session.getAttributes()).ifPresent(s -> release(s.user()));
                tenantTopics.sessionClosed(session.getId());
                super.afterConnectionClosed(session, status);
            }
        };
    }

    /** Counts a new connection of a user, or refuses it above the per-user limit. */
    public void acquire(GatewayUser user) {
        AtomicInteger count = connectionsPerUser.computeIfAbsent(userKey(user), k -> new AtomicInteger());
        if (count.incrementAndGet() > maxConnectionsPerUser) {
            count.decrementAndGet();
            throw new StompRefusal("Refused: user '" + user.name() + "' already has " + maxConnectionsPerUser
                    + " connections (the limit per user)");
        }
    }

    private void release(GatewayUser user) {
        connectionsPerUser.computeIfPresent(userKey(user), (k, c) -> c.decrementAndGet() <= 0 ? null : c);
    }

    private static String userKey(GatewayUser user) {
        return user.tenant() + "/" + user.name();
    }

    public boolean shuttingDown() {
        return shuttingDown;
    }

    void startShutdown() {
        shuttingDown = true;
    }

    public int size() {
        return sessions.size();
    }

    public Collection<WebSocketSession> sessions() {
        return sessions.values();
    }

    public Optional<GatewaySession> gatewaySession(String sessionId) {
        WebSocketSession session = sessions.get(sessionId);
        return session == null ? Optional.empty() : GatewaySession.of(session.getAttributes());
    }

    /** The session to send frames on directly (see {@link #OUTBOUND}). */
    public Optional<WebSocketSession> outbound(String sessionId) {
        WebSocketSession session = sessions.get(sessionId);
        return session == null
                ? Optional.empty()
                : Optional.ofNullable((WebSocketSession) session.getAttributes().get(OUTBOUND));
    }

    /**
     * The sweep: closes sessions without an accepted CONNECT after the connect deadline and sessions
     * whose token has expired, each with an ERROR frame saying so.
     */
    @Scheduled(fixedDelayString = "${vigil.security.expiry-sweep:5s}")
    void sweep() {
        Instant now = Instant.now();
        long nanos = System.nanoTime();
        for (WebSocketSession session : sessions.values()) {
            Optional<GatewaySession> connected = GatewaySession.of(session.getAttributes());
            if (connected.isEmpty()) {
                closeIfPastConnectDeadline(session, nanos);
                continue;
            }
            connected
                    .filter(s ->
                            s.user().expiresAt() != null && s.user().expiresAt().isBefore(now))
                    .ifPresent(s -> closeWithError(
                            session.getId(),
                            "Unauthorized: token expired at " + s.user().expiresAt() + "; reconnect with a fresh token",
                            Map.of()));
        }
    }

    /**
     * Spring's own time-to-first-message check runs only when another session sends something, and
     * half a frame already counts as a first message: without this, a socket that never completes
     * CONNECT (a slowloris) is held for free, unauthenticated. Told with an ERROR frame (sending one
     * is allowed in any state of the conversation, the STOMP handler then closes with 1002); if the
     * session is still open at the next sweep, it is closed without further ado (1008).
     */
    private void closeIfPastConnectDeadline(WebSocketSession session, long nanos) {
        Object opened = session.getAttributes().get(OPENED);
        if (!(opened instanceof Long since) || nanos - since < connectTimeout.toNanos()) {
            return;
        }
        if (session.getAttributes().putIfAbsent(TOLD, Boolean.TRUE) == null) {
            connectTimeouts.increment();
            log.debug("Session {}: no CONNECT within {}", session.getId(), connectTimeout);
            closeWithError(
                    session.getId(),
                    "No CONNECT within " + seconds(connectTimeout) + " s of opening the connection",
                    Map.of());
            return;
        }
        try {
            session.close(CloseStatus.POLICY_VIOLATION.withReason("No CONNECT in time"));
        } catch (IOException | RuntimeException e) {
            log.debug("Could not close session {}: {}", session.getId(), e.getMessage());
        }
    }

    private static String seconds(Duration duration) {
        return java.math.BigDecimal.valueOf(duration.toMillis(), 3)
                .stripTrailingZeros()
                .toPlainString();
    }

    /**
     * Sends an ERROR frame through the normal outbound path; the STOMP handler closes the session
     * after an ERROR frame.
     */
    public void closeWithError(String sessionId, String message, Map<String, String> headers) {
        StompHeaderAccessor accessor = StompHeaderAccessor.create(StompCommand.ERROR);
        accessor.setSessionId(sessionId);
        accessor.setMessage(message);
        headers.forEach(accessor::setNativeHeader);
        accessor.setLeaveMutable(true);
        try {
            clientOutbound.send(MessageBuilder.createMessage(
                    message.getBytes(StandardCharsets.UTF_8), accessor.getMessageHeaders()));
        } catch (RuntimeException e) {
            log.debug("Could not send ERROR to session {}: {}", sessionId, e.getMessage());
        }
    }
}
