package io.vigil.stream.scoring;

import io.vigil.stream.StreamTopics;
import io.vigil.stream.config.VigilProperties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * Score contributions, already partitioned by entity ({@code tenant/type/id}; see
 * {@code entity.EntityTopology}) → threat.scores: folded into a decayed score per entity.
 */
public final class ThreatScoreTopology {

    static final String STORE = "threat-scores";

    private ThreatScoreTopology() {}

    public static void build(
            StreamsBuilder builder,
            KStream<String, Contribution> contributions,
            StreamTopics topics,
            VigilProperties.Scoring config) {
        var model = new ScoringModel(config);
        builder.addStateStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), ScoreState.SERDE)
                        .withCachingEnabled());
        contributions
                .process(() -> new ScoreProcessor(STORE, model, config), Named.as("scores-fold"), STORE)
                .to(
                        topics.scores().name(),
                        Produced.with(
                                        topics.scores().keySerde(),
                                        topics.scores().valueSerde())
                                .withName("scores-sink"));
    }
}
