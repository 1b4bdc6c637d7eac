package io.vigil.stream.supervision;

import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;

/** The stream threads of this process's Kafka Streams client: counted by health, topped up by the watchdog. */
public interface LocalStreamThreads {

    /** The current count; empty while there is no Kafka Streams client yet. */
    Optional<StreamThreadCount> count();

    /** Starts one more stream thread; its name, or empty if the client is not RUNNING or REBALANCING. */
    Optional<String> add();

    /** The threads of the client {@code streams} supplies (null until it is built), against the configured number. */
    static LocalStreamThreads of(Supplier<KafkaStreams> streams, int configured) {
        return new LocalStreamThreads() {
            @Override
            public Optional<StreamThreadCount> count() {
                KafkaStreams client = streams.get();
                if (client == null) {
                    return Optional.empty();
                }
                var states = client.metadataForLocalThreads().stream()
                        .map(ThreadMetadata::threadState)
                        .toList();
                return Optional.of(new StreamThreadCount(client.state(), StreamThreadCount.live(states), configured));
            }

            @Override
            public Optional<String> add() {
                KafkaStreams client = streams.get();
                return client == null ? Optional.empty() : client.addStreamThread();
            }
        };
    }
}
