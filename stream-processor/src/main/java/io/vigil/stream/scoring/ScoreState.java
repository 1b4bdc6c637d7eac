package io.vigil.stream.scoring;

import io.vigil.contracts.score.EntityType;
import io.vigil.contracts.score.ThreatLevel;
import io.vigil.contracts.topic.VigilSerdes;
import io.vigil.stream.codec.BinaryIn;
import io.vigil.stream.codec.BinaryOut;
import io.vigil.stream.codec.CompactSerde;
import java.time.Instant;
import java.util.HashMap;
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

    /** Compact binary, for the store and its changelog (JSON values written before still read). */
    static final CompactSerde<ScoreState> SERDE =
            CompactSerde.of(ScoreState::write, ScoreState::read, VigilSerdes.json(ScoreState.class));

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

    private static void write(ScoreState s, BinaryOut out) {
        out.writeString(s.tenant);
        out.writeEnum(s.type);
        out.writeString(s.id);
        out.writeInstant(s.asOf);
        out.writeInt(s.factors.size());
        s.factors.forEach((category, f) -> {
            out.writeString(category);
            out.writeDouble(f.points());
            out.writeString(f.signature());
            out.writeDouble(f.signaturePoints());
            out.writeLong(f.events());
        });
        out.writeInstant(s.lastSeen);
        out.writeDouble(s.lastScore);
        out.writeEnum(s.lastLevel);
        out.writeLong(s.version);
    }

    private static ScoreState read(BinaryIn in) {
        String tenant = in.readString();
        EntityType type = in.readEnum(EntityType.class);
        String id = in.readString();
        Instant asOf = in.readInstant();
        int size = in.readInt();
        Map<String, Factor> factors = new HashMap<>(size + 2);
        for (int i = 0; i < size; i++) {
            factors.put(in.readString(), new Factor(in.readDouble(), in.readString(), in.readDouble(), in.readLong()));
        }
        return new ScoreState(
                tenant,
                type,
                id,
                asOf,
                factors,
                in.readInstant(),
                in.readDouble(),
                in.readEnum(ThreatLevel.class),
                in.readLong());
    }
}
