package io.vigil.gateway;

import static io.vigil.testsupport.LocalService.KAFKA;
import static io.vigil.testsupport.LocalService.RABBITMQ;
import static io.vigil.testsupport.LocalService.RABBITMQ_STOMP;
import static io.vigil.testsupport.LocalService.REDIS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.contracts.alert.AlertState;
import io.vigil.contracts.topic.TopicNames;
import io.vigil.gateway.StompTestClient.Frame;
import io.vigil.testsupport.LocalService;
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
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Broker outage without restarting the shared RabbitMQ: the relay reaches RabbitMQ's STOMP port
 * through a proxy the test cuts. Clients are told (ERROR frame), readiness goes down, new CONNECTs
 * are refused with a reason; when the broker is back, readiness returns and a reconnecting client
 * resumes with nothing lost.
 */
@RequiresLocalServices({KAFKA, RABBITMQ, RABBITMQ_STOMP, REDIS})
class BrokerOutageIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final TopicNames TOPICS = It.freshTopics();
    private static TcpProxy proxy;
    private static ConfigurableApplicationContext gateway;
    private static KafkaProducer<String, String> producer;
    private static String redisPrefix;

    @BeforeAll
    static void start() throws Exception {
        It.createTopics(TOPICS);
        proxy = new TcpProxy(LocalService.RABBITMQ_STOMP.port());
        String run = UUID.randomUUID().toString().substring(0, 8);
        redisPrefix = "it-gw3-" + run;
        gateway = new SpringApplicationBuilder(GatewayApplication.class)
                .run(
                        "--server.port=0",
                        "--vigil.relay.port=" + proxy.port(),
                        "--vigil.topics.scores=" + TOPICS.scores(),
                        "--vigil.topics.metrics=" + TOPICS.metrics(),
                        "--vigil.topics.anomalies=" + TOPICS.anomalies(),
                        "--vigil.topics.alerts=" + TOPICS.alerts(),
                        "--vigil.topics.alert-commands=" + TOPICS.alertCommands(),
                        "--vigil.state.key-prefix=" + redisPrefix,
                        "--spring.kafka.consumer.group-id=it-gw3-bridge-" + run,
                        "--vigil.security.hs256-secret=" + It.SECRET);
        producer = It.producer();
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (producer != null) {
            producer.close();
        }
        It.deleteTopics(TOPICS);
        It.deleteRedisKeys(redisPrefix);
    }

    @Test
    void clientsAreToldAndResumeWithoutLossAfterTheBrokerReturns() throws Exception {
        int port = ((WebServerApplicationContext) gateway).getWebServer().getPort();
        String tenant = It.tenant();
        String token = It.token("ana", tenant, "viewer");
        await().atMost(WAIT).until(() -> readiness(port) == 200);
        StompTestClient client = StompTestClient.connect(port, token);
        List<Frame> live = client.subscribeConfirmed("/topic/" + tenant + ".alerts");
        It.send(producer, TOPICS.alerts(), tenant + "-1", Records.alert(tenant, tenant + "-1", AlertState.OPEN, 1));
        await().atMost(WAIT).untilAsserted(() -> assertThat(live).hasSize(1));
        String seen = live.getFirst().headers().getFirst("vigil-seq");

        proxy.cut();
        assertThat(client.error.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isNotBlank();
        await().atMost(WAIT).untilAsserted(() -> assertThat(client.connected()).isFalse());
        await().atMost(WAIT).until(() -> readiness(port) == 503);
        StompTestClient refused = StompTestClient.connect(port, token);
        assertThat(refused.error.get(WAIT.toSeconds(), TimeUnit.SECONDS)).containsIgnoringCase("broker");
        // published while the clients are away: kept in the resume history
        It.send(producer, TOPICS.alerts(), tenant + "-2", Records.alert(tenant, tenant + "-2", AlertState.OPEN, 1));

        proxy.restore();
        await().atMost(WAIT).until(() -> readiness(port) == 200);
        StompTestClient back = StompTestClient.connect(port, token);
        List<Frame> liveAgain = back.subscribeConfirmed("/topic/" + tenant + ".alerts");
        List<Frame> resumed = back.subscribe("/app/resume/alerts/" + seen);
        await().atMost(WAIT).untilAsserted(() -> assertThat(resumed).hasSize(1));
        JsonNode answer = resumed.getFirst().body();
        assertThat(answer.get("tooOld").asBoolean()).isFalse();
        assertThat(answer.get("entries"))
                .extracting(e -> e.get("key").asString())
                .containsExactly(tenant + "-2");
        It.send(producer, TOPICS.alerts(), tenant + "-3", Records.alert(tenant, tenant + "-3", AlertState.OPEN, 1));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(liveAgain)
                        .extracting(f -> f.headers().getFirst("vigil-key"))
                        .contains(tenant + "-3"));
        back.disconnect();
    }

    private static int readiness(int port) throws Exception {
        HttpResponse<Void> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
        return response.statusCode();
    }
}
