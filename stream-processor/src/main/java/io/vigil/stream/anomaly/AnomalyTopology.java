package io.vigil.stream.anomaly;

import io.vigil.stream.StreamTopics;
import io.vigil.stream.config.VigilProperties;
import io.vigil.stream.window.PunctuationLag;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * → anomalies, from two inputs: metrics.minute for rate spikes (the counts are already there, so
 * nothing is counted twice), and the events' observations, partitioned by entity and keyed by
 * subject (see {@code entity.EntityTopology}), for fan-out and authentication bursts.
 */
public final class AnomalyTopology {

    static final String RATE_STORE = "anomaly-rate-spikes";
    static final String ACCESS_STORE = "anomaly-access-patterns";

    private AnomalyTopology() {}

    public static void build(
            StreamsBuilder builder,
            KStream<String, Observation> observations,
            StreamTopics topics,
            VigilProperties.Anomaly config) {
        build(builder, observations, topics, config, PunctuationLag.untracked());
    }

    public static void build(
            StreamsBuilder builder,
            KStream<String, Observation> observations,
            StreamTopics topics,
            VigilProperties.Anomaly config,
            PunctuationLag punctuationLag) {
        builder.addStateStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(RATE_STORE), Serdes.String(), Serdes.Long())
                        .withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(ACCESS_STORE), Serdes.String(), AccessWindow.SERDE)
                .withCachingEnabled());
        var produced =
                Produced.with(topics.anomalies().keySerde(), topics.anomalies().valueSerde());

        builder.stream(
                        topics.metrics().name(),
                        Consumed.with(
                                        topics.metrics().keySerde(),
                                        topics.metrics().valueSerde())
                                .withName("rate-spike-source"))
                .process(() -> new RateSpikeProcessor(RATE_STORE, config), Named.as("rate-spike-detect"), RATE_STORE)
                .to(topics.anomalies().name(), produced.withName("rate-spike-sink"));

        observations
                .process(
                        () -> new AccessPatternProcessor(ACCESS_STORE, config, punctuationLag),
                        Named.as("access-detect"),
                        ACCESS_STORE)
                .to(
                        topics.anomalies().name(),
                        Produced.with(
                                        topics.anomalies().keySerde(),
                                        topics.anomalies().valueSerde())
                                .withName("access-sink"));
    }
}
