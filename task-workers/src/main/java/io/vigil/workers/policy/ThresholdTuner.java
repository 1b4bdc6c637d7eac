package io.vigil.workers.policy;

import io.vigil.contracts.model.Thresholds;

/**
 * Moves a tenant's score thresholds toward a target alert rate. Pure function: no Spring, no I/O.
 *
 * <p>With A score alerts opened over D days (rate r = A/D; with no alert at all r = 0.5/D, so the
 * logarithm stays finite), a target of R alerts a day and a gain g (score points per doubling):
 * <pre>
 *   shift = g · log2(r / R)
 *   if shift &gt; 0:  shift ·= (1.5 − q)      q = acknowledged / A, the share analysts acted on
 *   shift = clamp(shift, −maxStep, +maxStep)
 * </pre>
 * Too many alerts raise every threshold, faster when analysts ignore them (q near 0, noise) and
 * slower when they act on them (q near 1, signal); too few lower them. Each threshold is then clamped
 * into its bounds, and the order medium &lt; high &lt; critical is kept with at least {@code minGap}
 * points between neighbours, critical first.
 */
final class ThresholdTuner {

    private ThresholdTuner() {}

    /** Inclusive bounds of one threshold. */
    record Bounds(double min, double max) {}

    /** Tuning settings. */
    record Settings(
            double targetPerDay,
            double gain,
            double maxStep,
            double minGap,
            Bounds medium,
            Bounds high,
            Bounds critical) {}

    /** The tuned thresholds and the figures behind them. */
    record Tuning(Thresholds before, Thresholds after, double ratePerDay, double ackShare, double shift) {}

    static Tuning tune(Thresholds current, long alerts, long acknowledged, double days, Settings settings) {
        if (days <= 0) throw new IllegalArgumentException("days must be positive");
        double rate = alerts == 0 ? 0.5 / days : alerts / days;
        double ackShare = alerts == 0 ? 0 : Math.min(1, (double) acknowledged / alerts);
        double shift = settings.gain() * (Math.log(rate / settings.targetPerDay()) / Math.log(2));
        if (shift > 0) shift *= 1.5 - ackShare;
        shift = Math.clamp(shift, -settings.maxStep(), settings.maxStep());
        double critical = clamp(current.critical() + shift, settings.critical());
        double high = Math.min(clamp(current.high() + shift, settings.high()), critical - settings.minGap());
        double medium = Math.min(clamp(current.medium() + shift, settings.medium()), high - settings.minGap());
        return new Tuning(current, new Thresholds(medium, high, critical), rate, ackShare, shift);
    }

    private static double clamp(double value, Bounds bounds) {
        return Math.clamp(value, bounds.min(), bounds.max());
    }
}
