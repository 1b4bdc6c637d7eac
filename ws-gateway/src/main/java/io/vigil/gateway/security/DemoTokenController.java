package io.vigil.gateway.security;

import io.vigil.gateway.config.GatewayProperties;
import io.vigil.gateway.stream.TenantTopic;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Demo only ({@code demo} profile, which {@code ./vigil up} uses): mints HS256 tokens for any user,
 * tenant and roles, signed with the configured secret. Absent in every other profile.
 */
@RestController
@Profile("demo")
class DemoTokenController {

    private final NimbusJwtEncoder encoder;
    private final GatewayProperties.Security config;

    DemoTokenController(GatewayProperties properties) {
        this.config = properties.security();
        this.encoder =
                NimbusJwtEncoder.withSecretKey(JwtConfig.hs256Key(config)).build();
    }

    /** Request body: who the token is for. */
    record TokenRequest(String user, String tenant, List<String> roles) {}

    @PostMapping("/api/demo/token")
    ResponseEntity<Map<String, String>> token(@RequestBody TokenRequest request) {
        if (request.user() == null || request.user().isBlank() || !TenantTopic.validTenant(request.tenant())) {
            return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                    .body(Map.of(
                            "error", "user and a valid tenant (letters, digits, '_', '-'; not 'ops') are required"));
        }
        List<String> roles = request.roles() == null || request.roles().isEmpty() ? List.of("viewer") : request.roles();
        for (String role : roles) {
            if (Role.fromId(role).isEmpty()) {
                return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                        .body(Map.of("error", "unknown role '" + role + "' (viewer, analyst, admin)"));
            }
        }
        Instant now = Instant.now();
        JwtClaimsSet.Builder builder = JwtClaimsSet.builder();
        if (config.issuer() != null) {
            builder.issuer(config.issuer());
        }
        JwtClaimsSet claims = builder.subject(request.user())
                .claim("tenant", request.tenant())
                .claim("roles", roles)
                .issuedAt(now)
                .expiresAt(now.plus(config.demoTokenTtl()))
                .build();
        String token = encoder.encode(JwtEncoderParameters.from(
                        JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
        return ResponseEntity.ok(Map.of("token", token));
    }
}
