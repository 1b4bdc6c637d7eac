package io.vigil.gateway.security;

import io.vigil.gateway.stream.TenantTopic;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The caller as the gateway sees it, from a validated JWT: who, which tenant, which roles (with
 * the included ones) and until when the token is valid.
 */
public record GatewayUser(String name, String tenant, Set<Role> roles, Instant expiresAt) {

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Reads the claims; a token without a usable {@code sub} or {@code tenant} is refused. */
    public static GatewayUser from(Jwt jwt) {
        String tenant = jwt.getClaimAsString("tenant");
        if (jwt.getSubject() == null || jwt.getSubject().isBlank()) {
            throw new IllegalArgumentException("token has no 'sub' claim");
        }
        if (!TenantTopic.validTenant(tenant)) {
            throw new IllegalArgumentException("token has no valid 'tenant' claim (letters, digits, '_' and '-' only)");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        List<String> claimed = jwt.getClaimAsStringList("roles");
        if (claimed != null) {
            claimed.forEach(id -> Role.fromId(id).ifPresent(role -> roles.addAll(role.withIncluded())));
        }
        return new GatewayUser(jwt.getSubject(), tenant, roles, jwt.getExpiresAt());
    }
}
