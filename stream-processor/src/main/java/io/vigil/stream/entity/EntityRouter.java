package io.vigil.stream.entity;

import io.vigil.contracts.event.SecurityEvent;
import io.vigil.stream.anomaly.Observation;
import io.vigil.stream.scoring.Contribution;
import io.vigil.stream.scoring.ScoringModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Turns one canonical event into one {@link EntityInput} per entity it involves, keyed by entity.
 * The records leave without the input's headers: nothing downstream reads them, and they would
 * cross the repartition topic with every record.
 */
final class EntityRouter<K> implements Processor<K, SecurityEvent, String, EntityInput> {

    private ProcessorContext<String, EntityInput> context;

    @Override
    public void init(ProcessorContext<String, EntityInput> context) {
        this.context = context;
    }

    @Override
    public void process(Record<K, SecurityEvent> record) {
        if (record.value() == null) return;
        route(record.value()).forEach((key, input) -> context.forward(new Record<>(key, input, record.timestamp())));
    }

    static Map<String, EntityInput> route(SecurityEvent event) {
        Map<String, EntityInput> byEntity = new LinkedHashMap<>(8);
        for (KeyValue<String, Contribution> c : ScoringModel.contributions(event)) {
            byEntity.put(c.key, new EntityInput(c.value, List.of()));
        }
        for (Observation o : Observation.of(event)) {
            byEntity.merge(
                    o.entityKey(), new EntityInput(null, List.of(o)), (existing, added) -> existing.withObservation(o));
        }
        return byEntity;
    }
}
