package io.vigil.stream.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.contracts.anomaly.Anomaly;
import io.vigil.contracts.event.Outcome;
import io.vigil.contracts.event.SecurityEvent;
import io.vigil.contracts.event.Severity;
import io.vigil.contracts.metrics.MetricsWindow;
import io.vigil.contracts.model.Baseline;
import io.vigil.contracts.model.ModelParams;
import io.vigil.stream.Events;
import io.vigil.stream.StreamTopics;
import io.vigil.stream.TestProperties;
import io.vigil.stream.TopologyDrivers;
import io.vigil.stream.entity.EntityTopology;
import io.vigil.stream.ingest.IngestTopology;
import io.vigil.stream.model.ModelParamsTable;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AnomalyTopologyTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private TopologyTestDriver driver;
    private TestInputTopic<String, SecurityEvent> events;
    private TestInputTopic<String, MetricsWindow> metrics;
    private TestInputTopic<String, ModelParams> params;
    private TestOutputTopic<String, Anomaly> anomalies;

    @BeforeEach
    void setUp() {
        var topics = StreamTopics.withPrefix("");
        var builder = new StreamsBuilder();
        ModelParamsTable.build(builder, topics);
        AnomalyTopology.build(
                builder,
                EntityTopology.build(IngestTopology.normalized(builder, topics)).observations(),
                topics,
                TestProperties.defaults().anomaly());
        driver = TopologyDrivers.driver(builder, "anomaly-test", T0);
        events = TopologyDrivers.input(driver, topics.normalized());
        metrics = TopologyDrivers.input(driver, topics.metrics());
        params = TopologyDrivers.input(driver, topics.modelParams());
        anomalies = TopologyDrivers.output(driver, topics.anomalies());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private void pipe(SecurityEvent event) {
        events.pipeInput(event.tenant(), event, event.time());
    }

    @Test
    void fanOutFiresWhenOneSourceTouchesManyPortsAndIsRestatedWhenTheWindowCloses() {
        for (int port = 5800; port < 5807; port++) {
            pipe(Events.ids("t", T0.plusSeconds(1), Severity.MEDIUM, "8.42.77.171", "138.68.3.71", port));
        }
        pipe(Events.ids("t", T0.plusSeconds(2), Severity.MEDIUM, "9.9.9.9", "138.68.3.71", 22));

        Anomaly fired = anomalies.readValue();
        assertThat(fired.detector()).isEqualTo("fan_out");
        assertThat(fired.subject()).isEqualTo("ip/8.42.77.171");
        assertThat(fired.observed()).isEqualTo(5);
        assertThat(fired.expected()).isEqualTo(5);
        assertThat(fired.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(fired.reason()).contains("5 distinct destination ports");
        assertThat(anomalies.isEmpty()).isTrue();

        driver.advanceWallClockTime(Duration.ofSeconds(75));
        var closed = anomalies.readKeyValue();
        assertThat(closed.key).isEqualTo("t/fan_out/ip/8.42.77.171/2026-11-22T10:00:00Z");
        assertThat(closed.value.observed()).isEqualTo(7);
        assertThat(closed.value.version()).isEqualTo(2);
        assertThat(closed.value.reason()).contains("window closed");
        assertThat(anomalies.isEmpty()).isTrue();
    }

    @Test
    void authBurstFiresOnFailuresAndBecomesCriticalWhenASuccessFollows() {
        for (int i = 0; i < 10; i++) {
            pipe(Events.auth("t", T0.plusSeconds(i), Outcome.FAILURE, "bob", "203.0.113." + i));
        }
        Anomaly burst = anomalies.readValue();
        assertThat(burst.detector()).isEqualTo("auth_burst");
        assertThat(burst.subject()).isEqualTo("user/bob");
        assertThat(burst.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(burst.reason()).contains("10 failed logons", "no successful logon followed");

        pipe(Events.auth("t", T0.plusSeconds(20), Outcome.SUCCESS, "bob", "203.0.113.99"));
        Anomaly compromise = anomalies.readValue();
        assertThat(compromise.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(compromise.version()).isEqualTo(2);
        assertThat(compromise.reason()).contains("followed by a successful logon");
    }

    @Test
    void rateSpikeComparesWithTheBaselineForTheHourOfWeek() {
        int hour = Baseline.hourOfWeek(T0);
        List<Double> mean = new java.util.ArrayList<>(Collections.nCopies(168, 100.0));
        List<Double> std = new java.util.ArrayList<>(Collections.nCopies(168, 30.0));
        mean.set(hour, 10.0);
        std.set(hour, 3.0);
        params.pipeInput(
                "*/baseline",
                new ModelParams(
                        "*",
                        ModelParams.BASELINE,
                        1,
                        T0,
                        null,
                        Map.of("category/authentication", new Baseline(mean, std, Collections.nCopies(168, 60))),
                        null),
                T0);

        window(new java.util.TreeMap<>(Map.of("authentication", 300L, "network", 40L)), false, 1);
        window(new java.util.TreeMap<>(Map.of("authentication", 310L, "network", 40L)), false, 2);
        window(new java.util.TreeMap<>(Map.of("authentication", 320L, "network", 40L)), true, 3);

        var out = anomalies.readRecordsToList();
        assertThat(out)
                .extracting(r -> r.key())
                .containsExactly(
                        "t/rate_spike/category/authentication/2026-11-22T10:00:00Z",
                        "t/rate_spike/category/network/2026-11-22T10:00:00Z",
                        "t/rate_spike/category/authentication/2026-11-22T10:00:00Z",
                        "t/rate_spike/category/network/2026-11-22T10:00:00Z");
        Anomaly auth = out.get(0).value();
        assertThat(auth.expected()).isEqualTo(10.0);
        assertThat(auth.score()).isGreaterThan(90);
        assertThat(auth.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(auth.reason()).contains("baseline for hour-of-week " + hour);
        Anomaly coldStart = out.get(1).value();
        assertThat(coldStart.expected()).isEqualTo(10.0);
        assertThat(coldStart.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(coldStart.reason()).contains("cold-start");
        assertThat(out.get(2).value().observed()).isEqualTo(320);
        assertThat(out.get(2).value().version()).isEqualTo(2);
    }

    private void window(Map<String, Long> counts, boolean isFinal, long version) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        metrics.pipeInput(
                "t/category/2026-11-22T10:00:00Z",
                new MetricsWindow("t", "category", T0, T0.plusSeconds(60), total, counts, isFinal, version),
                T0);
    }
}
