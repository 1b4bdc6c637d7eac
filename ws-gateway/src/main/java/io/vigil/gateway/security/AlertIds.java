package io.vigil.gateway.security;

import io.vigil.contracts.topic.Keys;
import io.vigil.gateway.stream.TenantTopic;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The shape of an alert id as clients name it in a command: {@code <tenant>/<token>} (made by
 * {@link Keys#alertSeries} and {@link Keys#alert}, e.g. {@code acme/score.ip_10.0.0.5.1c2f3a4b-1}),
 * and who may command it: only users of that tenant. Used for STOMP
 * {@code /app/alerts/<tenant>/<token>/ack} and REST {@code POST /api/alerts/<tenant>/<token>/ack}.
 */
public final class AlertIds {

    /** After the tenant: only characters that need no escaping in a STOMP destination or URL path. */
    public static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._-]{1,160}");

    private AlertIds() {}

    /** Why {@code user} may not command the alert {@code id}, or empty if the id is well-formed and theirs. */
    public static Optional<String> refusal(GatewayUser user, String id) {
        int slash = id.indexOf(Keys.SEPARATOR);
        if (slash < 0) {
            return Optional.of(malformed(id));
        }
        return refusal(user, id.substring(0, slash), id.substring(slash + 1));
    }

    /** The same for an id given as its two path segments. */
    public static Optional<String> refusal(GatewayUser user, String tenant, String token) {
        if (!TenantTopic.validTenant(tenant)
                || token == null
                || !TOKEN.matcher(token).matches()) {
            return Optional.of(malformed(tenant + Keys.SEPARATOR + token));
        }
        if (!tenant.equals(user.tenant())) {
            return Optional.of(
                    "Forbidden: tenant '" + user.tenant() + "' may not command alerts of tenant '" + tenant + "'");
        }
        return Optional.empty();
    }

    private static String malformed(String id) {
        return "Refused: not an alert id: '" + id + "' (expected <tenant>/<token>, token of 1 to 160 of"
                + " [A-Za-z0-9._-])";
    }
}
