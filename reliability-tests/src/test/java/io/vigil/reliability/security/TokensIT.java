package io.vigil.reliability.security;

import static io.vigil.testsupport.LocalService.KAFKA;
import static io.vigil.testsupport.LocalService.RABBITMQ;
import static io.vigil.testsupport.LocalService.RABBITMQ_STOMP;
import static io.vigil.testsupport.LocalService.REDIS;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import io.vigil.e2e.ServiceProcess;
import io.vigil.e2e.VigilProcesses;
import io.vigil.reliability.support.JwkSetServer;
import io.vigil.reliability.support.RawWebSocket;
import io.vigil.reliability.support.Results;
import io.vigil.reliability.support.SharedGateway;
import io.vigil.reliability.support.Stomp;
import io.vigil.reliability.support.Tokens;
import io.vigil.testsupport.RequiresLocalServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Table-driven token suite against real gateway processes: the shared one in HS256 mode and one in
 * production mode (RS256 from a JWK set served here). Every hostile token must be refused on STOMP
 * CONNECT (ERROR "Unauthorized: ..." and a close) and on REST (401); the control tokens must pass.
 */
@RequiresLocalServices({KAFKA, RABBITMQ, RABBITMQ_STOMP, REDIS})
@ExtendWith(SharedGateway.class)
class TokensIT {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final RSAKey KEY = Tokens.rsaKey("vigil-key-1");
    static final RSAKey OTHER = Tokens.rsaKey("attacker-key");
    static final String ISSUER = "https://idp.reliability.test";
    static JwkSetServer jwks;
    static ServiceProcess rsGateway;

    /** A token and whether the gateway must accept it. */
    record Row(String mode, String name, Supplier<String> token, boolean accept) {}

    /** What the gateway did with it on both channels. */
    record Seen(Row row, boolean stompAccepted, String stompError, int restStatus) {
        boolean asExpected() {
            // a refusal on REST is 401, or 400 when the request is refused before authentication (header too large)
            return row.accept()
                    ? stompAccepted && restStatus == 200
                    : !stompAccepted && (restStatus == 401 || restStatus == 400);
        }
    }

    @BeforeAll
    static void productionModeGateway() throws Exception {
        jwks = new JwkSetServer(KEY);
        SharedGateway.Instance shared = SharedGateway.get();
        // its own bridge group and Redis prefix (run "-rs256"), no HS256 secret: production mode
        rsGateway = VigilProcesses.gateway(shared.stack.kafka(), shared.run + "-rs256")
                .property("vigil.security.jwk-set-uri", jwks.uri())
                // with a JWK set the gateway requires the identity provider's issuer (finding 1)
                .property("vigil.security.issuer", ISSUER)
                .property("vigil.bridge.enabled", false)
                .build()
                .start(Duration.ofSeconds(180));
    }

    @AfterAll
    static void stop() {
        if (rsGateway != null) {
            rsGateway.stop();
        }
        if (jwks != null) {
            jwks.close();
        }
    }

    static List<Row> rows(String tenant) {
        String secret = SharedGateway.SECRET;
        Instant now = Instant.now();
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("HS256", "valid (control)", () -> Tokens.hs256(secret, claims(tenant)), true));
        rows.add(new Row("HS256", "none", () -> null, false));
        rows.add(new Row("HS256", "empty bearer", () -> "", false));
        rows.add(new Row("HS256", "not a JWT", () -> "abc.def", false));
        rows.add(new Row(
                "HS256",
                "expired 5 min ago",
                () -> Tokens.hs256(secret, claims(tenant, b -> b.expirationTime(Date.from(now.minusSeconds(300))))),
                false));
        rows.add(new Row(
                "HS256",
                "not yet valid (nbf +10 min)",
                () -> Tokens.hs256(secret, claims(tenant, b -> b.notBeforeTime(Date.from(now.plusSeconds(600))))),
                false));
        rows.add(new Row(
                "HS256", "no exp", () -> Tokens.hs256(secret, claims(tenant, b -> b.expirationTime(null))), false));
        rows.add(new Row(
                "HS256",
                "exp not a number",
                () -> Tokens.hs256(secret, claims(tenant, b -> b.claim("exp", "tomorrow"))),
                false));
        rows.add(new Row(
                "HS256",
                "wrong signature",
                () -> Tokens.hs256("another-secret-0123456789-0123456789-xyz", claims(tenant)),
                false));
        rows.add(new Row("HS256", "alg none", () -> Tokens.unsigned(claims(tenant)), false));
        rows.add(new Row(
                "HS256",
                "alg none, valid signature appended",
                () -> Tokens.unsigned(claims(tenant))
                        + Tokens.hs256(secret, claims(tenant)).split("\\.")[2],
                false));
        rows.add(new Row(
                "HS256",
                "HS384 with the right secret",
                () -> Tokens.hs256(secret.getBytes(), claims(tenant), h -> new JWSHeader.Builder(JWSAlgorithm.HS384)),
                false));
        rows.add(new Row("HS256", "RS256 (algorithm confusion)", () -> Tokens.rs256(KEY, claims(tenant)), false));
        rows.add(new Row(
                "HS256",
                "kid header (ignored with one shared secret; control)",
                () -> Tokens.hs256(secret, claims(tenant), h -> h.keyID("nope")),
                true));
        rows.add(new Row(
                "HS256",
                "sub as a number (read as the user \"42\"; control)",
                () -> Tokens.hs256(secret, claims(tenant, b -> b.claim("sub", 42))),
                true));
        rows.add(new Row(
                "HS256",
                "wrong issuer",
                () -> Tokens.hs256(secret, claims(tenant, b -> b.issuer("https://evil.example"))),
                false));
        rows.add(new Row(
                "HS256",
                "tampered tenant claim",
                () -> Tokens.tamperedPayload(Tokens.hs256(secret, claims(tenant)), claims("victim-" + tenant)),
                false));
        rows.add(new Row(
                "HS256",
                "tampered roles claim",
                () -> Tokens.tamperedPayload(
                        Tokens.hs256(secret, claims(tenant)), claims(tenant, b -> b.claim("roles", List.of("admin")))),
                false));
        rows.add(new Row("HS256", "no sub", () -> Tokens.hs256(secret, claims(tenant, b -> b.subject(null))), false));
        rows.add(new Row(
                "HS256", "no tenant", () -> Tokens.hs256(secret, claims(tenant, b -> b.claim("tenant", null))), false));
        for (String bad : List.of("ops", "*", "#", "a.b", "acme/../x", "")) {
            rows.add(new Row("HS256", "tenant '" + bad + "'", () -> Tokens.hs256(secret, claims(bad)), false));
        }
        rows.add(new Row(
                "HS256",
                "tenant as a list",
                () -> Tokens.hs256(secret, claims(tenant, b -> b.claim("tenant", List.of(tenant, "other")))),
                false));
        rows.add(new Row(
                "HS256",
                "60 KiB token",
                () -> Tokens.hs256(secret, claims(tenant, b -> b.claim("pad", "x".repeat(60 * 1024)))),
                false));
        rows.add(new Row("RS256", "valid (control)", () -> Tokens.rs256(KEY, rsClaims(tenant)), true));
        rows.add(new Row("RS256", "unknown key id", () -> Tokens.rs256(OTHER, rsClaims(tenant)), false));
        rows.add(new Row(
                "RS256",
                "known key id, other key",
                () -> Tokens.rs256(
                        new RSAKey.Builder(OTHER).keyID(KEY.getKeyID()).build(), rsClaims(tenant)),
                false));
        rows.add(new Row(
                "RS256",
                "HS256 signed with the public key (DER)",
                () -> Tokens.hs256(publicDer(), rsClaims(tenant), h -> h.keyID(KEY.getKeyID())),
                false));
        rows.add(new Row(
                "RS256",
                "HS256 signed with the public JWK JSON",
                () -> Tokens.hs256(
                        KEY.toPublicJWK().toJSONString().getBytes(), rsClaims(tenant), h -> h.keyID(KEY.getKeyID())),
                false));
        rows.add(new Row("RS256", "alg none", () -> Tokens.unsigned(rsClaims(tenant)), false));
        rows.add(new Row(
                "RS256",
                "expired",
                () -> Tokens.rs256(KEY, rsClaims(tenant, b -> b.expirationTime(Date.from(now.minusSeconds(300))))),
                false));
        rows.add(new Row(
                "RS256",
                "wrong issuer",
                () -> Tokens.rs256(KEY, rsClaims(tenant, b -> b.issuer("https://evil.example"))),
                false));
        rows.add(new Row(
                "RS256",
                "tampered tenant claim",
                () -> Tokens.tamperedPayload(Tokens.rs256(KEY, rsClaims(tenant)), rsClaims("victim-" + tenant)),
                false));
        return rows;
    }

    @Test
    void everyHostileTokenIsRefusedOnStompAndRest() throws Exception {
        String tenant = SharedGateway.get().tenant("tok");
        List<Seen> seen = new ArrayList<>();
        for (Row row : rows(tenant)) {
            int port = row.mode().equals("RS256")
                    ? rsGateway.port()
                    : SharedGateway.get().port();
            seen.add(check(row, port));
        }
        List<Seen> wrong = seen.stream().filter(s -> !s.asExpected()).toList();
        long hostile = seen.stream().filter(s -> !s.row().accept()).count();
        long refusedStomp = seen.stream()
                .filter(s -> !s.row().accept() && !s.stompAccepted())
                .count();
        long refusedRest = seen.stream()
                .filter(s -> !s.row().accept() && (s.restStatus() == 401 || s.restStatus() == 400))
                .count();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("hostile tokens", hostile);
        figures.put("refused on STOMP", refusedStomp);
        figures.put("refused on REST (401, or 400 for an oversized header)", refusedRest);
        figures.put(
                "controls accepted",
                seen.stream().filter(s -> s.row().accept() && s.asExpected()).count());
        figures.put(
                "not as expected",
                wrong.stream().map(s -> s.row().mode() + " " + s.row().name()).toList());
        Results.record(
                "2-tokens",
                "Tokens (HS256 and RS256/JWK-set gateways): none, expired, nbf, alg none, confusion, kid, issuer, tampered",
                figures,
                wrong.isEmpty(),
                TokensIT.class);
        seen.forEach(s -> System.out.println("[tokens] " + s.row().mode() + " "
                + s.row().name() + ": STOMP " + (s.stompAccepted() ? "accepted" : "refused '" + s.stompError() + "'")
                + ", REST " + s.restStatus()));
        assertThat(wrong).as("tokens not handled as expected").isEmpty();
    }

    static Seen check(Row row, int port) throws Exception {
        String token = row.token().get();
        boolean accepted;
        String error;
        try (RawWebSocket ws = Stomp.connect(port, token)) {
            accepted = ws.hasFrame("CONNECTED");
            error = ws.errorMessage();
            if (!accepted) {
                Stomp.awaitClose(ws, Duration.ofSeconds(15));
            }
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/presence"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        int status = HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
        return new Seen(row, accepted, error, status);
    }

    /** Claims as the identity provider behind the JWK set issues them (its {@code iss}). */
    static JWTClaimsSet rsClaims(String tenant) {
        return rsClaims(tenant, b -> b);
    }

    static JWTClaimsSet rsClaims(String tenant, java.util.function.UnaryOperator<JWTClaimsSet.Builder> change) {
        return claims(tenant, b -> change.apply(b.issuer(ISSUER)));
    }

    static JWTClaimsSet claims(String tenant) {
        return Tokens.claims("tina", tenant, "analyst").build();
    }

    static JWTClaimsSet claims(String tenant, java.util.function.UnaryOperator<JWTClaimsSet.Builder> change) {
        return change.apply(Tokens.claims("tina", tenant, "analyst")).build();
    }

    static byte[] publicDer() {
        try {
            return KEY.toRSAPublicKey().getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
