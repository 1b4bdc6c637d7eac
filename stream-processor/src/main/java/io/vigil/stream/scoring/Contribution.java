package io.vigil.stream.scoring;

import io.vigil.contracts.score.EntityType;
import java.time.Instant;

/**
 * What one event adds to one entity's score, computed before the repartition by entity so that
 * only these few fields cross the network, not the whole event.
 */
record Contribution(String tenant, EntityType type, String id, Instant time, String category, String signature,
        double points) {}
