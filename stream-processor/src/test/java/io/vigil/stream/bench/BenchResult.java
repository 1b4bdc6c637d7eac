package io.vigil.stream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One benchmark run's figures, written as JSON to the file named by {@code BENCH_RESULT_JSON} (the
 * repository's {@code ./vigil bench} folds it into {@code target/bench/results.json}). {@code ratio}
 * is a fraction (0.05 = 5% of the raw consumer rate); {@code cpuMsPerEvent} is the benchmark JVM's
 * CPU time over the run through all topologies divided by the events.
 */
record BenchResult(
        long events,
        double eventsPerSecond,
        double rawConsumerPerSecond,
        double latencyP50Ms,
        double latencyP99Ms,
        double cpuCores,
        double cpuMsPerEvent) {

    double ratio() {
        return eventsPerSecond / rawConsumerPerSecond;
    }

    String toJson() {
        return String.format(
                Locale.ROOT,
                "{\"events\":%d,\"eventsPerSecond\":%s,\"rawConsumerPerSecond\":%s,\"ratio\":%s,"
                        + "\"latencyP50Ms\":%s,\"latencyP99Ms\":%s,\"cpuCores\":%s,\"cpuMsPerEvent\":%s}",
                events,
                number(eventsPerSecond, 1),
                number(rawConsumerPerSecond, 1),
                number(ratio(), 4),
                number(latencyP50Ms, 1),
                number(latencyP99Ms, 1),
                number(cpuCores, 3),
                number(cpuMsPerEvent, 4));
    }

    /** Writes the JSON if {@code BENCH_RESULT_JSON} names a file (parent directories are created). */
    void writeIfRequested() throws IOException {
        String target = System.getenv("BENCH_RESULT_JSON");
        if (target == null || target.isBlank()) return;
        Path path = Path.of(target).toAbsolutePath();
        if (path.getParent() != null) Files.createDirectories(path.getParent());
        Files.writeString(path, toJson() + "\n");
        System.out.println("result written to " + path);
    }

    /** JSON has no NaN: a figure that could not be measured (no latency sample) is null. */
    private static String number(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) return "null";
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
