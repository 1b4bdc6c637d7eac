package io.vigil.stream.alert;

import io.vigil.contracts.anomaly.Anomaly;
import io.vigil.contracts.event.Severity;
import io.vigil.contracts.score.ThreatLevel;
import io.vigil.contracts.score.ThreatScore;
import java.util.Locale;
import java.util.stream.Collectors;

/** Decides which scores and anomalies raise alerts, and describes them for people. */
final class AlertTriggers {

    private AlertTriggers() {}

    /** A score raises an alert when it first reaches high or critical (or starts there). */
    static AlertInput.Trigger fromScore(String key, ThreatScore score) {
        if (score == null || score.level().compareTo(ThreatLevel.HIGH) < 0) return null;
        boolean rose = score.version() == 1 || score.level().compareTo(score.previousLevel()) > 0;
        if (!rose) return null;
        String subject = score.entityType().keyPart() + "/" + score.entityId();
        Severity severity = score.level() == ThreatLevel.CRITICAL ? Severity.CRITICAL : Severity.HIGH;
        String factors = score.topFactors().stream()
                .map(f -> String.format(Locale.ROOT, "%s (%s, %.1f)", f.category(), f.signature(), f.contribution()))
                .collect(Collectors.joining(", "));
        return new AlertInput.Trigger(
                score.tenant(),
                "score",
                "score:" + score.level().name().toLowerCase(),
                subject,
                severity,
                "%s %s reached %s threat level"
                        .formatted(
                                score.entityType().keyPart(),
                                score.entityId(),
                                score.level().name().toLowerCase()),
                String.format(
                        Locale.ROOT,
                        "Score %.1f (%s, was %s). Top factors: %s",
                        score.score(),
                        score.level(),
                        score.previousLevel(),
                        factors.isEmpty() ? "none" : factors),
                score.updatedAt(),
                key + "@" + score.version());
    }

    /** A high or critical anomaly raises an alert; each anomaly window counts once. */
    static AlertInput.Trigger fromAnomaly(String key, Anomaly anomaly) {
        if (anomaly == null || !anomaly.severity().atLeast(Severity.HIGH)) return null;
        return new AlertInput.Trigger(
                anomaly.tenant(),
                anomaly.detector(),
                "anomaly:" + anomaly.detector(),
                anomaly.subject(),
                anomaly.severity(),
                "%s on %s".formatted(anomaly.detector().replace('_', ' '), anomaly.subject()),
                anomaly.reason(),
                anomaly.detectedAt(),
                key);
    }
}
