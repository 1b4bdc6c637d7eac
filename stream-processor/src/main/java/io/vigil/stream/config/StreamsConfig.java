package io.vigil.stream.config;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.contracts.event.SecurityEvent;
import io.vigil.stream.StreamTopics;
import io.vigil.stream.ingest.IngestMetrics;
import io.vigil.stream.window.PunctuationLag;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.kstream.KStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.annotation.KafkaStreamsDefaultConfiguration;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

/**
 * Wiring only: Kafka Streams configuration from {@link VigilProperties}, and the topologies, each
 * built by its own plain function on the one {@link StreamsBuilder}.
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
class StreamsConfig {

    private static final Logger log = LoggerFactory.getLogger(StreamsConfig.class);

    @Bean(name = KafkaStreamsDefaultConfiguration.DEFAULT_STREAMS_CONFIG_BEAN_NAME)
    KafkaStreamsConfiguration defaultKafkaStreamsConfig(VigilProperties properties) {
        return new KafkaStreamsConfiguration(VigilTopologies.streamsProperties(properties.streams()));
    }

    /**
     * An unexpected exception in a processor replaces the stream thread instead of stopping the
     * application: under exactly_once_v2 the task restarts from its last committed state. The
     * handler must never throw: Kafka Streams would then end the thread silently, without
     * replacing it (docs/stream-processor.md, "Losing a stream thread").
     */
    @Bean
    StreamsBuilderFactoryBeanConfigurer vigilStreamsCustomizer() {
        return factory -> {
            factory.setStreamsUncaughtExceptionHandler(exception -> {
                try {
                    log.error("Stream thread failed; replacing it", exception);
                } catch (RuntimeException | LinkageError loggingFailed) {
                    // e.g. the logging classes cannot be loaded any more: still replace the thread
                    System.err.println("Stream thread failed (" + exception + "); replacing it");
                }
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
            });
            factory.setStateListener((newState, oldState) -> log.info("Kafka Streams {} -> {}", oldState, newState));
        };
    }

    @Bean
    StreamTopics streamTopics(VigilProperties properties) {
        var t = properties.topics();
        return StreamTopics.of(t.names(), t.normalized());
    }

    @Bean
    KStream<byte[], SecurityEvent> vigilTopologies(
            StreamsBuilder builder,
            StreamTopics topics,
            VigilProperties properties,
            IngestMetrics ingestMetrics,
            PunctuationLag punctuationLag) {
        return VigilTopologies.build(builder, topics, properties, ingestMetrics, punctuationLag);
    }

    /**
     * How late the window-closing (and alert-sweeping) wall-clock punctuations run, one gauge per
     * punctuation: seconds the most overdue task's next run is past due, 0 when all are on time
     * (docs/stream-processor.md, "Health and metrics").
     */
    @Bean
    PunctuationLag punctuationLag(MeterRegistry registry) {
        PunctuationLag lag = new PunctuationLag(System::currentTimeMillis);
        for (PunctuationLag.Punctuation punctuation : PunctuationLag.Punctuation.values()) {
            Gauge.builder("vigil.streams.punctuation.lag.seconds", lag, l -> l.lagSeconds(punctuation))
                    .description("Seconds the most overdue task's wall-clock punctuation is past due (0: on time)")
                    .tag("punctuation", punctuation.tag())
                    .register(registry);
        }
        return lag;
    }

    @Bean
    IngestMetrics ingestMetrics(MeterRegistry registry) {
        Map<String, Counter> counters = new ConcurrentHashMap<>();
        return new IngestMetrics() {
            @Override
            public void normalised(String format) {
                counters.computeIfAbsent(
                                "n/" + format,
                                k -> Counter.builder("vigil.ingest.records")
                                        .description("Input records by what ingest did with them")
                                        .tag("outcome", "normalised")
                                        .tag("format", format)
                                        .tag("stage", "none")
                                        .register(registry))
                        .increment();
            }

            @Override
            public void deadLettered(String stage) {
                counters.computeIfAbsent(
                                "d/" + stage,
                                k -> Counter.builder("vigil.ingest.records")
                                        .description("Input records by what ingest did with them")
                                        .tag("outcome", "dead_lettered")
                                        .tag("format", "unknown")
                                        .tag("stage", stage)
                                        .register(registry))
                        .increment();
            }
        };
    }
}
