package io.vigil.gateway.bridge;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vigil.gateway.config.GatewayProperties;
import io.vigil.gateway.state.StateStore;
import io.vigil.gateway.stream.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Kafka to RabbitMQ bridge. One consumer group across all gateway instances reads the compacted
 * topics, so each record is published to RabbitMQ once and RabbitMQ fans it out to subscribers on
 * every instance. For each batch: latest state and history go to Redis first (so a snapshot never
 * lags what clients have seen live), then everything is published with confirms; the offsets are
 * committed only after that, and a failure retries the batch.
 */
@Component
class KafkaBridge {

    private static final Logger log = LoggerFactory.getLogger(KafkaBridge.class);

    private final Map<String, Kind> kinds;
    private final StateStore state;
    private final LivePublisher publisher;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final Timer latency;

    KafkaBridge(
            StateStore state,
            LivePublisher publisher,
            JsonMapper json,
            GatewayProperties properties,
            MeterRegistry meters) {
        GatewayProperties.Topics topics = properties.topics();
        this.kinds = Map.of(
                topics.scores(), Kind.SCORES,
                topics.metrics(), Kind.METRICS,
                topics.anomalies(), Kind.ANOMALIES,
                topics.alerts(), Kind.ALERTS);
        this.state = state;
        this.publisher = publisher;
        this.json = json;
        this.meters = meters;
        this.latency = Timer.builder("vigil.bridge.latency")
                .description("Record timestamp (event/stream time) to confirmed publish on RabbitMQ")
                .publishPercentileHistogram()
                .register(meters);
    }

    /** The topics the bridge reads and their kinds (also what a rebuild reads). */
    Map<String, Kind> kinds() {
        return kinds;
    }

    /** The topics the bridge reads, for the listener annotation. */
    public String[] topics() {
        return kinds.keySet().toArray(String[]::new);
    }

    @KafkaListener(
            id = "vigil-bridge",
            idIsGroup = false, // the group is spring.kafka.consumer.group-id, shared by all instances
            topics = "#{__listener.topics()}",
            batch = "true",
            autoStartup = "${vigil.bridge.enabled:true}")
    void onBatch(List<ConsumerRecord<String, String>> records) {
        List<BridgedRecord> accepted = new ArrayList<>(records.size());
        for (ConsumerRecord<String, String> record : records) {
            Kind kind = kinds.get(record.topic());
            try {
                BridgedRecord decoded = BridgedRecord.decode(kind, record, json);
                accepted.add(decoded.withEntry(
                        state.apply(decoded.topic(), decoded.entry(), decoded.keep(), decoded.timestamp())));
            } catch (BridgedRecord.Rejected e) {
                // never silent: logged with its coordinates and counted by reason
                log.warn(
                        "Not bridged: {}-{}@{} key={}: {}",
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        record.key(),
                        e.getMessage());
                Counter.builder("vigil.bridge.rejected")
                        .tag("reason", e.reason)
                        .register(meters)
                        .increment();
            }
        }
        if (accepted.isEmpty()) {
            return;
        }
        publisher.publish(accepted);
        long now = System.currentTimeMillis();
        for (BridgedRecord record : accepted) {
            if (record.timestamp() > 0) {
                latency.record(Duration.ofMillis(Math.max(0, now - record.timestamp())));
            }
            Counter.builder("vigil.bridge.published")
                    .tag("kind", record.topic().kind().id())
                    .register(meters)
                    .increment();
        }
    }
}
