package io.vigil.stream.config;

import io.vigil.contracts.event.SecurityEvent;
import io.vigil.stream.StreamTopics;
import io.vigil.stream.alert.AlertTopology;
import io.vigil.stream.anomaly.AnomalyTopology;
import io.vigil.stream.entity.EntityTopology;
import io.vigil.stream.ingest.IngestMetrics;
import io.vigil.stream.ingest.IngestTopology;
import io.vigil.stream.metrics.MetricsTopology;
import io.vigil.stream.model.ModelParamsTable;
import io.vigil.stream.scoring.ThreatScoreTopology;
import io.vigil.stream.window.PunctuationLag;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.kstream.KStream;

/**
 * The whole application without Spring: all topologies on one builder, and the Kafka Streams
 * properties. The Spring configuration and the throughput benchmark both use it, so the benchmark
 * measures exactly what runs in production.
 */
public final class VigilTopologies {

    private VigilTopologies() {}

    /**
     * All of Vigil's topologies on one builder, in the order data flows; returns the normalised events
     * as ingest produces them. The wall-clock punctuations report how late they run to {@code punctuationLag}.
     */
    public static KStream<byte[], SecurityEvent> build(
            StreamsBuilder builder,
            StreamTopics topics,
            VigilProperties properties,
            IngestMetrics ingestMetrics,
            PunctuationLag punctuationLag) {
        ModelParamsTable.build(builder, topics);
        var events = IngestTopology.build(builder, topics, properties.ingest(), ingestMetrics);
        // Scores and detectors take the events straight from ingest into one repartition by entity;
        // only the per-tenant metrics read the normalised topic (it is their tenant repartition).
        var byEntity = EntityTopology.build(events);
        ThreatScoreTopology.build(builder, byEntity.contributions(), topics, properties.scoring());
        MetricsTopology.build(builder, topics, properties.metrics(), punctuationLag);
        AnomalyTopology.build(builder, byEntity.observations(), topics, properties.anomaly(), punctuationLag);
        AlertTopology.build(builder, topics, properties.alerts(), punctuationLag);
        return events;
    }

    /** The Kafka Streams properties; shared by the application and the benchmark. */
    public static Map<String, Object> streamsProperties(VigilProperties.Streams s) {
        Map<String, Object> props = new HashMap<>();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, s.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, s.processingGuarantee());
        props.put(StreamsConfig.STATE_DIR_CONFIG, s.stateDir());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, s.numStreamThreads());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, s.numStandbyReplicas());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, s.commitInterval().toMillis());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, s.replicationFactor());
        // Only model.params and alert.commands are read with a typed serde (siem.events is read as
        // bytes and dead-lettered by ingest): a bad record there is logged with its reason and
        // counted in dropped-records, instead of stopping every topology.
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        // Opt in now to what Kafka 5 will do by default (and silence its warning at every start).
        props.put("processing.exception.handler.global.enabled", true);
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, s.cacheMaxBytes());
        props.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.OPTIMIZE);
        // Only the alert task reads several topics (scores, anomalies, commands), and nothing there
        // depends on interleaving them by timestamp: don't wait for empty inputs (the check costs a
        // formatted log message per record; docs/benchmarks.md).
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // Under exactly_once_v2 nothing is visible before the commit, and a commit flushes the producer:
        // lingering until then costs no latency, and fewer, larger batches cost less CPU per record
        // (docs/benchmarks.md). Without transactions records are visible at once: linger briefly.
        boolean exactlyOnce = StreamsConfig.EXACTLY_ONCE_V2.equals(s.processingGuarantee());
        props.put(
                StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG),
                exactlyOnce ? s.commitInterval().toMillis() : 5L);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 64 * 1024);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        // Last: what the operator sets explicitly (TLS, SASL, timeouts, static membership, racks) wins.
        props.putAll(s.properties());
        return props;
    }
}
