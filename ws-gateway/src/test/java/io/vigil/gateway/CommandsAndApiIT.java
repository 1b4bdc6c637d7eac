package io.vigil.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.contracts.alert.AlertAction;
import io.vigil.contracts.alert.AlertCommand;
import io.vigil.contracts.alert.AlertState;
import io.vigil.contracts.score.ThreatLevel;
import io.vigil.contracts.topic.VigilSerdes;
import io.vigil.gateway.StompTestClient.Frame;
import io.vigil.testsupport.LocalServices;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alert commands (STOMP and REST) to {@code alert.commands}, presence, the REST API, task requests
 * to the workers' exchange and the operational endpoints.
 */
class CommandsAndApiIT extends GatewayItBase {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    StringRedisTemplate redis;

    @Test
    void acknowledgeWritesCommandAndRepliesToSender() {
        String tenant = It.tenant();
        String alertId = Records.alertId(tenant, "10.0.0.5", 1);
        assertThat(alertId).matches(tenant + "/score\\.ip_10\\.0\\.0\\.5\\.[0-9a-f]+-1");
        StompTestClient analyst = analystWithOpenAlert(tenant, alertId);
        List<Frame> replies = analyst.subscribe("/user/queue/replies");

        analyst.session().send("/app/alerts/" + alertId + "/ack", "{\"note\":\"looking\"}".getBytes());
        analyst.session().send("/app/alerts/" + Records.alertId(tenant, "10.9.9.9", 1) + "/resolve", new byte[0]);

        await().atMost(WAIT).untilAsserted(() -> assertThat(replies).hasSize(2));
        JsonNode accepted = replies.stream()
                .map(Frame::body)
                .filter(b -> b.get("alertId").asString().equals(alertId))
                .findFirst()
                .orElseThrow();
        assertThat(accepted.get("accepted").asBoolean()).isTrue();
        assertThat(accepted.get("action").asString()).isEqualTo("acknowledge");
        JsonNode rejected = replies.stream()
                .map(Frame::body)
                .filter(b -> !b.get("alertId").asString().equals(alertId))
                .findFirst()
                .orElseThrow();
        assertThat(rejected.get("accepted").asBoolean()).isFalse();
        assertThat(rejected.get("message").asString()).startsWith("Unknown alert");

        AlertCommand command = readCommand(alertId);
        assertThat(command.action()).isEqualTo(AlertAction.ACKNOWLEDGE);
        assertThat(command.tenant()).isEqualTo(tenant);
        assertThat(command.user()).isEqualTo("ana");
        assertThat(command.note()).isEqualTo("looking");
        assertThat(command.commandId()).isEqualTo(accepted.get("commandId").asString());
        analyst.disconnect();
    }

    /**
     * A frame several times the container's chunk size (its messages reach the STOMP decoder in
     * parts), with emoji whose surrogate pairs straddle the chunk boundaries: the note arrives whole.
     */
    @Test
    void longNoteWithEmojiArrivesIntact() {
        String tenant = It.tenant();
        String alertId = Records.alertId(tenant, "10.0.0.6", 1);
        StompTestClient analyst = analystWithOpenAlert(tenant, alertId);
        List<Frame> replies = analyst.subscribe("/user/queue/replies");
        // odd and even offsets, so that some chunk boundary falls inside a pair whatever the headers' length
        String note = "a" + "\uD83D\uDE00 s\u00e9curit\u00e9".repeat(300);

        analyst.session().send("/app/alerts/" + alertId + "/ack", JSON.writeValueAsBytes(Map.of("note", note)));

        await().atMost(WAIT).untilAsserted(() -> assertThat(replies).hasSize(1));
        assertThat(replies.getFirst().body().get("accepted").asBoolean()).isTrue();
        assertThat(readCommand(alertId).note()).isEqualTo(note);
        analyst.disconnect();
    }

    @Test
    void presenceAnnouncesJoinAndLeave() throws Exception {
        String tenant = It.tenant();
        StompTestClient watcher = connect(It.token("watcher", tenant, "viewer"));
        List<Frame> presence = watcher.subscribeConfirmed("/topic/" + tenant + ".presence");
        StompTestClient bob = connect(It.token("bob", tenant, "viewer"));

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(presence).anySatisfy(f -> {
                    assertThat(f.body().get("type").asString()).isEqualTo("join");
                    assertThat(f.body().get("user").asString()).isEqualTo("bob");
                    assertThat(f.body().get("online"))
                            .extracting(JsonNode::asString)
                            .contains("bob", "watcher");
                }));
        HttpResponse<String> online = get("/api/presence", It.token("x", tenant, "viewer"));
        assertThat(JSON.readTree(online.body()).get("users"))
                .extracting(JsonNode::asString)
                .containsExactly("bob", "watcher");

        bob.disconnect();
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(presence).anySatisfy(f -> {
                    assertThat(f.body().get("type").asString()).isEqualTo("leave");
                    assertThat(f.body().get("user").asString()).isEqualTo("bob");
                }));

        // a session of a crashed instance: its entry expires and its leave is announced once
        redis.opsForZSet()
                .add(REDIS_PREFIX + ":presence:" + tenant, "dead-session ghost", System.currentTimeMillis() - 1);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(presence)
                        .filteredOn(f -> f.body().get("user").asString().equals("ghost"))
                        .singleElement()
                        .satisfies(
                                f -> assertThat(f.body().get("type").asString()).isEqualTo("leave")));
        watcher.disconnect();
    }

    @Test
    void restApiServesTenantStateAndAlertCommands() throws Exception {
        String tenant = It.tenant();
        It.send(
                producer(),
                TOPICS.scores(),
                Records.scoreKey(tenant, "10.0.0.1"),
                Records.score(tenant, "10.0.0.1", 30, ThreatLevel.MEDIUM, 1));
        It.send(
                producer(),
                TOPICS.scores(),
                Records.scoreKey(tenant, "10.0.0.2"),
                Records.score(tenant, "10.0.0.2", 90, ThreatLevel.CRITICAL, 1));
        String alertId = Records.alertId(tenant, "10.0.0.2", 1);
        It.send(producer(), TOPICS.alerts(), alertId, Records.alert(tenant, alertId, AlertState.OPEN, 1));
        String viewer = It.token("vic", tenant, "viewer");

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode entities = JSON.readTree(get("/api/entities", viewer).body());
            assertThat(entities)
                    .extracting(e -> e.get("value").get("score").asDouble())
                    .containsExactly(90.0, 30.0);
        });
        assertThat(JSON.readTree(get("/api/entities?level=medium", viewer).body()))
                .hasSize(1);
        HttpResponse<String> one = get("/api/entities/" + Records.scoreKey(tenant, "10.0.0.2"), viewer);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(one.body()).get("version").asLong()).isEqualTo(1);
        assertThat(get("/api/entities/" + Records.scoreKey(It.tenant(), "10.0.0.2"), viewer)
                        .statusCode())
                .isEqualTo(404);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(
                                JSON.readTree(get("/api/alerts", viewer).body()))
                        .hasSize(1));
        assertThat(get("/api/metrics", viewer).statusCode()).isEqualTo(200);
        assertThat(get("/api/anomalies", viewer).statusCode()).isEqualTo(200);
        assertThat(get("/api/entities", null).statusCode()).isEqualTo(401);

        assertThat(post("/api/alerts/" + alertId + "/ack", viewer, "{}").statusCode())
                .isEqualTo(403);
        String analyst = It.token("ana", tenant, "analyst");
        // another tenant's alert id, and something that is not an alert id: refused, with the reason
        HttpResponse<String> foreign =
                post("/api/alerts/" + Records.alertId(It.tenant(), "10.0.0.2", 1) + "/ack", analyst, "{}");
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(foreign.body()).get("message").asString())
                .startsWith("Forbidden: tenant '" + tenant + "' may not command alerts of tenant");
        HttpResponse<String> malformed = post("/api/alerts/" + tenant + "/a~b/ack", analyst, "{}");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("not an alert id");
        HttpResponse<String> ack =
                post("/api/alerts/" + alertId + "/resolve", analyst, "{\"note\":\"false positive\"}");
        assertThat(ack.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(ack.body()).get("alertId").asString()).isEqualTo(alertId);
        assertThat(readCommand(alertId).action()).isEqualTo(AlertAction.RESOLVE);
    }

    @Test
    void adminTaskRequestReachesTheTasksExchange() throws Exception {
        CachingConnectionFactory cf = new CachingConnectionFactory("127.0.0.1", 5672);
        cf.setVirtualHost("vigil");
        cf.setUsername("vigil-gateway");
        cf.setPassword("vigil-gateway-dev");
        try {
            RabbitAdmin admin = new RabbitAdmin(cf);
            DirectExchange exchange = new DirectExchange(TASKS_EXCHANGE, true, false);
            admin.declareExchange(exchange);
            AnonymousQueue queue = new AnonymousQueue();
            admin.declareQueue(queue);
            Binding binding = BindingBuilder.bind(queue).to(exchange).with("retrain");
            admin.declareBinding(binding);
            String tenant = It.tenant();

            assertThat(post("/api/tasks/retrain", It.token("ana", tenant, "analyst"), "{}")
                            .statusCode())
                    .isEqualTo(403);
            assertThat(post("/api/tasks/nonsense", It.token("root", tenant, "admin"), "{}")
                            .statusCode())
                    .isEqualTo(400);
            HttpResponse<String> accepted =
                    post("/api/tasks/retrain", It.token("root", tenant, "admin"), "{\"days\":7}");
            assertThat(accepted.statusCode()).isEqualTo(202);
            String id = JSON.readTree(accepted.body()).get("id").asString();
            // no queue bound for "report": refused, not silently dropped
            assertThat(post("/api/tasks/report", It.token("root", tenant, "admin"), "{}")
                            .statusCode())
                    .isEqualTo(503);

            Message message = new RabbitTemplate(cf).receive(queue.getName(), 10_000);
            assertThat(message).isNotNull();
            assertThat(message.getMessageProperties().getMessageId()).isEqualTo(id);
            assertThat(message.getMessageProperties().getPriority()).isEqualTo(9);
            assertThat(message.getMessageProperties().getContentType()).isEqualTo("application/json");
            assertThat(message.getMessageProperties().getHeaders()).doesNotContainKey("__TypeId__");
            JsonNode body = JSON.readTree(message.getBody());
            assertThat(body.get("type").asString()).isEqualTo("retrain");
            assertThat(body.get("tenant").asString()).isEqualTo(tenant);
            assertThat(body.get("requestedBy").asString()).isEqualTo("root");
            assertThat(body.get("params").get("days").asInt()).isEqualTo(7);
            admin.deleteExchange(TASKS_EXCHANGE);
        } finally {
            cf.destroy();
        }
    }

    @Test
    void demoTokenHealthApiDocsAndDashboard() throws Exception {
        HttpResponse<String> token =
                post("/api/demo/token", null, "{\"user\":\"demo\",\"tenant\":\"acme\",\"roles\":[\"analyst\"]}");
        assertThat(token.statusCode()).isEqualTo(200);
        StompTestClient client =
                connect(JSON.readTree(token.body()).get("token").asString());
        assertThat(client.connected()).isTrue();
        client.disconnect();
        assertThat(post("/api/demo/token", null, "{\"user\":\"demo\",\"tenant\":\"a.b\"}")
                        .statusCode())
                .isEqualTo(400);

        await().atMost(WAIT).untilAsserted(() -> {
            HttpResponse<String> readiness = get("/actuator/health/readiness", null);
            assertThat(readiness.statusCode()).isEqualTo(200);
            assertThat(readiness.body()).contains("\"relay\"");
        });
        assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/prometheus", null).body())
                .contains("vigil_relay_available", "vigil_stomp_sessions", "vigil_bridge_latency");
        assertThat(get("/v3/api-docs", null).body()).contains("/api/entities", "/api/tasks/{type}");
        // the dashboard module (a runtime dependency) is served at /, with its assets
        assertThat(get("/", null).body()).contains("/assets/js/app.js").doesNotContain("dashboard comes later");
        assertThat(get("/assets/js/vigil-client.js", null).statusCode()).isEqualTo(200);
    }

    /** An open alert the gateway knows (it is in the analyst's snapshot), and an analyst connected. */
    private StompTestClient analystWithOpenAlert(String tenant, String alertId) {
        It.send(producer(), TOPICS.alerts(), alertId, Records.alert(tenant, alertId, AlertState.OPEN, 1));
        StompTestClient analyst = connect(It.token("ana", tenant, "analyst"));
        await().atMost(WAIT).untilAsserted(() -> {
            List<Frame> snapshot = analyst.subscribe("/app/snapshot/alerts");
            await().atMost(WAIT).until(() -> snapshot.size() == 1);
            assertThat(snapshot.getFirst().body().get("items")).hasSize(1);
        });
        return analyst;
    }

    private AlertCommand readCommand(String alertId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalServices.kafkaBootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-gw-cmd-" + java.util.UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<AlertCommand> found = new ArrayList<>();
        try (KafkaConsumer<String, AlertCommand> consumer = new KafkaConsumer<>(
                props, new StringDeserializer(), VigilSerdes.alertCommand().deserializer())) {
            consumer.subscribe(List.of(TOPICS.alertCommands()));
            await().atMost(WAIT).until(() -> {
                for (ConsumerRecord<String, AlertCommand> r : consumer.poll(Duration.ofMillis(200))) {
                    if (alertId.equals(r.key())) {
                        found.add(r.value());
                    }
                }
                return !found.isEmpty();
            });
        }
        return found.getFirst();
    }
}
