package io.vigil.stream.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.contracts.event.Outcome;
import io.vigil.contracts.event.SecurityEvent;
import io.vigil.contracts.event.Severity;
import io.vigil.contracts.metrics.MetricsWindow;
import io.vigil.stream.Events;
import io.vigil.stream.StreamTopics;
import io.vigil.stream.TestProperties;
import io.vigil.stream.TopologyDrivers;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetricsTopologyTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final String KEY = "t/severity/2026-11-22T10:00:00Z";

    private TopologyTestDriver driver;
    private TestInputTopic<String, SecurityEvent> events;
    private TestOutputTopic<String, MetricsWindow> metrics;

    @BeforeEach
    void setUp() {
        var topics = StreamTopics.withPrefix("");
        var builder = new StreamsBuilder();
        MetricsTopology.build(
                builder,
                topics,
                TestProperties.with(Map.of("vigil.metrics.top-talkers", "3")).metrics());
        driver = TopologyDrivers.driver(builder, "metrics-test", T0);
        events = TopologyDrivers.input(driver, topics.normalized());
        metrics = TopologyDrivers.output(driver, topics.metrics());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private void pipe(SecurityEvent event) {
        events.pipeInput(event.tenant(), event, event.time());
    }

    @Test
    void provisionalAtMostOncePerSecondThenFinalAfterGraceOnAQuietStream() {
        for (int i = 0; i < 50; i++) {
            pipe(Events.ids(
                    "t",
                    T0.plusSeconds(5),
                    i % 2 == 0 ? Severity.HIGH : Severity.LOW,
                    "10.0.0." + (i % 5),
                    "10.9.9.9",
                    22));
        }
        assertThat(metrics.isEmpty()).isTrue();

        driver.advanceWallClockTime(Duration.ofSeconds(1));
        var first = metrics.readKeyValuesToMap();
        assertThat(first)
                .hasSize(4)
                .containsKeys(
                        KEY,
                        "t/category/2026-11-22T10:00:00Z",
                        "t/source/2026-11-22T10:00:00Z",
                        "t/talkers/2026-11-22T10:00:00Z");
        MetricsWindow severity = first.get(KEY);
        assertThat(severity.total()).isEqualTo(50);
        assertThat(severity.counts()).containsExactlyInAnyOrderEntriesOf(Map.of("HIGH", 25L, "LOW", 25L));
        assertThat(severity.isFinal()).isFalse();
        assertThat(severity.version()).isEqualTo(1);
        assertThat(first.get("t/talkers/2026-11-22T10:00:00Z").counts()).hasSize(3);

        driver.advanceWallClockTime(Duration.ofSeconds(1));
        assertThat(metrics.isEmpty()).as("nothing changed, nothing emitted").isTrue();

        pipe(Events.auth("t", T0.plusSeconds(20), Outcome.FAILURE, "bob", null));
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        MetricsWindow second = metrics.readKeyValuesToMap().get(KEY);
        assertThat(second.total()).isEqualTo(51);
        assertThat(second.version()).isEqualTo(2);

        // No more events: the window (10:00-10:01) closes once the clock passes 10:01:10.
        driver.advanceWallClockTime(Duration.ofSeconds(70));
        var closing = metrics.readKeyValuesToMap();
        assertThat(closing).hasSize(4);
        assertThat(closing.values()).allSatisfy(w -> {
            assertThat(w.isFinal()).isTrue();
            assertThat(w.version()).isEqualTo(3);
            assertThat(w.total()).isEqualTo(51);
        });

        pipe(Events.auth("t", T0.plusSeconds(30), Outcome.FAILURE, "bob", null));
        driver.advanceWallClockTime(Duration.ofSeconds(5));
        assertThat(metrics.isEmpty()).as("a closed window is never updated").isTrue();
    }

    @Test
    void aLaterEventClosesEarlierWindowsAndTenantsAreSeparate() {
        pipe(Events.ids("a", T0.plusSeconds(1), Severity.HIGH, "1.1.1.1", null, 22));
        pipe(Events.ids("b", T0.plusSeconds(2), Severity.HIGH, "1.1.1.1", null, 22));
        pipe(Events.ids("a", T0.plus(Duration.ofMinutes(5)), Severity.HIGH, "1.1.1.1", null, 22));
        driver.advanceWallClockTime(Duration.ofSeconds(1));

        var out = metrics.readKeyValuesToMap();
        assertThat(out.get("a/severity/2026-11-22T10:00:00Z").isFinal()).isTrue();
        assertThat(out.get("b/severity/2026-11-22T10:00:00Z").isFinal()).isTrue();
        assertThat(out.get("b/severity/2026-11-22T10:00:00Z").total()).isEqualTo(1);
        assertThat(out.get("a/severity/2026-11-22T10:05:00Z").isFinal()).isFalse();
    }
}
