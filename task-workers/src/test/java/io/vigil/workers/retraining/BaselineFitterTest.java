package io.vigil.workers.retraining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vigil.contracts.metrics.MetricsWindow;
import io.vigil.contracts.model.Baseline;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BaselineFitterTest {

    private static final double EPS = 1e-12;
    // Monday 2026-11-23: 00:xx is hour-of-week slot 0, 01:xx slot 1.
    private static final Instant MON_0058 = Instant.parse("2026-11-23T00:58:00Z");
    private static final Instant MON_0059 = Instant.parse("2026-11-23T00:59:00Z");
    private static final Instant MON_0100 = Instant.parse("2026-11-23T01:00:00Z");

    @Test
    void shrinksEachSlotTowardTheOverallMeanAndVariance() {
        var fit = BaselineFitter.fit(
                List.of(
                        window("severity", MON_0059, 4, Map.of("high", 4L)),
                        window("severity", MON_0100, 2, Map.of("low", 2L))),
                1,
                List.of());

        // total/all: minutes 4 and 2 -> M = 3, V = (16 + 4)/2 - 9 = 1; k = 1
        Baseline total = fit.baselines().get("total/all");
        assertThat(fit.minutes()).isEqualTo(2);
        assertThat(total.mean().get(0)).isCloseTo(3.5, within(EPS)); // (4 + 1*3) / (1 + 1)
        assertThat(total.mean().get(1)).isCloseTo(2.5, within(EPS)); // (2 + 3) / 2
        assertThat(total.stddev().get(0)).isCloseTo(Math.sqrt(0.5), within(EPS)); // (1*0 + 1*1) / 2
        assertThat(total.mean().get(2)).isCloseTo(3.0, within(EPS)); // empty slot: overall mean
        assertThat(total.stddev().get(2)).isCloseTo(1.0, within(EPS));
        assertThat(total.samples().subList(0, 3)).containsExactly(1, 1, 0);

        // severity/high: 4 then 0 -> M = 2, V = 16/2 - 4 = 4
        Baseline high = fit.baselines().get("severity/high");
        assertThat(high.mean().get(0)).isCloseTo(3.0, within(EPS)); // (4 + 2) / 2
        assertThat(high.mean().get(1)).isCloseTo(1.0, within(EPS)); // (0 + 2) / 2
        assertThat(high.stddev().get(1)).isCloseTo(Math.sqrt(2), within(EPS)); // (0 + 4) / 2
        assertThat(fit.baselines()).containsOnlyKeys("total/all", "severity/high", "severity/low");
        assertThat(total.mean()).hasSize(Baseline.HOURS_PER_WEEK);
    }

    @Test
    void countsQuietMinutesOfTheSpanAsZeros() {
        var fit = BaselineFitter.fit(
                List.of(
                        window("severity", MON_0058, 4, Map.of("high", 4L)),
                        window("severity", MON_0100, 2, Map.of("low", 2L))),
                2,
                List.of());

        // minutes 4, 0 (00:59, no window), 2 -> N = 3, M = 2, V = 20/3 - 4 = 8/3; k = 2
        Baseline total = fit.baselines().get("total/all");
        assertThat(fit.minutes()).isEqualTo(3);
        assertThat(total.samples().subList(0, 2)).containsExactly(2, 1);
        assertThat(total.mean().get(0)).isCloseTo(2.0, within(EPS)); // (4 + 2*2) / (2 + 2)
        assertThat(total.stddev().get(0)).isCloseTo(Math.sqrt(10.0 / 3), within(EPS)); // (2*4 + 2*8/3) / 4
        assertThat(total.mean().get(1)).isCloseTo(2.0, within(EPS)); // (2 + 4) / 3
        assertThat(total.stddev().get(1)).isCloseTo(4.0 / 3, within(EPS)); // sqrt((0 + 16/3) / 3)
    }

    @Test
    void withoutShrinkageASlotKeepsItsOwnMoments() {
        var fit = BaselineFitter.fit(
                List.of(window("severity", MON_0058, 4, Map.of()), window("severity", MON_0100, 2, Map.of())),
                0,
                List.of());

        Baseline total = fit.baselines().get("total/all");
        assertThat(total.mean().get(0)).isCloseTo(2.0, within(EPS)); // (4 + 0) / 2
        assertThat(total.stddev().get(0)).isCloseTo(2.0, within(EPS)); // sqrt(16/2 - 4)
        assertThat(total.mean().get(1)).isCloseTo(2.0, within(EPS));
        assertThat(total.stddev().get(1)).isCloseTo(0.0, within(EPS));
    }

    @Test
    void totalsAreCountedOncePerMinuteAndExcludedDimensionsGetNoSeries() {
        var fit = BaselineFitter.fit(
                List.of(
                        window("severity", MON_0059, 4, Map.of("high", 4L)),
                        window("talkers", MON_0059, 4, Map.of("10.0.0.5", 3L)),
                        window("category", MON_0059, 4, Map.of("auth", 4L))),
                0,
                List.of("talkers"));

        assertThat(fit.baselines()).containsOnlyKeys("total/all", "severity/high", "category/auth");
        assertThat(fit.baselines().get("total/all").mean().get(0)).isCloseTo(4.0, within(EPS));
    }

    @Test
    void noWindowsNoBaselines() {
        assertThat(BaselineFitter.fit(List.of(), 10, List.of()).baselines()).isEmpty();
    }

    private static MetricsWindow window(String dimension, Instant start, long total, Map<String, Long> counts) {
        return new MetricsWindow("acme", dimension, start, start.plusSeconds(60), total, counts, true, 1);
    }
}
