package io.vigil.workers.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.workers.config.WorkersProperties;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClaimLeaseTest {

    private static final WorkersProperties.Retry RETRY =
            new WorkersProperties.Retry(3, Duration.ofSeconds(10), 6, Duration.ofMinutes(5));

    private static WorkersProperties.Idempotency idempotency(Duration lease, Duration heartbeat) {
        return new WorkersProperties.Idempotency("k:", lease, heartbeat, 50, Duration.ofDays(7));
    }

    @Test
    void aDeferredRequestComesBackJustAfterTheHoldersClaimWouldHaveExpired() {
        var idempotency = idempotency(Duration.ofSeconds(20), Duration.ofSeconds(5));

        // a dead holder's claim with 17 s left outlasts the 10 s first back-off
        assertThat(idempotency.deferral(Duration.ofSeconds(17), 0, RETRY)).isEqualTo(Duration.ofMillis(17_250));
        // a nearly expired claim: the back-off is the floor
        assertThat(idempotency.deferral(Duration.ofSeconds(1), 0, RETRY)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aLiveHolderIsLookedAtLessAndLessOften() {
        var idempotency = idempotency(Duration.ofSeconds(20), Duration.ofSeconds(5));
        Duration renewed = Duration.ofSeconds(19);

        assertThat(idempotency.deferral(renewed, 1, RETRY)).isEqualTo(Duration.ofMillis(19_250));
        assertThat(idempotency.deferral(renewed, 2, RETRY)).isEqualTo(Duration.ofSeconds(60));
        assertThat(idempotency.deferral(renewed, 3, RETRY)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void anUnknownRemainingLeaseFallsBackToTheBackoff() {
        var idempotency = idempotency(Duration.ofSeconds(20), Duration.ofSeconds(5));

        assertThat(idempotency.deferral(Duration.ofMillis(-1), 0, RETRY)).isEqualTo(Duration.ofSeconds(10));
        assertThat(idempotency.deferral(null, 2, RETRY)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void theHeartbeatMustRenewAtLeastTwicePerLease() {
        Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

        assertThat(validator.validate(idempotency(Duration.ofSeconds(20), Duration.ofSeconds(5))))
                .isEmpty();
        assertThat(validator.validate(idempotency(Duration.ofSeconds(20), Duration.ofSeconds(10))))
                .isEmpty();
        assertThat(validator.validate(idempotency(Duration.ofSeconds(20), Duration.ofSeconds(11))))
                .extracting(v -> v.getMessage())
                .containsExactly("heartbeat must be positive and at most half the lease");
        assertThat(validator.validate(idempotency(Duration.ofSeconds(20), Duration.ZERO)))
                .hasSize(1);
    }
}
