package io.vigil.stream.metrics;

import io.vigil.stream.StreamTopics;
import io.vigil.stream.config.VigilProperties;
import io.vigil.stream.window.PunctuationLag;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * siem.events.normalized (keyed by tenant, so no repartition is needed) → metrics.minute: one record
 * per tenant, dimension and minute, provisional while the window is open, then {@code final: true}.
 * The metrics are the only reader of the normalised topic, and read only the fields they count
 * ({@link MetricsEvent}).
 */
public final class MetricsTopology {

    static final String STORE = "metrics-minute";

    private MetricsTopology() {}

    public static void build(StreamsBuilder builder, StreamTopics topics, VigilProperties.Metrics config) {
        build(builder, topics, config, PunctuationLag.untracked());
    }

    public static void build(
            StreamsBuilder builder,
            StreamTopics topics,
            VigilProperties.Metrics config,
            PunctuationLag punctuationLag) {
        builder.addStateStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE), Serdes.String(), Serdes.Long())
                        .withCachingEnabled());
        builder.stream(
                        topics.normalized().name(),
                        Consumed.with(topics.normalized().keySerde(), MetricsEvent.SERDE)
                                .withName("metrics-source"))
                .process(() -> new MetricsProcessor(STORE, config, punctuationLag), Named.as("metrics-count"), STORE)
                .to(
                        topics.metrics().name(),
                        Produced.with(
                                        topics.metrics().keySerde(),
                                        topics.metrics().valueSerde())
                                .withName("metrics-sink"));
    }
}
