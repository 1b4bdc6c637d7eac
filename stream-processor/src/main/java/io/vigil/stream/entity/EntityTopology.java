package io.vigil.stream.entity;

import io.vigil.contracts.event.SecurityEvent;
import io.vigil.stream.anomaly.Observation;
import io.vigil.stream.scoring.Contribution;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * One repartition by entity ({@code tenant/type/id}) for everything that keeps per-entity state:
 * the threat scores and the per-subject detectors (a detector subject is a source address or an
 * account, i.e. an entity). Each event crosses the network once per entity it involves, with its
 * score contribution and its observations in one record, and both consumers sit in the same
 * sub-topology, so each record is read and decoded once.
 */
public final class EntityTopology {

    static final String REPARTITION = "entities";

    private EntityTopology() {}

    /** What the scores and the detectors read, both from one repartition of {@code events}. */
    public record EntityStreams(
            KStream<String, Contribution> contributions, KStream<String, Observation> observations) {}

    public static <K> EntityStreams build(KStream<K, SecurityEvent> events) {
        KStream<String, EntityInput> byEntity = events.process(EntityRouter<K>::new, Named.as("entity-route"))
                .repartition(Repartitioned.<String, EntityInput>as(REPARTITION)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(EntityInput.SERDE));
        // Keyed by entity, like the score store.
        KStream<String, Contribution> contributions = byEntity.filter(
                        (entity, input) -> input.score() != null, Named.as("entity-has-score"))
                .mapValues(EntityInput::score, Named.as("entity-score"));
        // Re-keyed by detector subject for the detector's state; the partition is the entity's, and
        // a subject always maps to the same entity, so each subject still lives in one task.
        KStream<String, Observation> observations = byEntity.flatMap(
                (entity, input) -> input.observations().stream()
                        .map(o -> KeyValue.pair(o.subjectKey(), o))
                        .toList(),
                Named.as("entity-observations"));
        return new EntityStreams(contributions, observations);
    }
}
