package io.vigil.stream.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.stream.supervision.StreamThreadCount;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class StreamsHealthIndicatorTest {

    static Health health(State state, int live) {
        Health.Builder builder = Health.unknown();
        StreamsHealthIndicator.report(Optional.of(new StreamThreadCount(state, live, 2)), builder);
        return builder.build();
    }

    @Test
    void runningWithEveryThreadIsUp() {
        assertThat(health(State.RUNNING, 2).getStatus()).isEqualTo(Status.UP);
        assertThat(health(State.RUNNING, 3).getStatus()).isEqualTo(Status.UP);
        assertThat(health(State.RUNNING, 2).getDetails())
                .containsEntry("state", "RUNNING")
                .containsEntry("threads", 2)
                .containsEntry("configuredThreads", 2);
    }

    @Test
    void runningWithAThreadMissingIsDownWithTheReason() {
        Health health = health(State.RUNNING, 1);
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat((String) health.getDetails().get("reason")).startsWith("1 of 2 stream threads alive");
        assertThat(health(State.RUNNING, 0).getStatus()).isEqualTo(Status.DOWN);
        assertThat(health(State.REBALANCING, 1).getStatus()).isEqualTo(Status.DOWN);
    }

    @Test
    void otherStatesAsBefore() {
        assertThat(health(State.REBALANCING, 2).getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(health(State.CREATED, 0).getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(health(State.ERROR, 0).getStatus()).isEqualTo(Status.DOWN);
        assertThat(health(State.NOT_RUNNING, 0).getStatus()).isEqualTo(Status.DOWN);
        Health.Builder builder = Health.unknown();
        StreamsHealthIndicator.report(Optional.empty(), builder);
        assertThat(builder.build().getStatus()).isEqualTo(Status.DOWN);
    }
}
