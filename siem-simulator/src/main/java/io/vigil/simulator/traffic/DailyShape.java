package io.vigil.simulator.traffic;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * How busy a tenant is at a given local time of day: quiet at night, a peak in working hours and
 * a dip at lunch. Factors average 1.0 over a day, so a configured rate is the daily average.
 */
public final class DailyShape {

    /** Relative activity per local hour 00..23, before normalisation. */
    private static final double[] HOURLY = {
        0.30, 0.28, 0.27, 0.27, 0.28, 0.32, 0.50, 0.90, 1.40, 1.70, 1.75, 1.70,
        1.35, 1.65, 1.75, 1.70, 1.60, 1.30, 0.90, 0.65, 0.60, 0.55, 0.45, 0.35
    };

    private static final double MEAN = java.util.Arrays.stream(HOURLY).average().orElse(1);

    /** A flat shape (factor 1 at all hours), for bounded runs where the asked rate must hold. */
    public static final DailyShape FLAT = new DailyShape(false);

    public static final DailyShape OFFICE_HOURS = new DailyShape(true);

    private final boolean shaped;

    private DailyShape(boolean shaped) {
        this.shaped = shaped;
    }

    /** The activity factor at {@code time} in the tenant's local time, interpolated per minute. */
    public double factor(Instant time, ZoneOffset offset) {
        if (!shaped) {
            return 1.0;
        }
        LocalTime local = LocalTime.ofInstant(time, offset);
        int hour = local.getHour();
        double fraction = local.getMinute() / 60.0;
        double value = HOURLY[hour] * (1 - fraction) + HOURLY[(hour + 1) % 24] * fraction;
        return value / MEAN;
    }
}
