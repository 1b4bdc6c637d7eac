package io.vigil.stream.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.contracts.alert.Alert;
import io.vigil.contracts.alert.AlertAction;
import io.vigil.contracts.alert.AlertCommand;
import io.vigil.contracts.alert.AlertState;
import io.vigil.contracts.anomaly.Anomaly;
import io.vigil.contracts.event.Severity;
import io.vigil.contracts.score.EntityType;
import io.vigil.contracts.score.ScoreFactor;
import io.vigil.contracts.score.ThreatLevel;
import io.vigil.contracts.score.ThreatScore;
import io.vigil.contracts.topic.Keys;
import io.vigil.stream.StreamTopics;
import io.vigil.stream.TestProperties;
import io.vigil.stream.TopologyDrivers;
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

class AlertTopologyTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final String SCORE_KEY = "t/ip/1.2.3.4";
    static final String ALERT_1 = Keys.alert(Keys.alertSeries("t", "score", "ip/1.2.3.4"), 1);

    private TopologyTestDriver driver;
    private TestInputTopic<String, ThreatScore> scores;
    private TestInputTopic<String, Anomaly> anomalies;
    private TestInputTopic<String, AlertCommand> commands;
    private TestOutputTopic<String, Alert> alerts;

    @BeforeEach
    void setUp() {
        var topics = StreamTopics.withPrefix("");
        var builder = new StreamsBuilder();
        AlertTopology.build(builder, topics, TestProperties.defaults().alerts());
        driver = TopologyDrivers.driver(builder, "alert-test", T0);
        scores = TopologyDrivers.input(driver, topics.scores());
        anomalies = TopologyDrivers.input(driver, topics.anomalies());
        commands = TopologyDrivers.input(driver, topics.alertCommands());
        alerts = TopologyDrivers.output(driver, topics.alerts());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private void score(double value, ThreatLevel level, ThreatLevel previous, long version) {
        scores.pipeInput(
                SCORE_KEY,
                new ThreatScore(
                        "t",
                        EntityType.IP,
                        "1.2.3.4",
                        value,
                        level,
                        previous,
                        List.of(new ScoreFactor("intrusion_detection", "ET SCAN", value, 3)),
                        T0,
                        T0,
                        version),
                T0);
    }

    private void command(String tenant, AlertAction action, String alertId) {
        commands.pipeInput(
                alertId,
                new AlertCommand(
                        "c-" + System.nanoTime(), alertId, tenant, action, "ana", T0.plusSeconds(60), "looked at it"));
    }

    @Test
    void aHighScoreOpensOneAlertThatEscalatesInsteadOfDuplicating() {
        score(50, ThreatLevel.MEDIUM, ThreatLevel.MEDIUM, 1);
        score(72, ThreatLevel.HIGH, ThreatLevel.MEDIUM, 2);
        score(78, ThreatLevel.HIGH, ThreatLevel.HIGH, 3);
        score(93, ThreatLevel.CRITICAL, ThreatLevel.HIGH, 4);

        var out = alerts.readKeyValuesToList();
        assertThat(out).extracting(kv -> kv.key).containsExactly(ALERT_1, ALERT_1);
        Alert opened = out.get(0).value;
        assertThat(opened.state()).isEqualTo(AlertState.OPEN);
        assertThat(opened.severity()).isEqualTo(Severity.HIGH);
        assertThat(opened.cause()).isEqualTo("score:high");
        assertThat(opened.subject()).isEqualTo("ip/1.2.3.4");
        assertThat(opened.description()).contains("72.0", "intrusion_detection");
        Alert escalated = out.get(1).value;
        assertThat(escalated.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(escalated.cause()).isEqualTo("score:critical");
        assertThat(escalated.occurrences()).isEqualTo(2);
        assertThat(escalated.version()).isEqualTo(2);
    }

    @Test
    void commandsDriveOpenAcknowledgedResolvedAndResolvedAlertsAreTombstoned() {
        score(72, ThreatLevel.HIGH, ThreatLevel.MEDIUM, 2);
        alerts.readValue();

        command("other-tenant", AlertAction.ACKNOWLEDGE, ALERT_1);
        command("t", AlertAction.ACKNOWLEDGE, Keys.alert(Keys.alertSeries("t", "score", "ip/1.2.3.4"), 7));
        command("t", AlertAction.ACKNOWLEDGE, "not-an-alert-id");
        assertThat(alerts.isEmpty()).as("refused commands change nothing").isTrue();

        command("t", AlertAction.ACKNOWLEDGE, ALERT_1);
        Alert acknowledged = alerts.readValue();
        assertThat(acknowledged.state()).isEqualTo(AlertState.ACKNOWLEDGED);
        assertThat(acknowledged.acknowledgedBy()).isEqualTo("ana");
        assertThat(acknowledged.note()).isEqualTo("looked at it");
        command("t", AlertAction.ACKNOWLEDGE, ALERT_1);
        assertThat(alerts.isEmpty()).isTrue();

        command("t", AlertAction.RESOLVE, ALERT_1);
        Alert resolved = alerts.readValue();
        assertThat(resolved.state()).isEqualTo(AlertState.RESOLVED);
        assertThat(resolved.resolvedBy()).isEqualTo("ana");
        assertThat(resolved.version()).isEqualTo(3);

        score(95, ThreatLevel.CRITICAL, ThreatLevel.HIGH, 3);
        var reopened = alerts.readKeyValue();
        assertThat(reopened.key).isEqualTo(Keys.alert(Keys.alertSeries("t", "score", "ip/1.2.3.4"), 2));
        assertThat(reopened.value.state()).isEqualTo(AlertState.OPEN);

        driver.advanceWallClockTime(Duration.ofHours(24).plusMinutes(2));
        var tombstone = alerts.readKeyValue();
        assertThat(tombstone.key).isEqualTo(ALERT_1);
        assertThat(tombstone.value).isNull();
        assertThat(alerts.isEmpty()).isTrue();
    }

    @Test
    void severeAnomaliesRaiseAlertsOncePerWindow() {
        String key = "t/fan_out/ip/8.8.8.8/2026-11-22T10:00:00Z";
        anomalies.pipeInput("t/fan_out/ip/9.9.9.9/x", anomaly("ip/9.9.9.9", Severity.MEDIUM, 1));
        anomalies.pipeInput(key, anomaly("ip/8.8.8.8", Severity.HIGH, 1));
        anomalies.pipeInput(key, anomaly("ip/8.8.8.8", Severity.HIGH, 2));
        anomalies.pipeInput(key.replace("10:00", "10:01"), anomaly("ip/8.8.8.8", Severity.HIGH, 1));

        var out = alerts.readValuesToList();
        assertThat(out).hasSize(2);
        assertThat(out.get(0).id()).isEqualTo(Keys.alert(Keys.alertSeries("t", "fan_out", "ip/8.8.8.8"), 1));
        assertThat(out.get(0).cause()).isEqualTo("anomaly:fan_out");
        assertThat(out.get(1).occurrences()).isEqualTo(2);
    }

    private static Anomaly anomaly(String subject, Severity severity, long version) {
        return new Anomaly(
                "t", "fan_out", subject, T0, T0.plusSeconds(60), 40, 5, 8, severity, "many ports", T0, version);
    }
}
