package io.vigil.stream.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.contracts.event.Entities;
import io.vigil.contracts.event.Outcome;
import io.vigil.contracts.event.SecurityEvent;
import io.vigil.contracts.event.Severity;
import io.vigil.contracts.model.ModelParams;
import io.vigil.contracts.model.Thresholds;
import io.vigil.contracts.score.ThreatLevel;
import io.vigil.contracts.score.ThreatScore;
import io.vigil.stream.Events;
import io.vigil.stream.StreamTopics;
import io.vigil.stream.TestProperties;
import io.vigil.stream.TopologyDrivers;
import io.vigil.stream.entity.EntityTopology;
import io.vigil.stream.ingest.IngestTopology;
import io.vigil.stream.model.ModelParamsTable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ThreatScoreTopologyTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private TopologyTestDriver driver;
    private TestInputTopic<String, SecurityEvent> events;
    private TestInputTopic<String, ModelParams> params;
    private TestOutputTopic<String, ThreatScore> scores;

    @BeforeEach
    void setUp() {
        var topics = StreamTopics.withPrefix("");
        var builder = new StreamsBuilder();
        ModelParamsTable.build(builder, topics);
        ThreatScoreTopology.build(
                builder,
                EntityTopology.build(IngestTopology.normalized(builder, topics)).contributions(),
                topics,
                TestProperties.defaults().scoring());
        driver = TopologyDrivers.driver(builder, "scores-test", T0);
        events = TopologyDrivers.input(driver, topics.normalized());
        params = TopologyDrivers.input(driver, topics.modelParams());
        scores = TopologyDrivers.output(driver, topics.scores());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private void pipe(SecurityEvent event) {
        events.pipeInput(event.tenant(), event, event.time());
    }

    @Test
    void aScanRaisesTheAttackersScoreMoreThanTheTargets() {
        for (int i = 0; i < 7; i++) {
            pipe(Events.ids("t", T0.plusSeconds(i), Severity.MEDIUM, "8.42.77.171", "138.68.3.71", 5800 + i));
        }

        var latest = scores.readKeyValuesToMap();
        ThreatScore attacker = latest.get("t/ip/8.42.77.171");
        ThreatScore target = latest.get("t/ip/138.68.3.71");
        // 7 × 5 (medium) × 1.5 (intrusion detection) = 52.5 points, barely decayed over 6 s.
        assertThat(attacker.score()).isBetween(64.0, 65.1);
        assertThat(attacker.level()).isEqualTo(ThreatLevel.MEDIUM);
        assertThat(attacker.lastSeen()).isEqualTo(T0.plusSeconds(6));
        assertThat(attacker.topFactors()).singleElement().satisfies(f -> {
            assertThat(f.category()).isEqualTo("intrusion_detection");
            assertThat(f.signature()).isEqualTo("ET SCAN test");
            assertThat(f.events()).isEqualTo(7);
        });
        assertThat(target.score()).isLessThan(attacker.score());
        assertThat(attacker.version()).isGreaterThan(1);
    }

    @Test
    void emitsOnlyOnLevelChangeOrAStepOfFivePoints() {
        int in = 60;
        for (int i = 0; i < in; i++) {
            pipe(Events.event(
                    "t",
                    T0.plusSeconds(i),
                    "network",
                    "flow",
                    Outcome.UNKNOWN,
                    Severity.LOW,
                    new Entities(null, null, "10.0.0.1", null, null, null, null),
                    "flow"));
        }

        List<ThreatScore> out = scores.readValuesToList();
        assertThat(out.size()).isBetween(5, 20);
        for (int i = 1; i < out.size(); i++) {
            ThreatScore prev = out.get(i - 1);
            ThreatScore cur = out.get(i);
            assertThat(cur.version()).isEqualTo(prev.version() + 1);
            assertThat(cur.previousLevel()).isEqualTo(prev.level());
            assertThat(Math.abs(cur.score() - prev.score()) >= 5 || cur.level() != prev.level())
                    .isTrue();
        }
    }

    @Test
    void levelsFollowTheTenantsThresholdsFromModelParams() {
        params.pipeInput(
                "acme/policy",
                new ModelParams("acme", ModelParams.POLICY, 3, T0, new Thresholds(5, 10, 12), null, null),
                T0);
        pipe(Events.ids("acme", T0, Severity.MEDIUM, "1.1.1.1", null, 22));
        pipe(Events.ids("other", T0, Severity.MEDIUM, "1.1.1.1", null, 22));

        var latest = scores.readKeyValuesToMap();
        assertThat(latest.get("acme/ip/1.1.1.1").level()).isEqualTo(ThreatLevel.CRITICAL);
        assertThat(latest.get("other/ip/1.1.1.1").level()).isEqualTo(ThreatLevel.LOW);
    }

    @Test
    void idleEntitiesDecayAsStreamTimeMovesOn() {
        pipe(Events.ids("t", T0, Severity.HIGH, "6.6.6.6", null, 22));
        ThreatScore before = scores.readValue();
        pipe(Events.ids("t", T0.plus(Duration.ofHours(2)), Severity.LOW, "7.7.7.7", null, 22));

        var latest = scores.readKeyValuesToMap();
        ThreatScore after = latest.get("t/ip/6.6.6.6");
        assertThat(after.score()).isLessThan(before.score() / 2);
        assertThat(after.lastSeen()).isEqualTo(T0);
        assertThat(after.version()).isEqualTo(2);
    }

    @Test
    void informationalEventsDoNotScore() {
        pipe(Events.auth("t", T0, Outcome.SUCCESS, "alice", "10.0.0.3"));
        assertThat(scores.isEmpty()).isTrue();
    }
}
