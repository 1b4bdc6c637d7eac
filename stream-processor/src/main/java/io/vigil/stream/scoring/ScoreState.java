package io.vigil.stream.scoring;

import io.vigil.contracts.score.EntityType;
import io.vigil.contracts.score.ThreatLevel;
import java.time.Instant;
import java.util.Map;

/**
 * The stored state of one entity's score: decayed points per category as of {@code asOf}, and what
 * was last emitted (to decide whether a change is worth emitting).
 */
record ScoreState(
        String tenant,
        EntityType type,
        String id,
        Instant asOf,
        Map<String, Factor> factors,
        Instant lastSeen,
        double lastScore,
        ThreatLevel lastLevel,
        long version) {

    /**
     * Decayed points of one category, with the signature that contributed the most (its decayed
     * weight kept alongside, so a bigger newcomer can replace it).
     */
    record Factor(double points, String signature, double signaturePoints, long events) {}

    double totalPoints() {
        double sum = 0;
        for (Factor factor : factors.values()) sum += factor.points();
        return sum;
    }
}
