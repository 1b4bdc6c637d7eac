package io.vigil.workers.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.contracts.ops.TaskType;
import io.vigil.workers.config.WorkersProperties;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryQueuesTest {

    private static final List<Duration> DELAYS = List.of(
            Duration.ofSeconds(1),
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            Duration.ofSeconds(25),
            Duration.ofMinutes(1),
            Duration.ofMinutes(5));

    private static WorkersProperties.Amqp amqp(List<Duration> delays) {
        return new WorkersProperties.Amqp(
                "vigil.tasks",
                "vigil.tasks.retry",
                "vigil.tasks.dlx",
                "tasks.",
                "amq.topic",
                "ops.tasks",
                1,
                1,
                delays);
    }

    @Test
    void aCopyWaitsInTheShortestQueueAtLeastAsLongAsItMustWait() {
        var amqp = amqp(DELAYS);

        assertThat(amqp.retryDelay(Duration.ofMillis(200))).isEqualTo(Duration.ofSeconds(1));
        assertThat(amqp.retryDelay(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(10));
        // a dead holder's claim with 18.678 s left, plus the margin: the 25 s queue
        assertThat(amqp.retryDelay(Duration.ofMillis(18_928))).isEqualTo(Duration.ofSeconds(25));
        assertThat(amqp.retryDelay(Duration.ofSeconds(60))).isEqualTo(Duration.ofMinutes(1));
        // longer than every queue: the longest (the copy is looked at again when it comes back)
        assertThat(amqp.retryDelay(Duration.ofMinutes(30))).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void retryQueuesAndRoutingKeysAreNamedByTheirDelay() {
        var amqp = amqp(DELAYS);

        assertThat(amqp.retryQueue(TaskType.fromId("report"), Duration.ofSeconds(25)))
                .isEqualTo("tasks.report.retry.25s");
        assertThat(amqp.retryRoutingKey(TaskType.fromId("report"), Duration.ofSeconds(25)))
                .isEqualTo("report.25s");
        assertThat(amqp.retryQueue(TaskType.fromId("retrain"), Duration.ofMinutes(5)))
                .isEqualTo("tasks.retrain.retry.5m");
        assertThat(amqp.retryQueue(TaskType.fromId("policy"), Duration.ofMillis(1500)))
                .isEqualTo("tasks.policy.retry.1500ms");
        assertThat(amqp.retryQueue(TaskType.fromId("cleanup"), Duration.ofHours(2)))
                .isEqualTo("tasks.cleanup.retry.2h");
    }

    @Test
    void everyBackoffMustFitARetryQueue() {
        Validator validator = Validation.buildDefaultValidatorFactory().getValidator();
        var idempotency = new WorkersProperties.Idempotency(
                "k:", Duration.ofSeconds(20), Duration.ofSeconds(5), 50, Duration.ofDays(7));
        var scheduling = new WorkersProperties.Scheduling("lock", "default");

        var fits = new WorkersProperties(
                "w",
                "",
                amqp(DELAYS),
                new WorkersProperties.Retry(3, Duration.ofSeconds(10), 6, Duration.ofMinutes(5)),
                idempotency,
                scheduling,
                java.util.Map.of());
        var tooLong = new WorkersProperties(
                "w",
                "",
                amqp(DELAYS),
                new WorkersProperties.Retry(3, Duration.ofSeconds(10), 6, Duration.ofMinutes(6)),
                idempotency,
                scheduling,
                java.util.Map.of());

        assertThat(validator.validate(fits)).isEmpty();
        assertThat(validator.validate(tooLong))
                .extracting(v -> v.getMessage())
                .containsExactly("retry.max-backoff must not exceed the longest of amqp.retry-delays");
        assertThat(validator.validate(amqp(List.of(Duration.ofNanos(1500)))))
                .extracting(v -> v.getMessage())
                .containsExactly("retry-delays must be positive whole milliseconds");
        assertThat(validator.validate(amqp(List.of()))).hasSize(1);
    }
}
