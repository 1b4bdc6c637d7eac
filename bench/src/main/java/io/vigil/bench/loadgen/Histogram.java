package io.vigil.bench.loadgen;

import java.util.ArrayList;
import java.util.List;

/**
 * Millisecond-bucket latency histogram up to 120 s, the Java twin of {@code common.mjs}'s: its
 * sparse form ({@code [[ms, count], ...]}) is what the orchestrator merges across workers.
 */
final class Histogram {

    private static final int MAX_MS = 120_000;

    private final int[] counts = new int[MAX_MS + 1];

    void add(long ms) {
        counts[(int) Math.max(0, Math.min(MAX_MS, ms))]++;
    }

    void add(double ms) {
        add(Math.round(ms));
    }

    List<long[]> sparse() {
        List<long[]> out = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 0) {
                out.add(new long[] {i, counts[i]});
            }
        }
        return out;
    }
}
