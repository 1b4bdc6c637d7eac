package io.vigil.reliability.support;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;

/** Mints good and hostile JWTs for the token suite. */
public final class Tokens {

    private Tokens() {}

    /** Claims of a valid viewer token for {@code tenant}, expiring in an hour. */
    public static JWTClaimsSet.Builder claims(String user, String tenant, String... roles) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .subject(user)
                .claim("tenant", tenant)
                .claim("roles", List.of(roles.length == 0 ? new String[] {"viewer"} : roles))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600)));
    }

    public static String hs256(String secret, JWTClaimsSet claims) {
        return hs256(secret, claims, h -> h);
    }

    public static String hs256(String secret, JWTClaimsSet claims, UnaryOperator<JWSHeader.Builder> header) {
        return sign(
                new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT),
                claims,
                header,
                macSigner(secret.getBytes(StandardCharsets.UTF_8)));
    }

    /** HS256 with arbitrary key bytes (e.g. an RSA public key, the classic algorithm confusion). */
    public static String hs256(byte[] key, JWTClaimsSet claims, UnaryOperator<JWSHeader.Builder> header) {
        return sign(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT), claims, header, macSigner(key));
    }

    public static String rs256(RSAKey key, JWTClaimsSet claims) {
        try {
            return sign(
                    new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()),
                    claims,
                    h -> h,
                    new RSASSASigner(key));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code alg: none}: header and claims, empty signature. */
    public static String unsigned(JWTClaimsSet claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String body = b64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        return header + "." + body + ".";
    }

    /** A valid token whose payload is swapped for {@code tampered}'s, keeping the original signature. */
    public static String tamperedPayload(String valid, JWTClaimsSet tampered) {
        String[] parts = valid.split("\\.");
        String body = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(tampered.toString().getBytes(StandardCharsets.UTF_8));
        return parts[0] + "." + body + "." + parts[2];
    }

    public static RSAKey rsaKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWSSigner macSigner(byte[] key) {
        try {
            return new MACSigner(key);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(
            JWSHeader.Builder header, JWTClaimsSet claims, UnaryOperator<JWSHeader.Builder> change, JWSSigner signer) {
        try {
            SignedJWT jwt = new SignedJWT(change.apply(header).build(), claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException("could not sign: " + e.getMessage(), e);
        }
    }
}
