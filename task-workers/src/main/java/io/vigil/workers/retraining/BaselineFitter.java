package io.vigil.workers.retraining;

import io.vigil.contracts.metrics.MetricsWindow;
import io.vigil.contracts.model.Baseline;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fits hour-of-week baselines of one tenant from its final minute windows: for every series
 * ("dimension/value", plus "total/all") the mean and standard deviation of the count per minute in
 * each of the 168 hours of the week, shrunk toward the series' overall mean and variance where a slot
 * has few minutes.
 *
 * <p>The observed span runs from the first window start to the last window end; every minute of it
 * counts, a minute without a window for a series being a zero (the stream processor emits no window
 * for a quiet minute). For slot s with n minutes, sum S and sum of squares Q, and overall mean M and
 * population variance V over all N minutes of the span, with prior strength k (in minutes):
 * <pre>
 *   mean_s  = (S + k·M) / (n + k)
 *   var_s   = (n·v_s + k·V) / (n + k),   v_s = Q/n − (S/n)²
 *   stddev_s = √var_s,  samples_s = n
 * </pre>
 * A slot with no minutes gets M and √V. Pure function: no Spring, no I/O.
 */
final class BaselineFitter {

    static final String TOTAL = "total/all";

    private BaselineFitter() {}

    /** A tenant's baselines and the span they were fitted from. */
    record Fit(Map<String, Baseline> baselines, Instant from, Instant to, long minutes) {}

    /**
     * @param windows the tenant's final windows, one per dimension and minute
     * @param priorMinutes shrinkage strength k
     * @param excludedDimensions dimensions not worth a baseline (e.g. talkers, a top-N list)
     */
    static Fit fit(Collection<MetricsWindow> windows, double priorMinutes, Collection<String> excludedDimensions) {
        if (windows.isEmpty()) return new Fit(Map.of(), null, null, 0);
        Instant from = windows.stream()
                .map(w -> minute(w.windowStart()))
                .min(Instant::compareTo)
                .orElseThrow();
        Instant to = windows.stream()
                .map(w -> minute(w.windowEnd()))
                .max(Instant::compareTo)
                .orElseThrow();
        int[] minutesPerSlot = new int[Baseline.HOURS_PER_WEEK];
        long minutes = 0;
        for (Instant t = from; t.isBefore(to); t = t.plus(1, ChronoUnit.MINUTES)) {
            minutesPerSlot[Baseline.hourOfWeek(t)]++;
            minutes++;
        }
        Map<String, Sums> series = new TreeMap<>();
        Map<Instant, Long> totals = new HashMap<>();
        for (MetricsWindow window : windows) {
            Instant start = minute(window.windowStart());
            int slot = Baseline.hourOfWeek(start);
            totals.merge(start, window.total(), Math::max);
            if (excludedDimensions.contains(window.dimension()) || window.counts() == null) continue;
            window.counts()
                    .forEach((value, count) -> series.computeIfAbsent(window.dimension() + "/" + value, k -> new Sums())
                            .add(slot, count));
        }
        Sums total = new Sums();
        totals.forEach((start, count) -> total.add(Baseline.hourOfWeek(start), count));
        series.put(TOTAL, total);
        Map<String, Baseline> baselines = new TreeMap<>();
        for (var entry : series.entrySet()) {
            baselines.put(entry.getKey(), entry.getValue().baseline(minutesPerSlot, minutes, priorMinutes));
        }
        return new Fit(baselines, from, to, minutes);
    }

    private static Instant minute(Instant time) {
        return time.truncatedTo(ChronoUnit.MINUTES);
    }

    /** Per-slot sums of one series over its non-zero minutes. */
    private static final class Sums {
        private final double[] sum = new double[Baseline.HOURS_PER_WEEK];
        private final double[] squares = new double[Baseline.HOURS_PER_WEEK];

        void add(int slot, long count) {
            sum[slot] += count;
            squares[slot] += (double) count * count;
        }

        Baseline baseline(int[] minutesPerSlot, long minutes, double k) {
            double totalSum = 0;
            double totalSquares = 0;
            for (int s = 0; s < Baseline.HOURS_PER_WEEK; s++) {
                totalSum += sum[s];
                totalSquares += squares[s];
            }
            double overallMean = totalSum / minutes;
            double overallVariance = Math.max(0, totalSquares / minutes - overallMean * overallMean);
            List<Double> means = new ArrayList<>(Baseline.HOURS_PER_WEEK);
            List<Double> deviations = new ArrayList<>(Baseline.HOURS_PER_WEEK);
            List<Integer> samples = new ArrayList<>(Baseline.HOURS_PER_WEEK);
            for (int s = 0; s < Baseline.HOURS_PER_WEEK; s++) {
                int n = minutesPerSlot[s];
                if (n == 0) {
                    means.add(overallMean);
                    deviations.add(Math.sqrt(overallVariance));
                } else {
                    double slotMean = sum[s] / n;
                    double slotVariance = Math.max(0, squares[s] / n - slotMean * slotMean);
                    means.add((sum[s] + k * overallMean) / (n + k));
                    deviations.add(Math.sqrt((n * slotVariance + k * overallVariance) / (n + k)));
                }
                samples.add(n);
            }
            return new Baseline(List.copyOf(means), List.copyOf(deviations), List.copyOf(samples));
        }
    }
}
