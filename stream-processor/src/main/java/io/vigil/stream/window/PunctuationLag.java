package io.vigil.stream.window;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * How far behind the wall clock the wall-clock punctuations run: per punctuation, the longest time
 * any task's next run has been overdue (now minus the time it was due: its last completed run, or
 * its scheduling, plus its interval), 0 when every task is on time. Windows are only closed and
 * emitted by these punctuations, so a growing lag means windows are not being closed: a stream
 * thread stuck in a long batch or a slow punctuation, or one that ended while its tasks stayed
 * assigned to this instance.
 *
 * <p>Each processor registers its punctuation with its task, marks every completed run, and
 * unregisters when it is closed (its task moves away or ends). Thread-safe: stream threads write,
 * the metrics scrape reads.
 */
public final class PunctuationLag {

    /** The wall-clock punctuations of Vigil's topologies (the {@code punctuation} tag). */
    public enum Punctuation {
        /** Metrics: provisional windows every emit interval, final ones after grace. */
        METRICS_EMIT("metrics-emit"),
        /** Fan-out and auth-burst windows closed after grace. */
        ANOMALY_CLOSE("anomaly-close"),
        /** Tombstones for alerts resolved longer than the retention. */
        ALERT_SWEEP("alert-sweep");

        private final String tag;

        Punctuation(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    private final LongSupplier wallClockMs;
    private final Map<String, Schedule> schedules = new ConcurrentHashMap<>();

    /** @param wallClockMs what "now" is when the lag is read ({@code System::currentTimeMillis}). */
    public PunctuationLag(LongSupplier wallClockMs) {
        this.wallClockMs = wallClockMs;
    }

    /** A tracker nobody reads: for topologies built without the application (tests, benchmarks). */
    public static PunctuationLag untracked() {
        return new PunctuationLag(System::currentTimeMillis);
    }

    /**
     * Registers one task's punctuation, scheduled at {@code wallNowMs} to run every {@code interval};
     * a later registration for the same task replaces it.
     */
    public Schedule register(Punctuation punctuation, String taskId, Duration interval, long wallNowMs) {
        Schedule schedule = new Schedule(punctuation.tag() + '/' + taskId, punctuation, interval.toMillis());
        schedule.dueAtMs = wallNowMs + schedule.intervalMs;
        schedules.put(schedule.key, schedule);
        return schedule;
    }

    /** The lag of one punctuation, max over its tasks, in seconds; 0 without tasks. */
    public double lagSeconds(Punctuation punctuation) {
        long now = wallClockMs.getAsLong();
        long worst = 0;
        for (Schedule schedule : schedules.values()) {
            if (schedule.punctuation == punctuation) worst = Math.max(worst, now - schedule.dueAtMs);
        }
        return worst / 1000.0;
    }

    /** One task's registration of a punctuation. */
    public final class Schedule {
        private final String key;
        private final Punctuation punctuation;
        private final long intervalMs;
        private volatile long dueAtMs;

        private Schedule(String key, Punctuation punctuation, long intervalMs) {
            this.key = key;
            this.punctuation = punctuation;
            this.intervalMs = intervalMs;
        }

        /** A run completed at {@code wallNowMs}: the next one is due an interval later. */
        public void completed(long wallNowMs) {
            dueAtMs = wallNowMs + intervalMs;
        }

        /** The processor closed: its task no longer runs here (unless registered again since). */
        public void unregister() {
            schedules.remove(key, this);
        }
    }
}
