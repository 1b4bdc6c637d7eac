package io.vigil.gateway.stream;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One tenant's live stream of one kind: RabbitMQ routing key {@code <tenant>.<kind>} on
 * {@code amq.topic}, STOMP destination {@code /topic/<tenant>.<kind>}. Tenant ids are restricted
 * so that they can never contain routing-key wildcards or separators.
 */
public record TenantTopic(String tenant, Kind kind) {

    /** Allowed tenant ids: no dots, no wildcards, no slashes. */
    public static final Pattern TENANT = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private static final Pattern DESTINATION = Pattern.compile("/topic/([^./]+)\\.([a-z]+)");

    public String routingKey() {
        return tenant + "." + kind.id();
    }

    public String destination() {
        return "/topic/" + routingKey();
    }

    public static boolean validTenant(String tenant) {
        // "ops" is reserved for /topic/ops.* (administrators)
        return tenant != null && TENANT.matcher(tenant).matches() && !"ops".equals(tenant);
    }

    /** Parses {@code /topic/<tenant>.<kind>}; empty for anything else (including wildcards). */
    public static Optional<TenantTopic> parse(String destination) {
        if (destination == null) {
            return Optional.empty();
        }
        Matcher m = DESTINATION.matcher(destination);
        if (!m.matches() || !validTenant(m.group(1))) {
            return Optional.empty();
        }
        return Kind.fromId(m.group(2)).map(kind -> new TenantTopic(m.group(1), kind));
    }
}
