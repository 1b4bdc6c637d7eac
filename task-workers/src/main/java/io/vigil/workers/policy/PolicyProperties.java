package io.vigil.workers.policy;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the policy job ({@code vigil.workers.policy.*}); see {@link ThresholdTuner} for the
 * maths. Request params "lookback" and "targetPerDay" override.
 *
 * @param lookback window of alerts considered
 * @param causePrefix alerts whose cause starts with this come from score thresholds
 */
@Validated
@ConfigurationProperties("vigil.workers.policy")
record PolicyProperties(
        @NotNull Duration lookback,
        @NotBlank String causePrefix,
        @Positive double targetPerDay,
        @Positive double gain,
        @Positive double maxStep,
        @PositiveOrZero double minGap,
        @Valid @NotNull Range medium,
        @Valid @NotNull Range high,
        @Valid @NotNull Range critical) {

    record Range(@Positive double min, @Positive double max) {}

    ThresholdTuner.Settings settings(double targetPerDay) {
        return new ThresholdTuner.Settings(
                targetPerDay,
                gain,
                maxStep,
                minGap,
                new ThresholdTuner.Bounds(medium.min(), medium.max()),
                new ThresholdTuner.Bounds(high.min(), high.max()),
                new ThresholdTuner.Bounds(critical.min(), critical.max()));
    }
}
