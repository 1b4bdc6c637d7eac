package io.vigil.stream.config;

import io.vigil.contracts.topic.TopicNames;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Everything the stream processor can be told, bound from {@code vigil.*} in application.yml. Each
 * nested record is handed to the one topology it configures.
 */
@Validated
@ConfigurationProperties("vigil")
public record VigilProperties(
        @Valid @NotNull @DefaultValue Topics topics,
        @Valid @NotNull @DefaultValue Streams streams,
        @Valid @NotNull @DefaultValue Ingest ingest,
        @Valid @NotNull @DefaultValue Scoring scoring,
        @Valid @NotNull @DefaultValue Metrics metrics,
        @Valid @NotNull @DefaultValue Anomaly anomaly,
        @Valid @NotNull @DefaultValue Alerts alerts) {

    /** Topic names; defaults are the contract's ({@link TopicNames#DEFAULTS}). */
    public record Topics(
            @NotBlank @DefaultValue("siem.events") String events,
            @NotBlank @DefaultValue("siem.events.dlq") String eventsDlq,

            @NotBlank @DefaultValue("siem.events.normalized")
            String normalized,

            @NotBlank @DefaultValue("threat.scores") String scores,
            @NotBlank @DefaultValue("metrics.minute") String metrics,
            @NotBlank @DefaultValue("anomalies") String anomalies,
            @NotBlank @DefaultValue("alerts") String alerts,
            @NotBlank @DefaultValue("alert.commands") String alertCommands,
            @NotBlank @DefaultValue("model.params") String modelParams) {

        public TopicNames names() {
            return new TopicNames(events, eventsDlq, scores, metrics, anomalies, alerts, alertCommands, modelParams);
        }
    }

    /** Kafka Streams settings that matter for operations. */
    public record Streams(
            @NotBlank @DefaultValue("vigil-stream-processor")
            String applicationId,

            @NotBlank @DefaultValue("127.0.0.1:9092") String bootstrapServers,
            @NotBlank @DefaultValue("/tmp/vigil-streams") String stateDir,
            @Min(1) @DefaultValue("1") int numStreamThreads,
            @Min(0) @DefaultValue("0") int numStandbyReplicas,
            @NotNull @DefaultValue("200ms") Duration commitInterval,
            @NotBlank @DefaultValue("exactly_once_v2") String processingGuarantee,
            @Min(1) @DefaultValue("1") int replicationFactor,
            @Min(0) @DefaultValue("33554432") long cacheMaxBytes,

            @NotNull @DurationMin(millis = 100) @DefaultValue("5s")
            Duration threadCheckInterval,

            @NotNull @DefaultValue Map<@NotBlank String, @NotNull String> properties) {

        /**
         * {@code properties}: any Kafka Streams, consumer, producer or admin setting (TLS, SASL,
         * {@code session.timeout.ms}, {@code group.instance.id}, {@code client.rack}, ...), merged
         * last, so it overrides what the keys above and the fixed settings set.
         */
        public Streams {
            properties = properties == null ? Map.of() : Map.copyOf(properties);
        }
    }

    /** Ingest and normalisation. */
    public record Ingest(
            @NotBlank @DefaultValue("default") String defaultTenant,
            @Positive @DefaultValue("1048576") int maxRecordBytes,
            @NotNull @DefaultValue("2000-01-01T00:00:00Z") Instant earliestEventTime,
            @NotNull @DefaultValue("1h") Duration maxClockSkew) {}

    /** Threat score model (see docs/stream-processor.md, "Scoring model"). */
    public record Scoring(
            @NotNull @DefaultValue("1h") Duration halfLife,
            @DecimalMin("1") @DefaultValue("50") double scale,
            @DecimalMin("0.1") @DefaultValue("5") double emitStep,
            @Min(1) @Max(10) @DefaultValue("3") int topFactors,
            @NotNull @DefaultValue("7d") Duration idleRetention,
            @NotNull @DefaultValue("1m") Duration decayInterval) {}

    /** One-minute metrics. */
    public record Metrics(
            @NotNull @DefaultValue("10s") Duration grace,
            @NotNull @DefaultValue("1s") Duration emitInterval,
            @Min(1) @DefaultValue("10") int topTalkers) {}

    /** Windowed anomaly detectors. */
    public record Anomaly(
            @NotNull @DefaultValue("1m") Duration window,
            @NotNull @DefaultValue("10s") Duration grace,
            @DecimalMin("1") @DefaultValue("4") double zThreshold,
            @Min(1) @DefaultValue("20") long minSpikeCount,
            @DecimalMin("0") @DefaultValue("10") double coldStartMean,
            @DecimalMin("0.1") @DefaultValue("5") double coldStartStddev,
            @Min(2) @DefaultValue("5") int fanOutPorts,
            @Min(2) @DefaultValue("10") int fanOutHosts,
            @Min(2) @DefaultValue("10") int authFailures) {}

    /** Alerts. */
    public record Alerts(
            @NotNull @DefaultValue("24h") Duration resolvedRetention,
            @NotNull @DefaultValue("1m") Duration sweepInterval) {}
}
