package io.vigil.contracts.topic;

import io.vigil.contracts.alert.Alert;
import io.vigil.contracts.alert.AlertCommand;
import io.vigil.contracts.anomaly.Anomaly;
import io.vigil.contracts.event.SecurityEvent;
import io.vigil.contracts.metrics.MetricsWindow;
import io.vigil.contracts.model.ModelParams;
import io.vigil.contracts.score.ThreatScore;
import org.apache.kafka.common.serialization.Serde;
import org.springframework.kafka.support.serializer.JacksonJsonSerde;

/**
 * JSON serdes for Vigil's record types, built on spring-kafka's Jackson 3 serde. Type headers are
 * off: every topic carries exactly one value type, and producers in other languages must not need
 * Java class names.
 */
public final class VigilSerdes {

    private VigilSerdes() {}

    public static <T> Serde<T> json(Class<T> type) {
        JacksonJsonSerde<T> serde = new JacksonJsonSerde<>(type);
        serde.serializer().setAddTypeInfo(false);
        serde.deserializer().setUseTypeHeaders(false);
        serde.deserializer().ignoreTypeHeaders();
        return serde;
    }

    public static Serde<SecurityEvent> securityEvent() {
        return json(SecurityEvent.class);
    }

    public static Serde<ThreatScore> threatScore() {
        return json(ThreatScore.class);
    }

    public static Serde<MetricsWindow> metricsWindow() {
        return json(MetricsWindow.class);
    }

    public static Serde<Anomaly> anomaly() {
        return json(Anomaly.class);
    }

    public static Serde<Alert> alert() {
        return json(Alert.class);
    }

    public static Serde<AlertCommand> alertCommand() {
        return json(AlertCommand.class);
    }

    public static Serde<ModelParams> modelParams() {
        return json(ModelParams.class);
    }
}
