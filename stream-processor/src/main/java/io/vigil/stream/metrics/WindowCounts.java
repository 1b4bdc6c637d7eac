package io.vigil.stream.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The counts of one open tenant minute, kept in memory next to the store that holds what a restart
 * needs. Emitting a window reads the per-dimension counts here instead of scanning the store every
 * second, and counting needs no store read.
 *
 * <p>The store holds one long per severity × category × source combination (one store write per
 * event for three of the four dimensions; a tenant minute has a few dozen combinations) and one per
 * talker. Restoring sums the combinations back into the three dimensions. Keys of the layout before
 * it (one long per dimension value, {@code severity|HIGH}) still restore, and are deleted with
 * their window.
 */
final class WindowCounts {

    static final String TALKERS = "talkers";
    /** Store key suffix of a combination: {@code #c|severity|categoryLength|category source}. */
    private static final String COMBINATION = "#c|";

    private static final char SEP = '|';

    final Map<String, Map<String, Long>> byDimension = new HashMap<>();
    /** Counts per combination, by store key suffix (what the store holds for them). */
    final Map<String, Long> combinations = new HashMap<>();
    /** Store key suffixes in the per-dimension layout, restored from before the combinations. */
    final List<String> legacyKeys = new ArrayList<>();
    /** Version of the last record emitted for this window. */
    long version;
    /** Whether something was counted since the last emission. */
    boolean changed = true;

    /** The store key suffix of one combination; the category's length keeps any '|' in it unambiguous. */
    static String combination(String severity, String category, String source) {
        return COMBINATION + severity + SEP + category.length() + SEP + category + source;
    }

    static boolean isCombination(String suffix) {
        return suffix.startsWith(COMBINATION);
    }

    /** Counts one event's severity, category and source; returns the combination's new count. */
    long count(String severity, String category, String source, String combination) {
        increment("severity", severity);
        increment("category", category);
        increment("source", source);
        return combinations.merge(combination, 1L, Long::sum);
    }

    /** Adds one and returns the new count. */
    long increment(String dimension, String value) {
        return byDimension.computeIfAbsent(dimension, d -> new HashMap<>()).merge(value, 1L, Long::sum);
    }

    /** A combination read back from the store. */
    void restoreCombination(String suffix, long count) {
        int severityEnd = suffix.indexOf(SEP, COMBINATION.length());
        int lengthEnd = suffix.indexOf(SEP, severityEnd + 1);
        int categoryLength = Integer.parseInt(suffix.substring(severityEnd + 1, lengthEnd));
        int categoryEnd = lengthEnd + 1 + categoryLength;
        add("severity", suffix.substring(COMBINATION.length(), severityEnd), count);
        add("category", suffix.substring(lengthEnd + 1, categoryEnd), count);
        add("source", suffix.substring(categoryEnd), count);
        combinations.put(suffix, count);
    }

    /** A per-dimension count read back from the store (talkers, or the layout before combinations). */
    void restore(String dimension, String value, long count) {
        if (!dimension.equals(TALKERS)) legacyKeys.add(dimension + SEP + value);
        add(dimension, value, count);
    }

    private void add(String dimension, String value, long count) {
        byDimension.computeIfAbsent(dimension, d -> new HashMap<>()).merge(value, count, Long::sum);
    }

    /** A copy of one dimension's counts (empty if none), safe to hand to an output record. */
    Map<String, Long> counts(String dimension) {
        Map<String, Long> counts = byDimension.get(dimension);
        return counts == null ? new HashMap<>() : new HashMap<>(counts);
    }

    /** Every store key suffix this window has written or restored (deleted when the window is final). */
    List<String> storeKeys() {
        List<String> keys = new ArrayList<>(combinations.keySet());
        keys.addAll(legacyKeys);
        Map<String, Long> talkers = byDimension.get(TALKERS);
        if (talkers != null) talkers.keySet().forEach(ip -> keys.add(TALKERS + SEP + ip));
        return keys;
    }

    long total() {
        Map<String, Long> severity = byDimension.get("severity");
        long total = 0;
        if (severity != null) for (long count : severity.values()) total += count;
        return total;
    }
}
