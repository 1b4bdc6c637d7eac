package io.vigil.workers;

import io.vigil.contracts.alert.Alert;
import io.vigil.contracts.alert.AlertState;
import io.vigil.contracts.event.Severity;
import io.vigil.contracts.metrics.MetricsWindow;
import io.vigil.contracts.model.Baseline;
import io.vigil.contracts.model.ModelParams;
import io.vigil.contracts.score.EntityType;
import io.vigil.contracts.score.ThreatLevel;
import io.vigil.contracts.score.ThreatScore;
import io.vigil.contracts.topic.Keys;
import io.vigil.contracts.topic.VigilSerdes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Known data for the jobs of one tenant: minute windows whose baselines are known exactly, a
 * previous baseline, score and anomaly alerts, and threat scores.
 */
final class ItSeed {

    static final String TENANT = "acme";
    /** An hour boundary an hour ago: windows at T-1m (4 events) and T (2 events) are final. */
    static final Instant T = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(1, ChronoUnit.HOURS);

    private ItSeed() {}

    static void seed(ItEnvironment env) throws Exception {
        var metrics = VigilSerdes.metricsWindow();
        String metricsTopic = env.topics.metrics();
        Instant w1 = T.minus(1, ChronoUnit.MINUTES);
        // an early, not yet final version of the first window: superseded
        env.produce(
                metricsTopic,
                metrics,
                Keys.metrics(TENANT, "severity", w1),
                new MetricsWindow(TENANT, "severity", w1, T, 1, Map.of("high", 1L), false, 1));
        env.produce(
                metricsTopic,
                metrics,
                Keys.metrics(TENANT, "severity", w1),
                new MetricsWindow(TENANT, "severity", w1, T, 4, Map.of("high", 4L), true, 2));
        env.produce(
                metricsTopic,
                metrics,
                Keys.metrics(TENANT, "severity", T),
                new MetricsWindow(TENANT, "severity", T, T.plusSeconds(60), 2, Map.of("low", 2L), true, 1));
        // a window still open: not used by retraining
        Instant open = T.plus(1, ChronoUnit.MINUTES);
        env.produce(
                metricsTopic,
                metrics,
                Keys.metrics(TENANT, "severity", open),
                new MetricsWindow(TENANT, "severity", open, open.plusSeconds(60), 100, Map.of("low", 100L), false, 1));

        env.produce(
                env.topics.modelParams(),
                VigilSerdes.modelParams(),
                Keys.model(TENANT, ModelParams.BASELINE),
                new ModelParams(
                        TENANT,
                        ModelParams.BASELINE,
                        5,
                        T,
                        null,
                        Map.of(
                                "total/all",
                                new Baseline(
                                        Collections.nCopies(168, 1.0),
                                        Collections.nCopies(168, 0.5),
                                        Collections.nCopies(168, 10))),
                        Map.of()));

        Instant now = Instant.now();
        alert(env, "a1", "score:critical", AlertState.OPEN, null, now);
        alert(env, "a2", "score:high", AlertState.OPEN, null, now);
        alert(env, "a3", "score:critical", AlertState.ACKNOWLEDGED, now, now);
        alert(env, "a4", "anomaly:fan_out", AlertState.OPEN, null, now);

        score(env, EntityType.HOST, "h1", 95);
        score(env, EntityType.IP, "10.0.0.5", 50);
        score(env, EntityType.USER, "bob", 70);
    }

    private static void alert(ItEnvironment env, String id, String cause, AlertState state, Instant ackAt, Instant now)
            throws Exception {
        env.produce(
                env.topics.alerts(),
                VigilSerdes.alert(),
                id,
                new Alert(
                        id,
                        TENANT,
                        state,
                        Severity.HIGH,
                        "acme/host/h1",
                        cause,
                        "title",
                        "description",
                        now.minusSeconds(600),
                        now,
                        1,
                        ackAt == null ? null : "ann",
                        ackAt,
                        null,
                        null,
                        null,
                        1));
    }

    private static void score(ItEnvironment env, EntityType type, String entity, double score) throws Exception {
        env.produce(
                env.topics.scores(),
                VigilSerdes.threatScore(),
                Keys.entity(TENANT, type, entity),
                new ThreatScore(
                        TENANT,
                        type,
                        entity,
                        score,
                        ThreatLevel.LOW,
                        ThreatLevel.LOW,
                        List.of(),
                        Instant.now(),
                        Instant.now(),
                        1));
    }
}
