package io.vigil.contracts.topic;

/**
 * The names of Vigil's Kafka topics. Defaults match infra/kafka/topics.conf; each service binds
 * its own from configuration ({@code vigil.topics.*}) so a test can use fresh topics.
 */
public record TopicNames(
        String events,
        String eventsDlq,
        String scores,
        String metrics,
        String anomalies,
        String alerts,
        String alertCommands,
        String modelParams) {

    public static final TopicNames DEFAULTS = new TopicNames(
            "siem.events",
            "siem.events.dlq",
            "threat.scores",
            "metrics.minute",
            "anomalies",
            "alerts",
            "alert.commands",
            "model.params");

    /** The same names with a prefix, for tests that need topics of their own. */
    public TopicNames withPrefix(String prefix) {
        return new TopicNames(
                prefix + events,
                prefix + eventsDlq,
                prefix + scores,
                prefix + metrics,
                prefix + anomalies,
                prefix + alerts,
                prefix + alertCommands,
                prefix + modelParams);
    }
}
