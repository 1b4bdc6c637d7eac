package io.vigil.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.web.socket.WebSocketHttpHeaders;

/**
 * Every STOMP refusal is an ERROR frame with a clear message, then the connection closes, and the
 * gateway keeps serving everyone else.
 */
class SecurityIT extends GatewayItBase {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void connectWithoutTokenIsRefused() {
        assertRefused(connect(null), "Unauthorized: CONNECT needs an 'Authorization: Bearer <JWT>' header");
    }

    @Test
    void foreignOriginCannotOpenTheWebSocket() {
        WebSocketHttpHeaders handshake = new WebSocketHttpHeaders();
        handshake.setOrigin("https://evil.example");
        StompTestClient client =
                StompTestClient.connect(port, It.token("ana", It.tenant(), "viewer"), handshake, false);
        assertThat(client.connected()).isFalse();
        assertThat(client.connectFailure).isNotNull();
        assertThat(client.connectFailure).rootCause().hasMessageContaining("403");
        StompTestClient allowed = StompTestClient.connect(
                port, It.token("ana", It.tenant(), "viewer"), originHeaders("http://localhost:3000"), true);
        assertThat(allowed.connected()).isTrue();
        allowed.disconnect();
    }

    private static WebSocketHttpHeaders originHeaders(String origin) {
        WebSocketHttpHeaders headers = new WebSocketHttpHeaders();
        headers.setOrigin(origin);
        return headers;
    }

    @Test
    void expiredTokenIsRefused() {
        String token = It.token("ana", It.tenant(), Instant.now().minus(Duration.ofMinutes(5)), It.SECRET, "viewer");
        assertRefused(connect(token), "Unauthorized: invalid token: Jwt expired at");
    }

    @Test
    void wrongSignatureIsRefused() {
        String token = It.token(
                "ana",
                It.tenant(),
                Instant.now().plus(Duration.ofHours(1)),
                "another-secret-0123456789-0123456789-0123",
                "viewer");
        assertRefused(connect(token), "Unauthorized: invalid token:");
    }

    @Test
    void tokenWithoutAValidTenantIsRefused() {
        assertRefused(
                connect(It.token("ana", "a.b", Instant.now().plus(Duration.ofHours(1)), It.SECRET, "admin")),
                "Unauthorized: invalid token: The tenant claim is not valid");
    }

    @Test
    void unsignedTokenIsRefused() {
        assertRefused(connect(It.unsignedToken("mallory", It.tenant())), "Unauthorized: invalid token:");
    }

    @Test
    void otherTenantsTopicIsForbidden() {
        String tenant = It.tenant();
        StompTestClient client = connect(It.token("ana", tenant, "admin"));
        client.subscribe("/topic/" + It.tenant() + ".scores");
        assertRefused(client, "Forbidden: tenant '" + tenant + "' may not subscribe to /topic/");
    }

    @Test
    void wildcardSubscriptionIsForbidden() {
        StompTestClient client = connect(It.token("ana", It.tenant(), "admin"));
        client.subscribe("/topic/*.scores");
        assertRefused(client, "Forbidden: no such destination for clients: /topic/*.scores");
    }

    @Test
    void opsTopicNeedsAdmin() {
        StompTestClient client = connect(It.token("ana", It.tenant(), "analyst"));
        client.subscribe("/topic/ops.tasks");
        assertRefused(client, "Forbidden: /topic/ops.tasks needs role admin");
    }

    @Test
    void adminMaySubscribeToOpsTopic() {
        StompTestClient client = connect(It.token("root", It.tenant(), "admin"));
        client.subscribeConfirmed("/topic/ops.tasks");
        assertThat(client.connected()).isTrue();
        client.disconnect();
    }

    @Test
    void acknowledgingNeedsAnalyst() {
        StompTestClient client = connect(It.token("vic", It.tenant(), "viewer"));
        client.session().send("/app/alerts/a1/ack", new byte[0]);
        assertRefused(client, "Forbidden: /app/alerts/a1/ack needs role analyst");
    }

    @Test
    void clientsCannotPublishToBrokerTopics() {
        String tenant = It.tenant();
        StompTestClient client = connect(It.token("ana", tenant, "admin"));
        client.session().send("/topic/" + tenant + ".alerts", new byte[0]);
        assertRefused(client, "Forbidden: clients may only SEND to /app/alerts/{tenant}/{token}/ack");
    }

    @Test
    void analystsCannotCommandAnotherTenantsAlerts() {
        String tenant = It.tenant();
        String other = It.tenant();
        StompTestClient client = connect(It.token("ana", tenant, "analyst"));
        client.session().send("/app/alerts/" + Records.alertId(other, "10.0.0.5", 1) + "/ack", new byte[0]);
        assertRefused(client, "Forbidden: tenant '" + tenant + "' may not command alerts of tenant '" + other + "'");
    }

    @Test
    void oversizedFrameIsRefused() {
        StompTestClient client = connect(It.token("ana", It.tenant(), "analyst"));
        StompHeaders headers = new StompHeaders();
        headers.setDestination("/app/alerts/a1/ack");
        headers.setContentType(org.springframework.util.MimeTypeUtils.APPLICATION_JSON);
        // just above the 8 KiB frame limit: the STOMP decoder refuses it as soon as it reads content-length
        client.session().send(headers, ("{\"note\":\"" + "x".repeat(8 * 1024 + 100) + "\"}").getBytes());
        assertRefused(client, "Frame too large: STOMP 'content-length' header value ");
    }

    @Test
    void farLargerWebSocketMessageIsRefusedWithTheReason() {
        RawStompClient client = RawStompClient.connect(port, It.token("ana", It.tenant(), "analyst"), null);
        await().atMost(WAIT).until(() -> client.first("CONNECTED") != null);
        // reaches the STOMP decoder in chunks of the container's buffer; the decoder stops at the limit
        client.send("SEND\ndestination:/app/alerts/a1/ack\n\n" + "x".repeat(1024 * 1024) + "\0");
        await().atMost(WAIT).until(() -> client.first("ERROR") != null);
        assertThat(client.first("ERROR").headers().get("message").replace("\\c", ":"))
                .startsWith("Frame too large: The configured STOMP buffer size limit of 8192 bytes");
        await().atMost(WAIT).until(() -> client.closed.isDone());
    }

    @Test
    void tokenOfAnotherIssuerIsRefused() throws Exception {
        String token = It.token("ana", It.tenant(), claims -> claims.issuer("https://evil.example"));
        assertRefused(connect(token), "Unauthorized: invalid token: The iss claim is not valid");
        assertThat(get("/api/presence", token).statusCode()).isEqualTo(401);
    }

    @Test
    void demoTokensNameTheConfiguredIssuerAndAreAccepted() throws Exception {
        String answer = post("/api/demo/token", null, "{\"user\":\"ana\",\"tenant\":\"" + It.tenant() + "\"}")
                .body();
        String token = answer.replaceAll(".*\"token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        String claims = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertThat(tools.jackson.databind.json.JsonMapper.builder()
                        .build()
                        .readTree(claims)
                        .get("iss")
                        .asString())
                .isEqualTo(ISSUER);
        StompTestClient client = connect(token);
        assertThat(client.connected()).isTrue();
        client.disconnect();
        assertThat(get("/api/presence", token).statusCode()).isEqualTo(200);
    }

    @Test
    void tenantClaimThatIsNotAStringIsRefused() throws Exception {
        String tenant = It.tenant();
        String token = It.token("ana", tenant, claims -> claims.claim("tenant", List.of(tenant, "other")));
        assertRefused(connect(token), "Unauthorized: invalid token: The tenant claim is not valid");
        assertThat(get("/api/presence", token).statusCode()).isEqualTo(401);
    }

    @Test
    void floodIsRefused() {
        StompTestClient client = connect(It.token("ana", It.tenant(), "viewer"));
        for (int i = 0; i < 200 && !client.error.isDone() && client.connected(); i++) {
            try {
                client.session()
                        .subscribe("/user/queue/replies", new StompTestClientNoop())
                        .unsubscribe();
            } catch (RuntimeException closedMeanwhile) {
                break; // the gateway refused and closed while we were still sending
            }
        }
        assertRefused(client, "Too many frames");
    }

    @Test
    void connectionsPerUserAreLimited() {
        String tenant = It.tenant();
        String token = It.token("busy", tenant, "viewer");
        List<StompTestClient> open = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            StompTestClient client = connect(token);
            assertThat(client.connected()).as("connection %d", i + 1).isTrue();
            open.add(client);
        }
        assertRefused(connect(token), "Refused: user 'busy' already has 5 connections");
        open.forEach(StompTestClient::disconnect);
    }

    @Test
    void sessionIsClosedWhenTokenExpires() {
        String token = It.token("brief", It.tenant(), Instant.now().plusSeconds(3), It.SECRET, "viewer");
        StompTestClient client = connect(token);
        assertThat(client.connected()).isTrue();
        assertRefused(client, "Unauthorized: token expired at");
    }

    @Test
    void invalidHeartbeatHeaderIsRefused() {
        for (String heartbeat : new String[] {"abc", "-1,5", "1"}) {
            RawStompClient client = RawStompClient.connect(port, It.token("ana", It.tenant(), "viewer"), heartbeat);
            await().atMost(WAIT).until(() -> client.closed.isDone());
            assertThat(client.frames).extracting(RawStompClient.Frame::command).containsExactly("ERROR");
            assertThat(client.first("ERROR").body())
                    .isEqualTo("Refused: invalid heart-beat header '" + heartbeat
                            + "': expected '<cx>,<cy>', two non-negative whole numbers of milliseconds");
        }
    }

    private static void assertRefused(StompTestClient client, String messageStart) {
        try {
            assertThat(client.error.get(WAIT.toSeconds(), TimeUnit.SECONDS)).startsWith(messageStart);
        } catch (Exception e) {
            throw new AssertionError("no ERROR frame (expected '" + messageStart + "')", e);
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(client.connected()).isFalse());
    }

    /** A subscription handler that ignores frames. */
    private static final class StompTestClientNoop
            extends org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter {}
}
