package io.vigil.gateway;

import static io.vigil.testsupport.LocalService.KAFKA;
import static io.vigil.testsupport.LocalService.RABBITMQ;
import static io.vigil.testsupport.LocalService.RABBITMQ_STOMP;
import static io.vigil.testsupport.LocalService.REDIS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.contracts.score.ThreatLevel;
import io.vigil.contracts.topic.TopicNames;
import io.vigil.gateway.StompTestClient.Frame;
import io.vigil.testsupport.RequiresLocalServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two gateway instances (two ports, one bridge consumer group, default profile): a client on each
 * receives every update exactly once; stopping one instance tells its clients to reconnect and the
 * other instance takes over the bridge.
 */
@RequiresLocalServices({KAFKA, RABBITMQ, RABBITMQ_STOMP, REDIS})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesIT {

    static final Duration WAIT = Duration.ofSeconds(30);
    private final TopicNames topics = It.freshTopics();
    private ConfigurableApplicationContext first;
    private ConfigurableApplicationContext second;
    private KafkaProducer<String, String> producer;
    private String redisPrefix;

    /** The delivery mode under test; subclasses run the same tests in the other mode. */
    String mode() {
        return "shared";
    }

    @BeforeAll
    void start() {
        It.createTopics(topics);
        String run = UUID.randomUUID().toString().substring(0, 8);
        redisPrefix = "it-gw2-" + run;
        first = instance(run);
        second = instance(run);
        producer = It.producer();
    }

    @AfterAll
    void stop() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
        if (producer != null) {
            producer.close();
        }
        It.deleteTopics(topics);
        It.deleteRedisKeys(redisPrefix);
    }

    private ConfigurableApplicationContext instance(String run) {
        return new SpringApplicationBuilder(GatewayApplication.class)
                .run(It.gatewayArgs(
                        topics,
                        redisPrefix,
                        "it-gw2-bridge-" + run,
                        "--vigil.delivery.mode=" + mode(),
                        "--vigil.websocket.shutdown-drain=2s"));
    }

    private int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Test
    void everyUpdateReachesAClientOnEachInstanceExactlyOnce() throws Exception {
        String tenant = It.tenant();
        String token = It.token("ana", tenant, "viewer");
        StompTestClient onFirst = StompTestClient.connect(port(first), token);
        StompTestClient onSecond = StompTestClient.connect(port(second), token);
        List<Frame> a = onFirst.subscribeConfirmed("/topic/" + tenant + ".scores");
        List<Frame> b = onSecond.subscribeConfirmed("/topic/" + tenant + ".scores");

        int n = 20;
        for (int i = 0; i < n; i++) {
            It.send(
                    producer,
                    topics.scores(),
                    Records.scoreKey(tenant, "10.0.1." + i),
                    Records.score(tenant, "10.0.1." + i, i, ThreatLevel.LOW, 1));
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(a).hasSize(n));
        await().atMost(WAIT).untilAsserted(() -> assertThat(b).hasSize(n));
        // and nothing more arrives: no instance published a record twice
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(a.size() + b.size()).isEqualTo(2 * n));
        assertThat(a).extracting(f -> f.headers().getFirst("vigil-key")).doesNotHaveDuplicates();
        assertThat(b).extracting(f -> f.headers().getFirst("vigil-key")).doesNotHaveDuplicates();

        // without the demo profile there is no token endpoint
        HttpResponse<String> demo = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(first) + "/api/demo/token"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"x\",\"tenant\":\"y\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(demo.statusCode()).isIn(404, 405);

        // stopping the first instance tells its client to go elsewhere; the second carries on alone
        first.close();
        assertThat(onFirst.error.get(10, TimeUnit.SECONDS)).startsWith("Gateway shutting down: reconnect");
        assertThat(onFirst.errorHeaders.get(1, TimeUnit.SECONDS).getFirst("retry-after-ms"))
                .isEqualTo("5000");
        String extra = Records.scoreKey(tenant, "10.0.2.1");
        It.send(producer, topics.scores(), extra, Records.score(tenant, "10.0.2.1", 50, ThreatLevel.MEDIUM, 1));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(b)
                        .extracting(f -> f.headers().getFirst("vigil-key"))
                        .contains(extra));
        onSecond.disconnect();
    }
}
