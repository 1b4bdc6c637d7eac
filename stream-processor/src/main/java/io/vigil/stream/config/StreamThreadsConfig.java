package io.vigil.stream.config;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.stream.supervision.LocalStreamThreads;
import io.vigil.stream.supervision.StreamThreadWatchdog;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * Wiring only: the count of live stream threads that health reports, and the watchdog that starts
 * a new thread when one ended without being replaced (docs/stream-processor.md, "Losing a stream
 * thread").
 */
@Configuration(proxyBeanMethods = false)
class StreamThreadsConfig {

    @Bean
    LocalStreamThreads localStreamThreads(StreamsBuilderFactoryBean factory, VigilProperties properties) {
        return LocalStreamThreads.of(
                factory::getKafkaStreams, properties.streams().numStreamThreads());
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    StreamThreadWatchdog streamThreadWatchdog(
            LocalStreamThreads threads, VigilProperties properties, MeterRegistry registry) {
        Counter replaced = Counter.builder("vigil.streams.threads.replaced")
                .description("Stream threads the watchdog started because one had ended without a replacement")
                .register(registry);
        return new StreamThreadWatchdog(
                threads, replaced::increment, properties.streams().threadCheckInterval());
    }
}
