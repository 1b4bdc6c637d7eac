package io.vigil.workers.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vigil.contracts.model.Thresholds;
import org.junit.jupiter.api.Test;

class ThresholdTunerTest {

    private static final double EPS = 1e-9;
    private static final ThresholdTuner.Settings SETTINGS = new ThresholdTuner.Settings(
            5,
            5,
            10,
            5,
            new ThresholdTuner.Bounds(20, 70),
            new ThresholdTuner.Bounds(40, 90),
            new ThresholdTuner.Bounds(60, 99));

    @Test
    void tooManyIgnoredAlertsRaiseThresholdsByAtMostTheMaxStepWithinBounds() {
        // rate 20/day vs 5: 5 * log2(4) = 10; ack share 5/20 -> * 1.25 = 12.5; clamped to 10
        var tuning = ThresholdTuner.tune(Thresholds.DEFAULT, 20, 5, 1, SETTINGS);

        assertThat(tuning.ratePerDay()).isEqualTo(20.0);
        assertThat(tuning.ackShare()).isEqualTo(0.25);
        assertThat(tuning.shift()).isEqualTo(10.0);
        assertThat(tuning.after()).isEqualTo(new Thresholds(50, 80, 99)); // critical 100 -> bound 99
    }

    @Test
    void acknowledgedAlertsRaiseThresholdsMoreSlowly() {
        // rate 10 vs 5: 5 * log2(2) = 5; all acknowledged -> * 0.5 = 2.5
        var tuning = ThresholdTuner.tune(Thresholds.DEFAULT, 10, 10, 1, SETTINGS);

        assertThat(tuning.shift()).isCloseTo(2.5, within(EPS));
        assertThat(tuning.after().medium()).isCloseTo(42.5, within(EPS));
        assertThat(tuning.after().high()).isCloseTo(72.5, within(EPS));
        assertThat(tuning.after().critical()).isCloseTo(92.5, within(EPS));
    }

    @Test
    void tooFewAlertsLowerThresholds() {
        // 10 alerts over 4 days = 2.5/day vs 5: 5 * log2(0.5) = -5
        var tuning = ThresholdTuner.tune(Thresholds.DEFAULT, 10, 0, 4, SETTINGS);

        assertThat(tuning.shift()).isCloseTo(-5, within(EPS));
        assertThat(tuning.after()).isEqualTo(new Thresholds(35, 65, 85));
    }

    @Test
    void noAlertsAtAllLowerByTheMaxStep() {
        // rate 0.5/1 day vs 5: 5 * log2(0.1) = -16.6 -> clamped to -10
        var tuning = ThresholdTuner.tune(Thresholds.DEFAULT, 0, 0, 1, SETTINGS);

        assertThat(tuning.ratePerDay()).isEqualTo(0.5);
        assertThat(tuning.shift()).isEqualTo(-10.0);
        assertThat(tuning.after()).isEqualTo(new Thresholds(30, 60, 80));
    }

    @Test
    void onTargetKeepsThresholdsButRestoresTheMinimumGaps() {
        var tuning = ThresholdTuner.tune(new Thresholds(60, 62, 64), 5, 0, 1, SETTINGS);

        assertThat(tuning.shift()).isEqualTo(0.0);
        assertThat(tuning.after()).isEqualTo(new Thresholds(54, 59, 64));
    }

    @Test
    void upperBoundsHoldWhenRaising() {
        var tuning = ThresholdTuner.tune(new Thresholds(65, 88, 97), 80, 0, 1, SETTINGS);

        assertThat(tuning.after()).isEqualTo(new Thresholds(70, 90, 99));
    }

    @Test
    void refusesAnEmptyWindow() {
        assertThatThrownBy(() -> ThresholdTuner.tune(Thresholds.DEFAULT, 1, 0, 0, SETTINGS))
                .hasMessageContaining("days must be positive");
    }
}
