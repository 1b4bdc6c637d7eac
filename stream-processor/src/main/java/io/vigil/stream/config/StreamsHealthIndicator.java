package io.vigil.stream.config;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/**
 * Reports the Kafka Streams state in /actuator/health (as "kafkaStreams"): RUNNING is up,
 * REBALANCING and CREATED are out of service for a while, anything else is down.
 */
@Component("kafkaStreams")
class StreamsHealthIndicator extends AbstractHealthIndicator {

    private final StreamsBuilderFactoryBean factory;

    StreamsHealthIndicator(StreamsBuilderFactoryBean factory) {
        super("Kafka Streams health check failed");
        this.factory = factory;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        KafkaStreams streams = factory.getKafkaStreams();
        if (streams == null) {
            builder.down().withDetail("state", "NOT_STARTED");
            return;
        }
        KafkaStreams.State state = streams.state();
        switch (state) {
            case RUNNING -> builder.up();
            case REBALANCING, CREATED -> builder.outOfService();
            default -> builder.down();
        }
        builder.withDetail("state", state.name())
                .withDetail("threads", streams.metadataForLocalThreads().size());
    }
}
