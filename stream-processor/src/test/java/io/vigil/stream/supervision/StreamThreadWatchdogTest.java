package io.vigil.stream.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

class StreamThreadWatchdogTest {

    /** A client whose thread count the test sets; {@code add()} starts a thread as Kafka Streams would. */
    static final class Threads implements LocalStreamThreads {
        KafkaStreams.State state = KafkaStreams.State.RUNNING;
        int live = 2;
        boolean started = true;
        final List<String> added = new ArrayList<>();

        @Override
        public Optional<StreamThreadCount> count() {
            return started ? Optional.of(new StreamThreadCount(state, live, 2)) : Optional.empty();
        }

        @Override
        public Optional<String> add() {
            if (state != KafkaStreams.State.RUNNING && state != KafkaStreams.State.REBALANCING) {
                return Optional.empty();
            }
            live++;
            added.add("StreamThread-" + (2 + added.size() + 1));
            return Optional.of(added.getLast());
        }
    }

    final Threads threads = new Threads();
    int replaced;
    final StreamThreadWatchdog watchdog = new StreamThreadWatchdog(threads, () -> replaced++, Duration.ofSeconds(5));

    @Test
    void allThreadsAliveNothingHappens() {
        assertThat(watchdog.check()).isZero();
        assertThat(watchdog.check()).isZero();
        assertThat(threads.added).isEmpty();
    }

    @Test
    void aThreadMissingInTwoChecksInARowIsReplacedAndCounted() {
        threads.live = 1;
        assertThat(watchdog.check())
                .as("first sighting: the exception handler may be replacing it")
                .isZero();
        assertThat(watchdog.check()).isEqualTo(1);
        assertThat(threads.live).isEqualTo(2);
        assertThat(replaced).isEqualTo(1);
        assertThat(watchdog.check()).isZero();
    }

    @Test
    void everyMissingThreadIsReplaced() {
        threads.live = 0;
        watchdog.check();
        assertThat(watchdog.check()).isEqualTo(2);
        assertThat(threads.live).isEqualTo(2);
        assertThat(replaced).isEqualTo(2);
    }

    @Test
    void aThreadBackBeforeTheSecondCheckIsNotAddedTwice() {
        threads.live = 1;
        watchdog.check();
        threads.live = 2; // the REPLACE_THREAD handler's new thread
        assertThat(watchdog.check()).isZero();
        threads.live = 1;
        assertThat(watchdog.check()).as("a new gap starts counting again").isZero();
    }

    @Test
    void aClientThatIsNotRunningIsLeftAlone() {
        threads.live = 0;
        for (var state : List.of(
                KafkaStreams.State.CREATED,
                KafkaStreams.State.PENDING_SHUTDOWN,
                KafkaStreams.State.NOT_RUNNING,
                KafkaStreams.State.PENDING_ERROR,
                KafkaStreams.State.ERROR)) {
            threads.state = state;
            watchdog.check();
            assertThat(watchdog.check()).as(state.name()).isZero();
        }
        threads.started = false;
        watchdog.check();
        assertThat(watchdog.check()).isZero();
        assertThat(replaced).isZero();
    }

    @Test
    void missingThreadsAreReplacedWhileRebalancingToo() {
        threads.state = KafkaStreams.State.REBALANCING;
        threads.live = 1;
        watchdog.check();
        assertThat(watchdog.check()).isEqualTo(1);
    }

    @Test
    void liveThreadsAreThoseNotEnding() {
        assertThat(StreamThreadCount.live(
                        List.of("RUNNING", "PENDING_SHUTDOWN", "DEAD", "STARTING", "PARTITIONS_ASSIGNED", "CREATED")))
                .isEqualTo(4);
        assertThat(new StreamThreadCount(KafkaStreams.State.RUNNING, 1, 2).describe())
                .isEqualTo("1 of 2 stream threads alive (client RUNNING)");
    }
}
