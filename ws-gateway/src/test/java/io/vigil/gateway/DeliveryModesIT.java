package io.vigil.gateway;

import static io.vigil.testsupport.LocalService.KAFKA;
import static io.vigil.testsupport.LocalService.RABBITMQ;
import static io.vigil.testsupport.LocalService.RABBITMQ_STOMP;
import static io.vigil.testsupport.LocalService.REDIS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.contracts.alert.AlertState;
import io.vigil.contracts.score.ThreatLevel;
import io.vigil.contracts.topic.TopicNames;
import io.vigil.gateway.StompTestClient.Frame;
import io.vigil.testsupport.RequiresLocalServices;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.messaging.simp.stomp.StompBrokerRelayMessageHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;

/**
 * One instance in delivery mode {@code relay}, one in {@code shared}, side by side: a client on
 * each sees the same MESSAGE frames, header for header (only the {@code message-id}, which names
 * the broker session, differs), for bridged state, events and presence; only the relay-mode
 * sessions hold a RabbitMQ connection each.
 */
@RequiresLocalServices({KAFKA, RABBITMQ, RABBITMQ_STOMP, REDIS})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeliveryModesIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final TopicNames topics = It.freshTopics();
    private ConfigurableApplicationContext relay;
    private ConfigurableApplicationContext shared;
    private String redisPrefix;

    @BeforeAll
    void start() {
        It.createTopics(topics);
        String run = UUID.randomUUID().toString().substring(0, 8);
        redisPrefix = "it-gw5-" + run;
        relay = instance(run, "relay");
        shared = instance(run, "shared");
    }

    @AfterAll
    void stop() {
        if (relay != null) {
            relay.close();
        }
        if (shared != null) {
            shared.close();
        }
        It.deleteTopics(topics);
        It.deleteRedisKeys(redisPrefix);
    }

    @Test
    void bothModesDeliverTheSameFrames() {
        String tenant = It.tenant();
        String token = It.token("ana", tenant, "viewer");
        StompTestClient onRelay = StompTestClient.connect(port(relay), token);
        StompTestClient onShared = StompTestClient.connect(port(shared), token);
        List<Frame> relayScores = onRelay.subscribeConfirmed("/topic/" + tenant + ".scores");
        List<Frame> sharedScores = onShared.subscribeConfirmed("/topic/" + tenant + ".scores");
        List<Frame> relayAlerts = onRelay.subscribeConfirmed("/topic/" + tenant + ".alerts");
        List<Frame> sharedAlerts = onShared.subscribeConfirmed("/topic/" + tenant + ".alerts");
        List<Frame> relayPresence = onRelay.subscribeConfirmed("/topic/" + tenant + ".presence");
        List<Frame> sharedPresence = onShared.subscribeConfirmed("/topic/" + tenant + ".presence");

        try (var producer = It.producer()) {
            String key = Records.scoreKey(tenant, "10.7.0.1");
            It.send(producer, topics.scores(), key, Records.score(tenant, "10.7.0.1", 42, ThreatLevel.MEDIUM, 3));
            It.send(producer, topics.scores(), key, null);
            It.send(producer, topics.alerts(), tenant + "-m", Records.alert(tenant, tenant + "-m", AlertState.OPEN, 1));
        }
        StompTestClient joiner = StompTestClient.connect(port(shared), It.token("bob", tenant, "viewer"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(relayScores).hasSize(2));
        await().atMost(WAIT).untilAsserted(() -> assertThat(sharedScores).hasSize(2));
        await().atMost(WAIT).untilAsserted(() -> assertThat(relayAlerts).hasSize(1));
        await().atMost(WAIT).untilAsserted(() -> assertThat(sharedAlerts).hasSize(1));
        await().atMost(WAIT).untilAsserted(() -> assertThat(relayPresence).isNotEmpty());
        await().atMost(WAIT).untilAsserted(() -> assertThat(sharedPresence).isNotEmpty());

        for (int i = 0; i < 2; i++) {
            assertSame(relayScores.get(i), sharedScores.get(i));
        }
        // RabbitMQ STOMP connections: the same system connection on each, plus one per session in
        // relay mode only (one session there, two on the shared instance)
        assertThat(relayConnections(relay)).isEqualTo(relayConnections(shared) + 1);
        assertSame(relayAlerts.getFirst(), sharedAlerts.getFirst());
        assertSame(relayPresence.getLast(), sharedPresence.getLast());
        joiner.disconnect();
        onRelay.disconnect();
        onShared.disconnect();
    }

    @Test
    void connectedFramesAreTheSameInBothModes() {
        String token = It.token("hb", It.tenant(), "viewer");
        for (String heartbeat : new String[] {null, "0,0", "10000,10000", "1000,20000", "5,7"}) {
            Map<String, String> onRelay = connected(RawStompClient.connect(port(relay), token, heartbeat));
            Map<String, String> onShared = connected(RawStompClient.connect(port(shared), token, heartbeat));
            assertThat(onRelay.get("session")).startsWith("session-");
            assertThat(onShared.get("session")).startsWith("session-").isNotEqualTo(onRelay.get("session"));
            onRelay.remove("session");
            onShared.remove("session");
            assertThat(onShared).as("CONNECTED for heart-beat %s", heartbeat).isEqualTo(onRelay);
        }
    }

    @Test
    void invalidHeartbeatHeadersGetTheSameError() {
        String token = It.token("hb", It.tenant(), "viewer");
        for (String heartbeat : new String[] {"abc", "-1,5", "1"}) {
            RawStompClient onRelay = RawStompClient.connect(port(relay), token, heartbeat);
            RawStompClient onShared = RawStompClient.connect(port(shared), token, heartbeat);
            for (RawStompClient c : List.of(onRelay, onShared)) {
                await().atMost(WAIT).until(() -> c.closed.isDone());
                assertThat(c.frames).extracting(RawStompClient.Frame::command).containsExactly("ERROR");
            }
            assertThat(onShared.first("ERROR")).isEqualTo(onRelay.first("ERROR"));
            assertThat(onShared.first("ERROR").headers().get("message"))
                    .startsWith("Refused\\c invalid heart-beat header '" + heartbeat + "'");
        }
    }

    @Test
    void idleSessionsGetHeartbeatsAlsoOnceTheyNeedTheRelay() {
        String tenant = It.tenant();
        String token = It.token("hb", tenant, "viewer");
        for (var instance : List.of(relay, shared)) {
            // the client sends none (0) and wants one every second
            RawStompClient c = RawStompClient.connect(port(instance), token, "0,1000");
            await().atMost(WAIT).until(() -> c.heartbeats.get() >= 3);
            // ack other than auto: relayed also in shared mode, so the session's broker connection opens
            c.send("SUBSCRIBE\nid:s1\ndestination:/topic/" + tenant + ".scores\nack:client-individual\n"
                    + "receipt:r1\n\n\0");
            await().atMost(WAIT).until(() -> c.first("RECEIPT") != null);
            int before = c.heartbeats.get();
            await().atMost(WAIT).until(() -> c.heartbeats.get() >= before + 3);
            assertThat(c.frames).extracting(RawStompClient.Frame::command).containsExactly("CONNECTED", "RECEIPT");
            assertThat(c.closed).isNotDone();
            c.abort();
        }
    }

    @Test
    void aClientWhoseHeartbeatsStopIsDisconnectedAlike() {
        String token = It.token("hb", It.tenant(), "viewer");
        // the client promises a heart-beat every second and sends none
        RawStompClient onRelay = RawStompClient.connect(port(relay), token, "1000,0");
        RawStompClient onShared = RawStompClient.connect(port(shared), token, "1000,0");
        for (RawStompClient c : List.of(onRelay, onShared)) {
            await().atMost(WAIT).until(() -> c.closed.isDone());
            assertThat(c.frames).extracting(RawStompClient.Frame::command).containsExactly("CONNECTED", "ERROR");
        }
        assertThat(onShared.first("ERROR")).isEqualTo(onRelay.first("ERROR"));
    }

    private static Map<String, String> connected(RawStompClient client) {
        await().atMost(WAIT).until(() -> client.first("CONNECTED") != null || client.closed.isDone());
        assertThat(client.frames).extracting(RawStompClient.Frame::command).containsExactly("CONNECTED");
        client.abort();
        return new TreeMap<>(client.first("CONNECTED").headers());
    }

    private static void assertSame(Frame relayed, Frame shared) {
        assertThat(comparable(shared.headers())).isEqualTo(comparable(relayed.headers()));
        assertThat(shared.body()).isEqualTo(relayed.body());
        String sub = relayed.headers().getSubscription();
        assertThat(shared.headers().getMessageId()).startsWith("T_" + sub + "@@session-");
        assertThat(relayed.headers().getMessageId()).startsWith("T_" + sub + "@@session-");
    }

    /** Every header but the message id (named after the broker session) and the subscription id. */
    private static Map<String, List<String>> comparable(StompHeaders headers) {
        Map<String, List<String>> all = new TreeMap<>(headers.toSingleValueMap().keySet().stream()
                .collect(java.util.stream.Collectors.toMap(k -> k, headers::get)));
        all.remove("message-id");
        all.remove("subscription");
        return all;
    }

    private ConfigurableApplicationContext instance(String run, String mode) {
        return new SpringApplicationBuilder(GatewayApplication.class)
                .run(It.gatewayArgs(topics, redisPrefix, "it-gw5-bridge-" + run, "--vigil.delivery.mode=" + mode));
    }

    private static int relayConnections(ConfigurableApplicationContext context) {
        return context.getBean("stompBrokerRelayMessageHandler", StompBrokerRelayMessageHandler.class)
                .getConnectionCount();
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
