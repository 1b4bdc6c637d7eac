package io.vigil.e2e;

import static io.vigil.testsupport.LocalService.KAFKA;
import static io.vigil.testsupport.LocalService.RABBITMQ;
import static io.vigil.testsupport.LocalService.RABBITMQ_STOMP;
import static io.vigil.testsupport.LocalService.REDIS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.contracts.anomaly.Anomaly;
import io.vigil.contracts.event.Severity;
import io.vigil.contracts.score.EntityType;
import io.vigil.contracts.topic.Keys;
import io.vigil.contracts.topic.VigilSerdes;
import io.vigil.testsupport.LocalServices;
import io.vigil.testsupport.RequiresLocalServices;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real RabbitMQ goes away under an open dashboard and comes back: the page says what is going
 * on, reconnects with back-off by itself, and afterwards shows what happened meanwhile — a score
 * moved (snapshot) and an anomaly (resume of the event stream) — without a reload, and nothing the
 * bridge took from Kafka during the outage is lost.
 */
@RequiresLocalServices({KAFKA, RABBITMQ, RABBITMQ_STOMP, REDIS})
class BrokerRestartIT {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String TENANT = "e2e-r-" + RUN;
    static final Duration WAIT = Duration.ofSeconds(30);

    static Kafka kafka;
    static ServiceProcess gateway;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        kafka = new Kafka("it-e2e-r-" + RUN + ".");
        kafka.createTopics();
        gateway = VigilProcesses.gateway(kafka, "r-" + RUN).build().start(Duration.ofSeconds(120));
        browser = new Browser("broker-restart");
    }

    @AfterAll
    static void stop() {
        // whatever happened above, leave the shared broker running for the tests after this one
        if (!LocalServices.reachable(RABBITMQ_STOMP)) {
            RabbitMqBroker.start();
        }
        if (kafka != null) {
            kafka.deleteTopics();
        }
        for (AutoCloseable c : new AutoCloseable[] {browser, gateway, kafka}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    System.err.println("closing " + c + ": " + e);
                }
            }
        }
    }

    @Test
    void thePageRecoversFromARabbitMqRestartWithoutReloadAndMissesNothing() {
        String web = kafka.score(TENANT, EntityType.HOST, "web-01", 30, 1);
        browser.signInAt(gateway.baseUrl(), "rita", TENANT, "analyst", WAIT);
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(browser.attribute("#connection", "data-state")).isEqualTo("live");
            assertThat(browser.attribute("tr[data-key='" + web + "']", "data-version"))
                    .isEqualTo("1");
        });
        browser.script("window.notReloaded = true");

        RabbitMqBroker.stop();
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(browser.attribute("#connection", "data-state")).isIn("reconnecting", "connecting");
            assertThat(browser.find("#banner").isDisplayed()).isTrue();
        });
        browser.screenshot(Path.of("target", "screenshots", "dashboard-broker-down.png"));

        // while RabbitMQ is down: a score moves and an anomaly fires
        kafka.score(TENANT, EntityType.HOST, "web-01", 92, 2);
        String anomalyKey = anomaly("ip/10.9.9.9");
        RabbitMqBroker.start();

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            assertThat(browser.attribute("#connection", "data-state")).isEqualTo("live");
            assertThat(browser.attribute("tr[data-key='" + web + "']", "data-version"))
                    .isEqualTo("2");
            assertThat(browser.attribute("#anomalies li[data-key='" + anomalyKey + "']", "data-key"))
                    .isEqualTo(anomalyKey);
        });
        assertThat(browser.find("#banner").isDisplayed()).isFalse();
        assertThat(browser.script("return window.notReloaded === true")).isEqualTo(true);

        // and live updates flow again through the relay after the restart
        kafka.score(TENANT, EntityType.HOST, "web-01", 40, 3);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(browser.attribute("tr[data-key='" + web + "']", "data-version"))
                        .isEqualTo("3"));
    }

    private static String anomaly(String subject) {
        Instant window = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        String key = Keys.anomaly(TENANT, "fan_out", subject, window);
        var anomaly = new Anomaly(
                TENANT,
                "fan_out",
                subject,
                window,
                window.plusSeconds(60),
                40,
                10,
                4,
                Severity.HIGH,
                subject + " reached 40 distinct ports in one minute",
                Instant.now(),
                1);
        kafka.send(
                kafka.topics.anomalies(),
                key,
                VigilSerdes.anomaly().serializer().serialize("", anomaly));
        return key;
    }
}
