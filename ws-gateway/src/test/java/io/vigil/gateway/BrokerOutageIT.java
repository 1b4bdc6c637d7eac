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
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Broker outage without restarting the shared RabbitMQ: the relay reaches RabbitMQ's STOMP port,
 * the bridge and the shared subscriptions its AMQP port, each through a proxy the test cuts.
 * Clients are told (ERROR frame), readiness goes down, new CONNECTs are refused with a reason; when
 * the broker is back, readiness returns and a reconnecting client resumes with nothing lost.
 */
@RequiresLocalServices({KAFKA, RABBITMQ, RABBITMQ_STOMP, REDIS})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrokerOutageIT {

    static final Duration WAIT = Duration.ofSeconds(30);
    private final TopicNames topics = It.freshTopics();
    private TcpProxy proxy;
    private TcpProxy amqpProxy;
    private ConfigurableApplicationContext gateway;
    private KafkaProducer<String, String> producer;
    private String redisPrefix;

    /** The delivery mode under test; subclasses run the same tests in the other mode. */
    String mode() {
        return "shared";
    }

    @BeforeAll
    void start() throws Exception {
        It.createTopics(topics);
        proxy = new TcpProxy(LocalService.RABBITMQ_STOMP.port());
        amqpProxy = new TcpProxy(LocalService.RABBITMQ.port());
        String run = UUID.randomUUID().toString().substring(0, 8);
        redisPrefix = "it-gw3-" + run;
        gateway = new SpringApplicationBuilder(GatewayApplication.class)
                .run(It.gatewayArgs(
                        topics,
                        redisPrefix,
                        "it-gw3-bridge-" + run,
                        "--vigil.delivery.mode=" + mode(),
                        "--vigil.relay.port=" + proxy.port(),
                        "--spring.rabbitmq.port=" + amqpProxy.port()));
        producer = It.producer();
    }

    @AfterAll
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (amqpProxy != null) {
            amqpProxy.close();
        }
        if (producer != null) {
            producer.close();
        }
        It.deleteTopics(topics);
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
        It.send(producer, topics.alerts(), tenant + "-1", Records.alert(tenant, tenant + "-1", AlertState.OPEN, 1));
        await().atMost(WAIT).untilAsserted(() -> assertThat(live).hasSize(1));
        String seen = live.getFirst().headers().getFirst("vigil-seq");

        proxy.cut();
        amqpProxy.cut();
        assertThat(client.error.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isNotBlank();
        await().atMost(WAIT).untilAsserted(() -> assertThat(client.connected()).isFalse());
        await().atMost(WAIT).until(() -> readiness(port) == 503);
        StompTestClient refused = StompTestClient.connect(port, token);
        assertThat(refused.error.get(WAIT.toSeconds(), TimeUnit.SECONDS)).containsIgnoringCase("broker");
        // published while the clients are away: kept in the resume history
        It.send(producer, topics.alerts(), tenant + "-2", Records.alert(tenant, tenant + "-2", AlertState.OPEN, 1));

        proxy.restore();
        amqpProxy.restore();
        await().atMost(WAIT).until(() -> readiness(port) == 200);
        StompTestClient back = StompTestClient.connect(port, token);
        List<Frame> liveAgain = back.subscribeConfirmed("/topic/" + tenant + ".alerts");
        List<Frame> resumed = back.subscribe("/app/resume/alerts/" + seen);
        await().atMost(WAIT).untilAsserted(() -> assertThat(resumed).hasSize(1));
        JsonNode answer = resumed.getFirst().body();
        assertThat(answer.get("tooOld").asBoolean()).isFalse();
        // the bridge retried the batch that RabbitMQ did not confirm: the entry may be there twice
        assertThat(answer.get("entries"))
                .extracting(e -> e.get("key").asString())
                .isNotEmpty()
                .containsOnly(tenant + "-2");
        It.send(producer, topics.alerts(), tenant + "-3", Records.alert(tenant, tenant + "-3", AlertState.OPEN, 1));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(liveAgain)
                        .extracting(f -> f.headers().getFirst("vigil-key"))
                        .contains(tenant + "-3"));
        back.disconnect();
    }

    /**
     * Only the AMQP side goes away (the per-session STOMP connections stay up). Relay mode: the
     * bridge holds the update back until RabbitMQ confirms it, the session stays and gets it.
     * Shared mode: this instance's broker subscription and its bindings are gone, so its sessions
     * are told (ERROR with a resume hint) and resume after reconnecting.
     */
    @Test
    void losingOnlyTheAmqpSideIsNeverSilent() throws Exception {
        int port = ((WebServerApplicationContext) gateway).getWebServer().getPort();
        String tenant = It.tenant();
        String token = It.token("ben", tenant, "viewer");
        await().atMost(WAIT).until(() -> readiness(port) == 200);
        StompTestClient client = StompTestClient.connect(port, token);
        List<Frame> live = client.subscribeConfirmed("/topic/" + tenant + ".alerts");
        It.send(producer, topics.alerts(), tenant + "-a", Records.alert(tenant, tenant + "-a", AlertState.OPEN, 1));
        await().atMost(WAIT).untilAsserted(() -> assertThat(live).hasSize(1));
        String seen = live.getFirst().headers().getFirst("vigil-seq");

        amqpProxy.cut();
        It.send(producer, topics.alerts(), tenant + "-b", Records.alert(tenant, tenant + "-b", AlertState.OPEN, 1));
        if ("shared".equals(mode())) {
            assertThat(client.error.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("Connection to broker closed.");
            assertThat(client.errorHeaders.get(1, TimeUnit.SECONDS).getFirst("vigil-resume"))
                    .contains("/app/resume/");
            await().atMost(WAIT).until(() -> readiness(port) == 503);
        }
        amqpProxy.restore();
        await().atMost(WAIT).until(() -> readiness(port) == 200);
        if ("shared".equals(mode())) {
            StompTestClient back = StompTestClient.connect(port, token);
            back.subscribeConfirmed("/topic/" + tenant + ".alerts");
            List<Frame> resumed = back.subscribe("/app/resume/alerts/" + seen);
            await().atMost(WAIT).untilAsserted(() -> assertThat(resumed).hasSize(1));
            assertThat(resumed.getFirst().body().get("entries"))
                    .extracting(e -> e.get("key").asString())
                    .contains(tenant + "-b");
            back.disconnect();
        } else {
            await().atMost(WAIT)
                    .untilAsserted(() -> assertThat(live)
                            .extracting(f -> f.headers().getFirst("vigil-key"))
                            .contains(tenant + "-b"));
            assertThat(client.error).isNotDone();
            client.disconnect();
        }
    }

    private int readiness(int port) throws Exception {
        HttpResponse<Void> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
        return response.statusCode();
    }
}
