package io.vigil.stream.config;

import io.vigil.stream.supervision.LocalStreamThreads;
import io.vigil.stream.supervision.StreamThreadCount;
import java.util.Optional;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Reports the Kafka Streams state in /actuator/health (as "kafkaStreams"): RUNNING with every
 * configured stream thread alive is up; REBALANCING and CREATED are out of service for a while;
 * RUNNING or REBALANCING with a stream thread missing is down (the client itself would still say
 * RUNNING), as is anything else.
 */
@Component("kafkaStreams")
class StreamsHealthIndicator extends AbstractHealthIndicator {

    private final LocalStreamThreads threads;

    StreamsHealthIndicator(LocalStreamThreads threads) {
        super("Kafka Streams health check failed");
        this.threads = threads;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        report(threads.count(), builder);
    }

    static void report(Optional<StreamThreadCount> found, Health.Builder builder) {
        if (found.isEmpty()) {
            builder.down().withDetail("state", "NOT_STARTED");
            return;
        }
        StreamThreadCount count = found.get();
        if (count.missingThreads()) {
            builder.down().withDetail("reason", count.describe() + "; the watchdog starts replacements");
        } else {
            switch (count.state()) {
                case RUNNING -> builder.up();
                case REBALANCING, CREATED -> builder.outOfService();
                default -> builder.down();
            }
        }
        builder.withDetail("state", count.state().name())
                .withDetail("threads", count.live())
                .withDetail("configuredThreads", count.configured());
    }
}
