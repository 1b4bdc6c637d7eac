package io.vigil.stream.metrics;

import java.util.HashMap;
import java.util.Map;

/**
 * The counts of one open tenant minute, per dimension and value, kept in memory next to the store
 * that holds the same numbers (one long per value) for restarts. Emitting a window reads them here
 * instead of scanning the store every second, and counting needs no store read.
 */
final class WindowCounts {

    final Map<String, Map<String, Long>> byDimension = new HashMap<>();
    /** Version of the last record emitted for this window. */
    long version;
    /** Whether something was counted since the last emission. */
    boolean changed = true;

    /** Adds one and returns the new count. */
    long increment(String dimension, String value) {
        return byDimension.computeIfAbsent(dimension, d -> new HashMap<>()).merge(value, 1L, Long::sum);
    }

    void restore(String dimension, String value, long count) {
        byDimension.computeIfAbsent(dimension, d -> new HashMap<>()).put(value, count);
    }

    /** A copy of one dimension's counts (empty if none), safe to hand to an output record. */
    Map<String, Long> counts(String dimension) {
        Map<String, Long> counts = byDimension.get(dimension);
        return counts == null ? new HashMap<>() : new HashMap<>(counts);
    }

    long total() {
        Map<String, Long> severity = byDimension.get("severity");
        long total = 0;
        if (severity != null) for (long count : severity.values()) total += count;
        return total;
    }
}
