package io.vigil.stream.alert;

import io.vigil.contracts.topic.VigilSerdes;
import io.vigil.stream.StreamTopics;
import io.vigil.stream.config.VigilProperties;
import io.vigil.stream.window.PunctuationLag;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * threat.scores + anomalies + alert.commands → alerts. Triggers and commands are re-keyed by the
 * de-duplication key ({@code tenant/cause/subject}) so that one task owns each alert's state
 * machine; the output is keyed by alert id ({@code tenant/cause/subject#n}).
 */
public final class AlertTopology {

    static final String STATE_STORE = "alerts-state";
    static final String RESOLVED_STORE = "alerts-resolved";
    private static final Logger log = LoggerFactory.getLogger(AlertTopology.class);

    private AlertTopology() {}

    public static void build(StreamsBuilder builder, StreamTopics topics, VigilProperties.Alerts config) {
        build(builder, topics, config, PunctuationLag.untracked());
    }

    public static void build(
            StreamsBuilder builder, StreamTopics topics, VigilProperties.Alerts config, PunctuationLag punctuationLag) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(STATE_STORE), Serdes.String(), VigilSerdes.json(AlertSlot.class))
                .withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(RESOLVED_STORE), Serdes.String(), Serdes.Long())
                .withCachingEnabled());

        KStream<String, AlertInput> fromScores = builder.stream(
                        topics.scores().name(),
                        Consumed.with(
                                        topics.scores().keySerde(),
                                        Serdes.serdeFrom(
                                                topics.scores().valueSerde().serializer(),
                                                new ScoreLevelFilter(topics.scores()
                                                        .valueSerde()
                                                        .deserializer())))
                                .withName("alert-scores-source"))
                .flatMap((key, score) -> single(AlertTriggers.fromScore(key, score)), Named.as("alert-score-triggers"));
        KStream<String, AlertInput> fromAnomalies = builder.stream(
                        topics.anomalies().name(),
                        Consumed.with(
                                        topics.anomalies().keySerde(),
                                        topics.anomalies().valueSerde())
                                .withName("alert-anomalies-source"))
                .flatMap(
                        (key, anomaly) -> single(AlertTriggers.fromAnomaly(key, anomaly)),
                        Named.as("alert-anomaly-triggers"));
        KStream<String, AlertInput> commands = builder.stream(
                        topics.alertCommands().name(),
                        Consumed.with(
                                        topics.alertCommands().keySerde(),
                                        topics.alertCommands().valueSerde())
                                .withName("alert-commands-source"))
                .flatMap(
                        (key, command) -> {
                            String alertId =
                                    command == null ? null : command.alertId() == null ? key : command.alertId();
                            String dedupKey = AlertInput.dedupKeyOf(alertId);
                            if (dedupKey == null) {
                                log.warn("Refused alert command with key {}: '{}' is not an alert id", key, alertId);
                                return java.util.List.of();
                            }
                            return java.util.List.of(KeyValue.pair(dedupKey, AlertInput.of(command)));
                        },
                        Named.as("alert-command-inputs"));

        fromScores
                .merge(fromAnomalies, Named.as("alert-triggers"))
                .merge(commands, Named.as("alert-inputs"))
                .repartition(Repartitioned.<String, AlertInput>as("alert-inputs")
                        .withKeySerde(Serdes.String())
                        .withValueSerde(VigilSerdes.json(AlertInput.class)))
                .process(
                        () -> new AlertProcessor(STATE_STORE, RESOLVED_STORE, config, punctuationLag),
                        Named.as("alert-state-machine"),
                        STATE_STORE,
                        RESOLVED_STORE)
                .to(
                        topics.alerts().name(),
                        Produced.with(
                                        topics.alerts().keySerde(),
                                        topics.alerts().valueSerde())
                                .withName("alerts-sink"));
    }

    private static java.util.List<KeyValue<String, AlertInput>> single(AlertInput.Trigger trigger) {
        return trigger == null
                ? java.util.List.of()
                : java.util.List.of(KeyValue.pair(trigger.dedupKey(), AlertInput.of(trigger)));
    }
}
