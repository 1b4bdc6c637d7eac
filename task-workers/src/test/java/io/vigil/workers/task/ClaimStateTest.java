package io.vigil.workers.task;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClaimStateTest {

    @Test
    void readsWhoHoldsAClaim() {
        assertThat(ClaimState.of(null, "w1", false)).isEqualTo(ClaimState.FREE);
        assertThat(ClaimState.of("done:w2", "w1", false)).isEqualTo(ClaimState.FINISHED);
        assertThat(ClaimState.of("failed:w1", "w1", true)).isEqualTo(ClaimState.FINISHED);
        assertThat(ClaimState.of("running:w2", "w1", false)).isEqualTo(ClaimState.HELD_BY_OTHER);
        // a holder whose id merely starts like ours is another holder
        assertThat(ClaimState.of("running:w1-b", "w1", false)).isEqualTo(ClaimState.HELD_BY_OTHER);
    }

    @Test
    void tellsItsOwnLiveClaimFromOneLeftByADeadProcessWithTheSameInstanceId() {
        assertThat(ClaimState.of("running:w1", "w1", true)).isEqualTo(ClaimState.HELD_HERE);
        assertThat(ClaimState.of("running:w1", "w1", false)).isEqualTo(ClaimState.OWN_STALE);
    }

    @Test
    void namesTheHolderInTheClaimValue() {
        assertThat(ClaimState.running("host-1a2b")).isEqualTo("running:host-1a2b");
    }
}
