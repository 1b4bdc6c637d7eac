package io.vigil.gateway.security;

import io.vigil.gateway.stream.TenantTopic;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who may SUBSCRIBE and SEND where. A plain function of the user and the destination, returning the
 * reason for a refusal, so every rule can be tested without a socket.
 */
final class DestinationPolicy {

    static final Pattern OPS_TOPIC = Pattern.compile("/topic/ops\\.[a-z]+");
    static final Pattern LOCAL_QUEUE = Pattern.compile("/user/queue/(replies|errors)");
    static final Pattern APP_SUBSCRIBE = Pattern.compile("/app/(snapshot|resume)/[a-z]+(/[^/]+)?");
    /** Any alert command, well-formed or not: {@code /app/alerts/<id>/ack|resolve}. */
    static final Pattern ALERT_COMMAND = Pattern.compile("/app/alerts/(.+)/(ack|resolve)");

    private DestinationPolicy() {}

    static Optional<String> subscribe(GatewayUser user, String destination) {
        if (destination == null) {
            return Optional.of("Refused: SUBSCRIBE without a destination");
        }
        if (OPS_TOPIC.matcher(destination).matches()) {
            return user.has(Role.ADMIN)
                    ? Optional.empty()
                    : Optional.of("Forbidden: " + destination + " needs role admin");
        }
        Optional<TenantTopic> topic = TenantTopic.parse(destination);
        if (topic.isPresent()) {
            return topic.get().tenant().equals(user.tenant())
                    ? Optional.empty()
                    : Optional.of("Forbidden: tenant '" + user.tenant() + "' may not subscribe to " + destination);
        }
        if (LOCAL_QUEUE.matcher(destination).matches()
                || APP_SUBSCRIBE.matcher(destination).matches()) {
            return Optional.empty();
        }
        return Optional.of("Forbidden: no such destination for clients: " + destination
                + " (allowed: /topic/" + user.tenant() + ".{scores|metrics|anomalies|alerts|presence},"
                + " /app/snapshot/{kind}, /app/resume/{kind}, /user/queue/replies)");
    }

    static Optional<String> send(GatewayUser user, String destination) {
        Matcher command = destination == null ? null : ALERT_COMMAND.matcher(destination);
        if (command == null || !command.matches()) {
            return Optional.of("Forbidden: clients may only SEND to /app/alerts/{tenant}/{token}/ack or"
                    + " /app/alerts/{tenant}/{token}/resolve, not " + destination);
        }
        if (!user.has(Role.ANALYST)) {
            return Optional.of("Forbidden: " + destination + " needs role analyst");
        }
        return AlertIds.refusal(user, command.group(1));
    }
}
