package io.vigil.gateway.presence;

import io.vigil.gateway.config.GatewayProperties;
import io.vigil.gateway.session.GatewaySession;
import io.vigil.gateway.session.SessionRegistry;
import io.vigil.gateway.stream.Kind;
import io.vigil.gateway.stream.TenantTopic;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionConnectedEvent;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

/**
 * Who is online per tenant, across instances: a Redis sorted set per tenant of
 * {@code <sessionId> <user>} scored by expiry time. Each instance refreshes its own sessions; a
 * crashed instance's entries simply expire. Join (first session of a user) and leave (last one) are
 * published to {@code /topic/<tenant>.presence} with the online list.
 */
@Component
public class PresenceTracker {

    private static final Logger log = LoggerFactory.getLogger(PresenceTracker.class);

    private final StringRedisTemplate redis;
    private final SessionRegistry sessions;
    private final SimpMessageSendingOperations broker;
    private final GatewayProperties properties;
    private final Map<String, GatewaySession> local = new ConcurrentHashMap<>();

    PresenceTracker(
            StringRedisTemplate redis,
            SessionRegistry sessions,
            SimpMessageSendingOperations broker,
            GatewayProperties properties) {
        this.redis = redis;
        this.sessions = sessions;
        this.broker = broker;
        this.properties = properties;
    }

    /** Online users and their session count in one tenant. */
    public record Online(String tenant, Set<String> users, int sessions) {}

    /** A join or leave, as published on the presence topic. */
    public record PresenceEvent(String type, String user, Set<String> online, int sessions) {}

    @EventListener
    void onConnected(SessionConnectedEvent event) {
        String sessionId = (String) event.getMessage().getHeaders().get("simpSessionId");
        sessions.gatewaySession(sessionId).ifPresent(session -> {
            local.put(sessionId, session);
            String tenant = session.user().tenant();
            redis.opsForZSet().add(key(tenant), member(sessionId, session), expiry());
            publishIfChanged("join", tenant, session.user().name());
        });
    }

    @EventListener
    void onDisconnect(SessionDisconnectEvent event) {
        GatewaySession session = local.remove(event.getSessionId());
        if (session != null) {
            String tenant = session.user().tenant();
            redis.opsForZSet().remove(key(tenant), member(event.getSessionId(), session));
            publishIfChanged("leave", tenant, session.user().name());
        }
    }

    public Online online(String tenant) {
        Set<String> members =
                redis.opsForZSet().rangeByScore(key(tenant), System.currentTimeMillis(), Double.POSITIVE_INFINITY);
        Set<String> users = new TreeSet<>();
        if (members != null) {
            members.forEach(m -> users.add(m.substring(m.indexOf(' ') + 1)));
        }
        return new Online(tenant, users, members == null ? 0 : members.size());
    }

    /**
     * Keeps this instance's entries alive and drops expired ones (sessions of a crashed instance),
     * announcing a leave for users left without a session. Only the instance whose removal
     * succeeded announces it, so each leave is published once.
     */
    @Scheduled(fixedDelayString = "${vigil.presence.refresh:20s}")
    void refresh() {
        Set<String> tenants = new TreeSet<>();
        local.forEach((sessionId, session) -> {
            tenants.add(session.user().tenant());
            redis.opsForZSet().add(key(session.user().tenant()), member(sessionId, session), expiry());
        });
        tenants.forEach(this::dropExpired);
    }

    private void dropExpired(String tenant) {
        Set<String> expired = redis.opsForZSet().rangeByScore(key(tenant), 0, System.currentTimeMillis());
        if (expired == null) {
            return;
        }
        for (String member : expired) {
            Long removed = redis.opsForZSet().remove(key(tenant), member);
            if (removed != null && removed > 0) {
                publishIfChanged("leave", tenant, member.substring(member.indexOf(' ') + 1));
            }
        }
    }

    private void publishIfChanged(String type, String tenant, String user) {
        Online online = online(tenant);
        // join: the user's first session; leave: the user's last one
        if (online.users().contains(user) == "join".equals(type)) {
            try {
                broker.convertAndSend(
                        new TenantTopic(tenant, Kind.PRESENCE).destination(),
                        new PresenceEvent(type, user, online.users(), online.sessions()));
            } catch (RuntimeException e) {
                log.warn("Presence {} of {} in {} not published: {}", type, user, tenant, e.getMessage());
            }
        }
    }

    private double expiry() {
        return System.currentTimeMillis() + properties.presence().ttl().toMillis();
    }

    private String key(String tenant) {
        return properties.state().keyPrefix() + ":presence:" + tenant;
    }

    private static String member(String sessionId, GatewaySession session) {
        return sessionId + " " + session.user().name();
    }
}
