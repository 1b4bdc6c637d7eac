package io.vigil.contracts.score;

import java.time.Instant;
import java.util.List;

/**
 * The current threat score of one entity, the value of {@code threat.scores} (key:
 * {@link io.vigil.contracts.topic.Keys#entity}).
 *
 * @param tenant tenant
 * @param entityType host, user or ip
 * @param entityId the host name, user name or address
 * @param score 0 to 100
 * @param level level derived from the score with the tenant's thresholds
 * @param previousLevel the level of the previous emitted record (same as level on the first)
 * @param topFactors the largest contributions, largest first
 * @param lastSeen event time of the latest event involving the entity
 * @param updatedAt when this value was computed (stream time)
 * @param version increases by one with every record emitted for this key
 */
public record ThreatScore(
        String tenant,
        EntityType entityType,
        String entityId,
        double score,
        ThreatLevel level,
        ThreatLevel previousLevel,
        List<ScoreFactor> topFactors,
        Instant lastSeen,
        Instant updatedAt,
        long version) {}
