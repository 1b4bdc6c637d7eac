package io.vigil.stream.scoring;

import io.vigil.contracts.score.EntityType;
import io.vigil.stream.codec.BinaryIn;
import io.vigil.stream.codec.BinaryOut;
import java.time.Instant;

/**
 * What one event adds to one entity's score, computed before the repartition by entity so that
 * only these few fields cross the network, not the whole event (inside {@code entity.EntityInput}).
 */
public record Contribution(
        String tenant, EntityType type, String id, Instant time, String category, String signature, double points) {

    /** Writes the fields in the compact format (also embedded in the entity repartition records). */
    public static void write(Contribution c, BinaryOut out) {
        out.writeString(c.tenant);
        out.writeEnum(c.type);
        out.writeString(c.id);
        out.writeInstant(c.time);
        out.writeString(c.category);
        out.writeString(c.signature);
        out.writeDouble(c.points);
    }

    public static Contribution read(BinaryIn in) {
        return new Contribution(
                in.readString(),
                in.readEnum(EntityType.class),
                in.readString(),
                in.readInstant(),
                in.readString(),
                in.readString(),
                in.readDouble());
    }
}
