package io.vigil.stream.entity;

import io.vigil.contracts.topic.VigilSerdes;
import io.vigil.stream.anomaly.Observation;
import io.vigil.stream.codec.BinaryIn;
import io.vigil.stream.codec.BinaryOut;
import io.vigil.stream.codec.CompactSerde;
import io.vigil.stream.scoring.Contribution;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything one event means for one entity, in one repartition record keyed by the entity: its
 * threat-score contribution (null for informational events) and the detector observations whose
 * subject is this entity (a source address for fan-out and auth bursts, an account for auth bursts).
 */
public record EntityInput(Contribution score, List<Observation> observations) {

    /** Compact binary, for the {@code entities} repartition topic. */
    public static final CompactSerde<EntityInput> SERDE =
            CompactSerde.of(EntityInput::write, EntityInput::read, VigilSerdes.json(EntityInput.class));

    EntityInput withObservation(Observation observation) {
        List<Observation> all = new ArrayList<>(observations.size() + 1);
        all.addAll(observations);
        all.add(observation);
        return new EntityInput(score, all);
    }

    private static void write(EntityInput input, BinaryOut out) {
        out.writeBoolean(input.score != null);
        if (input.score != null) Contribution.write(input.score, out);
        out.writeInt(input.observations.size());
        for (Observation o : input.observations) Observation.write(o, out);
    }

    private static EntityInput read(BinaryIn in) {
        Contribution score = in.readBoolean() ? Contribution.read(in) : null;
        int count = in.readInt();
        List<Observation> observations = new ArrayList<>(count);
        for (int i = 0; i < count; i++) observations.add(Observation.read(in));
        return new EntityInput(score, observations);
    }
}
