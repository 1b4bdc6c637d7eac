package io.vigil.workers.kafka;

import io.vigil.contracts.model.ModelParams;
import io.vigil.contracts.topic.Keys;
import io.vigil.contracts.topic.TopicNames;
import io.vigil.contracts.topic.VigilSerdes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * The {@code model.params} topic as the jobs see it: the current parameters of a tenant's model
 * (compacted view) and the publication of new ones, acknowledged by all in-sync replicas before a
 * job reports DONE.
 */
@Component
public class ModelParamsStore implements DisposableBean {

    private final TopicReader reader;
    private final TopicNames topics;
    private final Serde<ModelParams> serde = VigilSerdes.modelParams();
    private final KafkaProducer<String, ModelParams> producer;

    ModelParamsStore(TopicReader reader, TopicNames topics, KafkaProperties kafka) {
        this.reader = reader;
        this.topics = topics;
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), serde.serializer());
    }

    /** The current parameters of every tenant for one model, by tenant. */
    public Map<String, ModelParams> current(String model) {
        Map<String, ModelParams> byTenant = new HashMap<>();
        reader.latestByKey(topics.modelParams(), serde.deserializer()).forEach((key, params) -> {
            if (model.equals(params.model())) byTenant.put(params.tenant(), params);
        });
        return byTenant;
    }

    public Optional<ModelParams> current(String tenant, String model) {
        return Optional.ofNullable(current(model).get(tenant));
    }

    public void publish(ModelParams params) throws Exception {
        producer.send(new ProducerRecord<>(topics.modelParams(), Keys.model(params.tenant(), params.model()), params))
                .get(30, TimeUnit.SECONDS);
    }

    @Override
    public void destroy() {
        producer.close();
    }
}
