package io.vigil.stream;

import io.vigil.contracts.alert.Alert;
import io.vigil.contracts.alert.AlertCommand;
import io.vigil.contracts.anomaly.Anomaly;
import io.vigil.contracts.event.SecurityEvent;
import io.vigil.contracts.metrics.MetricsWindow;
import io.vigil.contracts.model.ModelParams;
import io.vigil.contracts.score.ThreatScore;
import io.vigil.contracts.topic.Topic;
import io.vigil.contracts.topic.TopicNames;
import io.vigil.contracts.topic.VigilSerdes;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The topics the stream processor reads and writes, each declared once with its serdes. Names come
 * from configuration ({@code vigil.topics.*}); {@code normalized} is this module's own topic (see
 * docs/stream-processor.md).
 */
public record StreamTopics(
        Topic<byte[], byte[]> events,
        Topic<byte[], byte[]> eventsDlq,
        Topic<String, SecurityEvent> normalized,
        Topic<String, ThreatScore> scores,
        Topic<String, MetricsWindow> metrics,
        Topic<String, Anomaly> anomalies,
        Topic<String, Alert> alerts,
        Topic<String, AlertCommand> alertCommands,
        Topic<String, ModelParams> modelParams) {

    public static final String NORMALIZED_DEFAULT = "siem.events.normalized";

    public static StreamTopics of(TopicNames names, String normalized) {
        return new StreamTopics(
                new Topic<>(names.events(), Serdes.ByteArray(), Serdes.ByteArray()),
                new Topic<>(names.eventsDlq(), Serdes.ByteArray(), Serdes.ByteArray()),
                new Topic<>(normalized, Serdes.String(), VigilSerdes.securityEvent()),
                new Topic<>(names.scores(), Serdes.String(), VigilSerdes.threatScore()),
                new Topic<>(names.metrics(), Serdes.String(), VigilSerdes.metricsWindow()),
                new Topic<>(names.anomalies(), Serdes.String(), VigilSerdes.anomaly()),
                new Topic<>(names.alerts(), Serdes.String(), VigilSerdes.alert()),
                new Topic<>(names.alertCommands(), Serdes.String(), VigilSerdes.alertCommand()),
                new Topic<>(names.modelParams(), Serdes.String(), VigilSerdes.modelParams()));
    }

    /** The contract's default names, with a prefix (tests) or without (prefix ""). */
    public static StreamTopics withPrefix(String prefix) {
        return of(TopicNames.DEFAULTS.withPrefix(prefix), prefix + NORMALIZED_DEFAULT);
    }
}
