package io.vigil.contracts.model;

import io.vigil.contracts.score.ThreatLevel;

/**
 * Score thresholds that turn a 0-100 score into a level: a score at or above {@code critical} is
 * critical, and so on down to low.
 */
public record Thresholds(double medium, double high, double critical) {

    public static final Thresholds DEFAULT = new Thresholds(40, 70, 90);

    public Thresholds {
        if (!(0 < medium && medium < high && high < critical && critical <= 100)) {
            throw new IllegalArgumentException(
                    "thresholds must satisfy 0 < medium < high < critical <= 100, got %s/%s/%s"
                            .formatted(medium, high, critical));
        }
    }

    public ThreatLevel levelOf(double score) {
        if (score >= critical) return ThreatLevel.CRITICAL;
        if (score >= high) return ThreatLevel.HIGH;
        if (score >= medium) return ThreatLevel.MEDIUM;
        return ThreatLevel.LOW;
    }
}
