package io.vigil.workers.retraining;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the retrain job ({@code vigil.workers.retrain.*}).
 *
 * @param lookback how far back to read metrics.minute (request param "lookback" overrides)
 * @param priorMinutes shrinkage strength k toward the overall mean, in minutes (param "priorMinutes")
 * @param excludedDimensions dimensions without baselines
 */
@Validated
@ConfigurationProperties("vigil.workers.retrain")
record RetrainProperties(
        @NotNull Duration lookback,
        @PositiveOrZero double priorMinutes,
        @NotNull List<String> excludedDimensions) {}
