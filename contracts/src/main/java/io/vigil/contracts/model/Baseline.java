package io.vigil.contracts.model;

import java.util.List;

/**
 * Expected events per minute for one tenant and dimension value, by hour of week (168 slots,
 * slot 0 = Monday 00:00-01:00 UTC), fitted by the retrain task from {@code metrics.minute}.
 *
 * @param mean expected count per minute for each hour of week
 * @param stddev standard deviation per minute for each hour of week
 * @param samples how many minutes each slot was fitted from (0 = filled by shrinkage only)
 */
public record Baseline(List<Double> mean, List<Double> stddev, List<Integer> samples) {

    public static final int HOURS_PER_WEEK = 168;

    public static int hourOfWeek(java.time.Instant time) {
        var utc = time.atZone(java.time.ZoneOffset.UTC);
        return (utc.getDayOfWeek().getValue() - 1) * 24 + utc.getHour();
    }
}
