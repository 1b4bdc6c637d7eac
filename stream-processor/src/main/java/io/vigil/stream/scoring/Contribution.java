package io.vigil.stream.scoring;

import io.vigil.contracts.score.EntityType;
import io.vigil.contracts.topic.VigilSerdes;
import io.vigil.stream.codec.CompactSerde;
import java.time.Instant;

/**
 * What one event adds to one entity's score, computed before the repartition by entity so that
 * only these few fields cross the network, not the whole event.
 */
record Contribution(
        String tenant, EntityType type, String id, Instant time, String category, String signature, double points) {

    /** Compact binary, for the repartition topic (JSON values written before still read). */
    static final CompactSerde<Contribution> SERDE = CompactSerde.of(
            (c, out) -> {
                out.writeString(c.tenant);
                out.writeEnum(c.type);
                out.writeString(c.id);
                out.writeInstant(c.time);
                out.writeString(c.category);
                out.writeString(c.signature);
                out.writeDouble(c.points);
            },
            in -> new Contribution(
                    in.readString(),
                    in.readEnum(EntityType.class),
                    in.readString(),
                    in.readInstant(),
                    in.readString(),
                    in.readString(),
                    in.readDouble()),
            VigilSerdes.json(Contribution.class));
}
