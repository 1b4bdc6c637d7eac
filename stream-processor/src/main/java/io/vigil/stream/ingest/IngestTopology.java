package io.vigil.stream.ingest;

import io.vigil.contracts.event.SecurityEvent;
import io.vigil.stream.StreamTopics;
import io.vigil.stream.config.VigilProperties;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * siem.events (bytes in any supported format) → siem.events.normalized (canonical events keyed by
 * tenant, which co-partitions them for the per-tenant metrics) and siem.events.dlq (everything
 * that could not be normalised, byte for byte, with the reason in headers).
 */
public final class IngestTopology {

    private IngestTopology() {}

    /**
     * The normalised events as a stream, for the downstream topologies. Call once per builder: a
     * topic can have only one source in a topology, so all of them share this stream.
     */
    public static KStream<String, SecurityEvent> normalized(StreamsBuilder builder, StreamTopics topics) {
        return builder.stream(
                topics.normalized().name(),
                Consumed.with(
                                topics.normalized().keySerde(),
                                topics.normalized().valueSerde())
                        .withName("normalized-source"));
    }

    /**
     * Adds ingest to the builder and returns the normalised events as ingest produced them (record
     * time = event time), for the per-entity topologies: they repartition by entity anyway, so they
     * take the events from here instead of reading the normalised topic back.
     */
    public static KStream<byte[], SecurityEvent> build(
            StreamsBuilder builder, StreamTopics topics, VigilProperties.Ingest config, IngestMetrics metrics) {
        var normalisation = new Normalisation(
                JsonMapper.builder()
                        .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                        .build(),
                config);
        var results = builder.stream(
                        topics.events().name(),
                        Consumed.with(
                                        topics.events().keySerde(),
                                        topics.events().valueSerde())
                                .withName("ingest-source"))
                .process(() -> new IngestProcessor(normalisation, metrics), Named.as("ingest-normalise"))
                .split(Named.as("ingest-"))
                .branch((key, result) -> result instanceof IngestResult.Normalised, Branched.as("normalised"))
                .defaultBranch(Branched.as("dead-letters"));

        KStream<byte[], SecurityEvent> events = results.get("ingest-normalised")
                .mapValues(result -> ((IngestResult.Normalised) result).event(), Named.as("ingest-events"));
        events.map((key, event) -> KeyValue.pair(event.tenant(), event), Named.as("ingest-key-by-tenant"))
                .to(
                        topics.normalized().name(),
                        Produced.with(
                                        topics.normalized().keySerde(),
                                        topics.normalized().valueSerde())
                                .withName("ingest-normalised-sink"));

        results.get("ingest-dead-letters")
                .mapValues(result -> ((IngestResult.DeadLetter) result).original(), Named.as("ingest-original-bytes"))
                .to(
                        topics.eventsDlq().name(),
                        Produced.with(
                                        topics.eventsDlq().keySerde(),
                                        topics.eventsDlq().valueSerde())
                                .withName("ingest-dlq-sink"));
        return events;
    }
}
