package io.vigil.gateway.security;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.gateway.config.GatewayProperties;
import io.vigil.gateway.session.GatewaySession;
import io.vigil.gateway.session.SessionRegistry;
import io.vigil.gateway.stream.TenantTopic;
import io.vigil.gateway.stream.TenantTopicSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.stereotype.Component;

/**
 * The gateway's inbound STOMP checkpoint, registered before Spring Security's interceptors. CONNECT:
 * validates the bearer token, enforces the per-user connection limit, strips the token so it never
 * reaches RabbitMQ and sets the session user. Every later frame: token expiry, the per-session rate
 * limit, and the destination rules of {@link DestinationPolicy}. Any refusal is a
 * {@link StompRefusal}, which becomes an ERROR frame with its message, then a close.
 */
@Component
public class StompGuard implements ChannelInterceptor {

    private static final Pattern HEARTBEAT = Pattern.compile("\\d{1,18},\\d{1,18}");
    private static final String DECODE_PREFIX = "An error occurred while attempting to decode the Jwt: ";

    private final JwtDecoder decoder;
    private final JwtAuthenticationConverter authentication;
    private final SessionRegistry registry;
    private final TenantTopicSource tenantTopics;
    private final GatewayProperties.WebSocket config;
    private final Counter framesIn;

    StompGuard(
            JwtDecoder decoder,
            JwtAuthenticationConverter authentication,
            SessionRegistry registry,
            TenantTopicSource tenantTopics,
            GatewayProperties properties,
            MeterRegistry meters) {
        this.decoder = decoder;
        this.authentication = authentication;
        this.registry = registry;
        this.tenantTopics = tenantTopics;
        this.config = properties.websocket();
        this.framesIn =
                Counter.builder("vigil.stomp.frames").tag("direction", "in").register(meters);
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (accessor != null) {
            tenantTopics.fromClient(accessor.getSessionId());
        }
        if (accessor == null || accessor.getCommand() == null) {
            return message; // heart-beat
        }
        framesIn.increment();
        return switch (accessor.getCommand()) {
            case CONNECT, STOMP -> connect(accessor, message);
            case DISCONNECT -> tenantTopics.toRelay(accessor, message);
            default -> afterConnect(accessor, message);
        };
    }

    private Message<?> connect(StompHeaderAccessor accessor, Message<?> message) {
        if (registry.shuttingDown()) {
            throw new StompRefusal("Gateway shutting down: reconnect (to another instance)");
        }
        String header = Optional.ofNullable(accessor.getFirstNativeHeader("Authorization"))
                .orElse(accessor.getFirstNativeHeader("authorization"));
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new StompRefusal("Unauthorized: CONNECT needs an 'Authorization: Bearer <JWT>' header");
        }
        Jwt jwt;
        GatewayUser user;
        try {
            jwt = decoder.decode(header.substring(7).trim());
            user = GatewayUser.from(jwt);
        } catch (JwtException | IllegalArgumentException e) {
            throw new StompRefusal("Unauthorized: invalid token: " + describe(e));
        }
        checkHeartbeat(accessor.getFirstNativeHeader("heart-beat"));
        registry.acquire(user);
        // the relay forwards CONNECT headers to RabbitMQ: the token must not go there
        accessor.removeNativeHeader("Authorization");
        accessor.removeNativeHeader("authorization");
        accessor.setUser(authentication.convert(jwt));
        Map<String, Object> attributes = accessor.getSessionAttributes();
        if (attributes != null) {
            attributes.put(GatewaySession.ATTRIBUTE, new GatewaySession(user, bucket()));
        }
        if (tenantTopics.connect(accessor, message)) {
            return message;
        }
        // answered by the tenant-topic source. The frame must still go on (Spring forgets a session
        // whose CONNECT was not sent), but as nothing any broker acts on: a heart-beat of the session
        StompHeaderAccessor answered = StompHeaderAccessor.createForHeartbeat();
        answered.setSessionId(accessor.getSessionId());
        answered.setSessionAttributes(accessor.getSessionAttributes());
        answered.setUser(accessor.getUser());
        return MessageBuilder.createMessage(new byte[0], answered.getMessageHeaders());
    }

    private Message<?> afterConnect(StompHeaderAccessor accessor, Message<?> message) {
        GatewaySession session = GatewaySession.of(accessor.getSessionAttributes())
                .orElseThrow(() -> new StompRefusal("Unauthorized: CONNECT first"));
        GatewayUser user = session.user();
        if (user.expiresAt() != null && user.expiresAt().isBefore(Instant.now())) {
            throw new StompRefusal(
                    "Unauthorized: token expired at " + user.expiresAt() + "; reconnect with a fresh token");
        }
        if (!session.tryConsumeFrame()) {
            throw new StompRefusal("Too many frames: at most " + config.ratePerSecond() + " per second (burst "
                    + config.rateCapacity() + ") per session");
        }
        String destination = accessor.getDestination();
        return switch (accessor.getCommand()) {
            case SUBSCRIBE -> subscribe(accessor, message, session, destination);
            case UNSUBSCRIBE -> unsubscribe(accessor, message, session);
            case SEND -> {
                DestinationPolicy.send(user, destination).ifPresent(reason -> {
                    throw new StompRefusal(reason);
                });
                yield message;
            }
            default -> message;
        };
    }

    private Message<?> subscribe(
            StompHeaderAccessor accessor, Message<?> message, GatewaySession session, String destination) {
        DestinationPolicy.subscribe(session.user(), destination).ifPresent(reason -> {
            throw new StompRefusal(reason);
        });
        String id = accessor.getSubscriptionId();
        if (id == null) {
            throw new StompRefusal("Refused: SUBSCRIBE without an 'id' header");
        }
        if (DestinationPolicy.LOCAL_QUEUE.matcher(destination).matches()) {
            session.subscribed(id, destination, false);
            return null; // served by SessionReplies on this instance, never relayed
        }
        Optional<TenantTopic> topic = TenantTopic.parse(destination);
        if (topic.isPresent() && !tenantTopics.subscribe(topic.get(), accessor)) {
            session.subscribed(id, destination, false);
            return null; // the tenant-topic source delivers this subscription itself
        }
        // /app/... goes to the gateway's own handlers only; /topic/... reaches the relay and RabbitMQ
        boolean relayed = !destination.startsWith("/app/");
        session.subscribed(id, destination, relayed);
        return relayed ? tenantTopics.toRelay(accessor, message) : message;
    }

    /**
     * Only subscriptions that went on to RabbitMQ may be unsubscribed there: the relay forwards every
     * UNSUBSCRIBE, and RabbitMQ answers one for an id it never saw (snapshot, resume, session
     * queues, unknown ids) with "No subscription found", an ERROR that closes the whole session.
     */
    private Message<?> unsubscribe(StompHeaderAccessor accessor, Message<?> message, GatewaySession session) {
        GatewaySession.Subscription subscription = session.unsubscribed(accessor.getSubscriptionId());
        if (subscription == null) {
            return null; // unknown id: nothing to undo anywhere
        }
        boolean relay = subscription.relayed();
        if (TenantTopic.parse(subscription.destination()).isPresent()) {
            // the tenant-topic source must hear of it either way; it may have taken the subscription over
            relay = tenantTopics.unsubscribe(accessor) && relay;
        }
        return relay ? tenantTopics.toRelay(accessor, message) : null;
    }

    /**
     * STOMP 1.2: two non-negative integers (milliseconds). Checked here for both delivery modes:
     * RabbitMQ answered some invalid values with a bare "Processing error" and took others (a
     * negative one) as they were.
     */
    private static void checkHeartbeat(String value) {
        if (value != null && !HEARTBEAT.matcher(value).matches()) {
            throw new StompRefusal("Refused: invalid heart-beat header '" + value
                    + "': expected '<cx>,<cy>', two non-negative whole numbers of milliseconds");
        }
    }

    private Bucket bucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(config.rateCapacity())
                        .refillGreedy(config.ratePerSecond(), Duration.ofSeconds(1))
                        .build())
                .build();
    }

    private static String describe(Exception e) {
        if (e instanceof JwtValidationException invalid && !invalid.getErrors().isEmpty()) {
            return invalid.getErrors().iterator().next().getDescription();
        }
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return text.startsWith(DECODE_PREFIX) ? text.substring(DECODE_PREFIX.length()) : text;
    }
}
