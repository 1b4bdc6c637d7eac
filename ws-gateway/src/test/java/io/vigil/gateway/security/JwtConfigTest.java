package io.vigil.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.gateway.config.GatewayProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/** The claim rules of {@link JwtConfig}: issuer per mode, claims of the wrong JSON type. */
class JwtConfigTest {

    private static final String ISSUER = "https://idp.example/realms/vigil";

    @Test
    void withAJwkSetAndAnIssuerTheIssuerIsRequiredAndMustMatch() {
        GatewayProperties.Security config = config("https://idp.example/jwks", ISSUER);
        assertThat(valid(config, jwt -> jwt.issuer(ISSUER))).isTrue();
        assertThat(valid(config, jwt -> jwt.issuer("https://evil.example"))).isFalse();
        assertThat(valid(config, jwt -> jwt)).isFalse();
    }

    @Test
    void withoutAConfiguredIssuerNoTokenMayNameOne() {
        for (GatewayProperties.Security config :
                List.of(config("https://idp.example/jwks", null), config(null, " "), config(null, null))) {
            assertThat(valid(config, jwt -> jwt)).isTrue();
            assertThat(valid(config, jwt -> jwt.issuer("https://evil.example"))).isFalse();
        }
    }

    @Test
    void withTheGatewaysOwnSecretTheIssuerMayBeAbsentButNotWrong() {
        GatewayProperties.Security config = config(null, "vigil-demo");
        assertThat(valid(config, jwt -> jwt)).isTrue();
        assertThat(valid(config, jwt -> jwt.issuer("vigil-demo"))).isTrue();
        assertThat(valid(config, jwt -> jwt.issuer("https://evil.example"))).isFalse();
    }

    @Test
    void claimsOfAnotherTypeAreInvalidNotAnError() {
        GatewayProperties.Security config = config(null, null);
        OAuth2TokenValidatorResult result = validate(config, jwt -> jwt.claim("tenant", List.of("acme", "other")));
        assertThat(result.hasErrors()).isTrue();
        assertThat(result.getErrors().iterator().next().getDescription()).isEqualTo("The tenant claim is not valid");
        assertThat(valid(config, jwt -> jwt.claim("sub", List.of("a")))).isFalse();
        assertThat(valid(config, jwt -> jwt.claim("tenant", 42))).isFalse();
    }

    private static GatewayProperties.Security config(String jwkSetUri, String issuer) {
        return new GatewayProperties.Security(
                jwkSetUri, "unused-secret-0123456789-0123456789", issuer, Duration.ofHours(1), Duration.ofSeconds(5));
    }

    private static boolean valid(GatewayProperties.Security config, UnaryOperator<Jwt.Builder> change) {
        return !validate(config, change).hasErrors();
    }

    private static OAuth2TokenValidatorResult validate(
            GatewayProperties.Security config, UnaryOperator<Jwt.Builder> change) {
        Instant now = Instant.now();
        Jwt.Builder jwt = Jwt.withTokenValue("t")
                .header("alg", "HS256")
                .subject("ana")
                .claim("tenant", "acme")
                .issuedAt(now)
                .expiresAt(now.plusSeconds(600));
        return JwtConfig.validator(config).validate(change.apply(jwt).build());
    }
}
