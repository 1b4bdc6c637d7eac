package io.vigil.gateway.security;

import io.vigil.gateway.config.GatewayProperties;
import io.vigil.gateway.stream.TenantTopic;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
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
 * are required, and the issuer is checked ({@link #issuerRule}).
 */
@Configuration(proxyBeanMethods = false)
class JwtConfig {

    private static final Logger log = LoggerFactory.getLogger(JwtConfig.class);

    @Bean
    JwtDecoder jwtDecoder(GatewayProperties properties) {
        GatewayProperties.Security config = properties.security();
        NimbusJwtDecoder decoder;
        if (config.jwkSet()) {
            decoder = NimbusJwtDecoder.withJwkSetUri(config.jwkSetUri())
                    .jwsAlgorithm(SignatureAlgorithm.RS256)
                    .build();
        } else {
            decoder = NimbusJwtDecoder.withSecretKey(hs256Key(config))
                    .macAlgorithm(MacAlgorithm.HS256)
                    .build();
        }
        if (config.jwkSet() && config.issuer() == null) {
            log.warn("vigil.security.issuer is not set: tokens that name an issuer (as every identity provider's"
                    + " do) are refused. Set it to the identity provider's issuer.");
        }
        decoder.setJwtValidator(validator(config));
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

    /**
     * Claims are tested as {@code Object}: a claim of another JSON type than expected (a list as
     * {@code tenant}) must be an invalid token, not a ClassCastException (a 500 on REST).
     */
    static OAuth2TokenValidator<Jwt> validator(GatewayProperties.Security config) {
        List<OAuth2TokenValidator<Jwt>> validators = List.of(
                issuerRule(config),
                new JwtClaimValidator<Object>(JwtClaimNames.EXP, exp -> exp != null),
                new JwtClaimValidator<Object>(JwtClaimNames.SUB, sub -> sub instanceof String s && !s.isBlank()),
                new JwtClaimValidator<Object>(
                        "tenant", tenant -> tenant instanceof String s && TenantTopic.validTenant(s)));
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    /**
     * The defaults (timestamps, {@code typ}) plus the issuer. With a JWK set and an issuer: {@code
     * iss} is required and must match (the key set may be an identity provider's that also signs
     * tokens for other applications). Otherwise {@code iss} may be absent (HS256: the gateway's own
     * secret signed it), but a token that names an issuer must name the configured one; with none
     * configured, no issuer is accepted.
     */
    private static OAuth2TokenValidator<Jwt> issuerRule(GatewayProperties.Security config) {
        String issuer = config.issuer();
        if (config.jwkSet() && issuer != null) {
            return JwtValidators.createDefaultWithIssuer(issuer);
        }
        OAuth2TokenValidator<Jwt> absentOrConfigured = jwt -> {
            // JwtClaimValidator refuses an absent claim, so this one is written out
            Object iss = jwt.getClaim(JwtClaimNames.ISS);
            return iss == null || (issuer != null && issuer.equals(iss.toString()))
                    ? OAuth2TokenValidatorResult.success()
                    : OAuth2TokenValidatorResult.failure(
                            new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "The iss claim is not valid", null));
        };
        return new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefault(), absentOrConfigured);
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
