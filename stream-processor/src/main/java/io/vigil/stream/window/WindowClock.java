package io.vigil.stream.window;

/**
 * The event-time clock that decides when a window has closed. It follows the largest event time a
 * processor has seen and, while no newer event arrives, moves on with the wall clock from that
 * point. So a live stream closes windows on time even when it falls quiet (plain Kafka Streams only
 * closes them when a later event arrives), and a replay of old data still closes its windows a
 * grace period after the replay stops.
 */
public final class WindowClock {

    private long eventTime = Long.MIN_VALUE;
    private long wallAtEventTime;
    private long lastObservedWall;

    /** Notes an event's time; older events do not move the clock back. */
    public void observe(long eventTimeMs, long wallNowMs) {
        lastObservedWall = wallNowMs;
        if (eventTimeMs > now(wallNowMs)) {
            eventTime = eventTimeMs;
            wallAtEventTime = wallNowMs;
        }
    }

    /** The current estimate of event time, or {@link Long#MIN_VALUE} before the first event. */
    public long now(long wallNowMs) {
        if (eventTime == Long.MIN_VALUE) return Long.MIN_VALUE;
        return eventTime + Math.max(0, wallNowMs - wallAtEventTime);
    }

    /** Wall-clock time since the last event, whatever its time. */
    public long idleMs(long wallNowMs) {
        return wallNowMs - lastObservedWall;
    }

    /** Whether a window ending at {@code endMs} is closed once its grace has passed. */
    public boolean closed(long endMs, long graceMs, long wallNowMs) {
        long now = now(wallNowMs);
        return now != Long.MIN_VALUE && endMs + graceMs <= now;
    }
}
