package io.vigil.gateway;

import static io.vigil.testsupport.LocalService.KAFKA;
import static io.vigil.testsupport.LocalService.REDIS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.contracts.score.ThreatLevel;
import io.vigil.contracts.topic.TopicNames;
import io.vigil.gateway.StompTestClient.Frame;
import io.vigil.testsupport.RequiresLocalServices;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The benchmark baseline profile {@code simple-broker}: the bridge delivers into Spring's in-memory
 * broker, with the same live headers, and SUBSCRIBE receipts still come.
 */
@RequiresLocalServices({KAFKA, REDIS})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimpleBrokerIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final TopicNames topics = It.freshTopics();
    private ConfigurableApplicationContext gateway;
    private KafkaProducer<String, String> producer;
    private String redisPrefix;

    @BeforeAll
    void start() {
        It.createTopics(topics);
        String run = UUID.randomUUID().toString().substring(0, 8);
        redisPrefix = "it-gw6-" + run;
        gateway = new SpringApplicationBuilder(GatewayApplication.class)
                .profiles("demo", "simple-broker")
                .run(It.gatewayArgs(topics, redisPrefix, "it-gw6-bridge-" + run));
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
    void theBridgeDeliversIntoTheInMemoryBrokerWithTheLiveHeaders() {
        int port = ((WebServerApplicationContext) gateway).getWebServer().getPort();
        String tenant = It.tenant();
        StompTestClient client = StompTestClient.connect(port, It.token("ana", tenant, "viewer"));
        List<Frame> live = client.subscribeConfirmed("/topic/" + tenant + ".scores");
        String key = Records.scoreKey(tenant, "10.5.0.1");
        It.send(producer, topics.scores(), key, Records.score(tenant, "10.5.0.1", 33, ThreatLevel.LOW, 4));

        await().atMost(WAIT).untilAsserted(() -> assertThat(live).hasSize(1));
        Frame frame = live.getFirst();
        assertThat(frame.headers().getFirst("vigil-key")).isEqualTo(key);
        assertThat(frame.headers().getFirst("vigil-version")).isEqualTo("4");
        assertThat(frame.headers().getFirst("vigil-op")).isEqualTo("upsert");
        assertThat(frame.headers().getFirst("amqp-message-id")).isEqualTo(key + "@4");
        assertThat(frame.body().get("score").asDouble()).isEqualTo(33);
        client.disconnect();
    }
}
