package io.vigil.stream.supervision;

import java.util.Collection;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;

/**
 * How many of the configured stream threads of a Kafka Streams client are alive. A thread in
 * PENDING_SHUTDOWN or DEAD does not count: a thread whose shutdown failed stays in PENDING_SHUTDOWN
 * for good while the client still reports RUNNING (docs/stream-processor.md, "Losing a stream
 * thread").
 */
public record StreamThreadCount(KafkaStreams.State state, int live, int configured) {

    private static final Set<String> ENDED = Set.of("PENDING_SHUTDOWN", "DEAD");

    /** The number of threads, by their {@code ThreadMetadata.threadState()}, that are not ending. */
    public static int live(Collection<String> threadStates) {
        return (int) threadStates.stream().filter(s -> !ENDED.contains(s)).count();
    }

    /**
     * True if the client means to process (RUNNING or REBALANCING) but has fewer live threads than
     * configured: it would go on reporting RUNNING while processing less, or nothing.
     */
    public boolean missingThreads() {
        return (state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING) && live < configured;
    }

    /** For logs and health details, e.g. "1 of 2 stream threads alive (client RUNNING)". */
    public String describe() {
        return live + " of " + configured + " stream threads alive (client " + state + ")";
    }
}
