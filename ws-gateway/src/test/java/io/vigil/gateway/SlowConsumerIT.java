package io.vigil.gateway;

import static io.vigil.testsupport.LocalService.KAFKA;
import static io.vigil.testsupport.LocalService.RABBITMQ;
import static io.vigil.testsupport.LocalService.RABBITMQ_STOMP;
import static io.vigil.testsupport.LocalService.REDIS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.contracts.alert.AlertState;
import io.vigil.contracts.score.ThreatLevel;
import io.vigil.contracts.topic.TopicNames;
import io.vigil.gateway.StompTestClient.Frame;
import io.vigil.testsupport.RequiresLocalServices;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
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
 * Shared delivery with a client that stops reading its socket (its frame handler waits on a gate):
 * large updates fill the socket buffers, the session's outbound buffer takes over. Scores are
 * conflated to the latest value per key, so once the client reads again its state ends equal to
 * the server's; a session that falls hopelessly behind on an event stream is closed with an ERROR
 * frame that says so and how to resume.
 */
@RequiresLocalServices({KAFKA, RABBITMQ, RABBITMQ_STOMP, REDIS})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowConsumerIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    /** Large enough that a few dozen frames fill the loopback socket buffers. */
    private static final int PAD = 200_000;

    private final TopicNames topics = It.freshTopics();
    private ConfigurableApplicationContext gateway;
    private KafkaProducer<String, String> producer;
    private String redisPrefix;

    @BeforeAll
    void start() {
        It.createTopics(topics);
        String run = UUID.randomUUID().toString().substring(0, 8);
        redisPrefix = "it-gw4-" + run;
        gateway = new SpringApplicationBuilder(GatewayApplication.class)
                .run(It.gatewayArgs(
                        topics,
                        redisPrefix,
                        "it-gw4-bridge-" + run,
                        "--vigil.delivery.mode=shared",
                        "--vigil.delivery.session-buffer-frames=32",
                        "--vigil.delivery.conflate-above-frames=8",
                        "--vigil.delivery.max-lag=120s",
                        "--vigil.websocket.send-time-limit=120s"));
        producer = It.producer();
    }

    @AfterAll
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (producer != null) {
            producer.close();
        }
        It.deleteTopics(topics);
        It.deleteRedisKeys(redisPrefix);
    }

    @Test
    void aLaggingSessionGetsTheLatestValuePerKeyAndEndsEqualToTheServer() {
        String tenant = It.tenant();
        CountDownLatch gate = new CountDownLatch(1);
        StompTestClient slow = StompTestClient.connectSlow(port(), It.token("sam", tenant, "viewer"));
        List<Frame> frames = slow.subscribeStalled("/topic/" + tenant + ".scores", gate);
        int keys = 12;
        int rounds = 10;
        for (int version = 1; version <= rounds; version++) {
            for (int k = 0; k < keys; k++) {
                String ip = "10.9.0." + k;
                It.send(
                        producer,
                        topics.scores(),
                        Records.scoreKey(tenant, ip),
                        padded(Records.score(tenant, ip, version, ThreatLevel.LOW, version)));
            }
        }
        await().atMost(WAIT).until(() -> meter("vigil.delivery.conflated.frames") > 0);

        gate.countDown();
        Map<String, Long> server = new HashMap<>();
        for (int k = 0; k < keys; k++) {
            server.put(Records.scoreKey(tenant, "10.9.0." + k), (long) rounds);
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(latest(frames)).isEqualTo(server));
        assertThat(frames.size()).isLessThan(keys * rounds);
        assertThat(slow.error).isNotDone();
        assertThat(slow.connected()).isTrue();
        slow.disconnect();
    }

    @Test
    void aSessionHopelesslyBehindIsClosedWithAnErrorThatSaysHowToResume() throws Exception {
        String tenant = It.tenant();
        CountDownLatch gate = new CountDownLatch(1);
        StompTestClient slow = StompTestClient.connectSlow(port(), It.token("sue", tenant, "viewer"));
        List<Frame> frames = slow.subscribeStalled("/topic/" + tenant + ".alerts", gate);
        double closedBefore = meter("vigil.delivery.slow.sessions.closed");
        for (int i = 0; i < 120; i++) {
            String id = tenant + "-slow-" + i;
            It.send(producer, topics.alerts(), id, padded(Records.alert(tenant, id, AlertState.OPEN, 1)));
        }
        await().atMost(WAIT).until(() -> meter("vigil.delivery.slow.sessions.closed") > closedBefore);
        assertThat(meter("vigil.delivery.dropped.frames")).isPositive();

        gate.countDown();
        assertThat(slow.error.get(WAIT.toSeconds(), TimeUnit.SECONDS)).startsWith("Too slow:");
        assertThat(slow.errorHeaders.get(1, TimeUnit.SECONDS).getFirst("vigil-resume"))
                .contains("/app/resume/");
        await().atMost(WAIT).untilAsserted(() -> assertThat(slow.connected()).isFalse());
        assertThat(frames.size()).isLessThan(120);
    }

    private static Map<String, Long> latest(List<Frame> frames) {
        Map<String, Long> versions = new HashMap<>();
        for (Frame frame : frames) {
            versions.merge(
                    frame.headers().getFirst("vigil-key"),
                    Long.parseLong(frame.headers().getFirst("vigil-version")),
                    Math::max);
        }
        return versions;
    }

    /** The record with a large extra field, which the bridge passes on untouched. */
    private static String padded(String json) {
        return "{\"pad\":\"" + "x".repeat(PAD) + "\"," + json.substring(1);
    }

    private double meter(String name) {
        var counter = gateway.getBean(MeterRegistry.class).find(name).counter();
        return counter == null ? 0 : counter.count();
    }

    private int port() {
        return ((WebServerApplicationContext) gateway).getWebServer().getPort();
    }
}
