package io.vigil.gateway.security;

import io.vigil.gateway.config.GatewayProperties;
import io.vigil.gateway.stream.TenantTopic;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

/**
 * How tokens are checked, the same for STOMP CONNECT and REST. Production: a JWK set, RS256 only.
 * Local and demo: HS256 with a shared secret. The algorithm is pinned either way, so {@code alg:
 * none} and algorithm-confusion tokens are refused; {@code exp}, {@code sub} and {@code tenant}
 * are required.
 */
@Configuration(proxyBeanMethods = false)
class JwtConfig {

    @Bean
    JwtDecoder jwtDecoder(GatewayProperties properties) {
        GatewayProperties.Security config = properties.security();
        NimbusJwtDecoder decoder;
        if (config.jwkSetUri() != null && !config.jwkSetUri().isBlank()) {
            decoder = NimbusJwtDecoder.withJwkSetUri(config.jwkSetUri())
                    .jwsAlgorithm(SignatureAlgorithm.RS256)
                    .build();
        } else {
            decoder = NimbusJwtDecoder.withSecretKey(hs256Key(config))
                    .macAlgorithm(MacAlgorithm.HS256)
                    .build();
        }
        decoder.setJwtValidator(validator());
        return decoder;
    }

    static SecretKey hs256Key(GatewayProperties.Security config) {
        String secret = config.hs256Secret();
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalStateException("Set vigil.security.jwk-set-uri (production, RS256) or "
                    + "vigil.security.hs256-secret (local/demo, at least 32 bytes)");
        }
        return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    private static OAuth2TokenValidator<Jwt> validator() {
        List<OAuth2TokenValidator<Jwt>> validators = List.of(
                JwtValidators.createDefault(),
                new JwtClaimValidator<Object>(JwtClaimNames.EXP, exp -> exp != null),
                new JwtClaimValidator<String>(JwtClaimNames.SUB, sub -> sub != null && !sub.isBlank()),
                new JwtClaimValidator<String>("tenant", TenantTopic::validTenant));
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    /** REST: authorities from the {@code roles} claim, with included roles. */
    @Bean
    JwtAuthenticationConverter jwtAuthenticationConverter() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> GatewayUser.from(jwt).roles().stream()
                .map(role -> (GrantedAuthority) new SimpleGrantedAuthority(role.authority()))
                .toList());
        return converter;
    }
}
