package io.vigil.workers.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.workers.config.WorkersProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {

    @Test
    void growsExponentiallyUpToTheCap() {
        var retry = new WorkersProperties.Retry(4, Duration.ofSeconds(10), 6, Duration.ofMinutes(5));

        assertThat(retry.backoffAfter(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(retry.backoffAfter(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(retry.backoffAfter(3)).isEqualTo(Duration.ofMinutes(5)); // 360 s capped at 300 s
    }
}
