package io.vigil.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import tools.jackson.databind.JsonNode;

/**
 * One row of the results table: a figure read from each system's measurement (one or several
 * numbers shown together, e.g. p50 / p99), its targets, and which number the ratio columns use.
 */
record Figure(String label, String target, List<String> paths, int ratioIndex) {

    static Figure of(String label, String target, String... paths) {
        return new Figure(label, target, List.of(paths), paths.length - 1);
    }

    /** The numbers of this figure for one system; empty entries where it was not measured. */
    List<OptionalDouble> values(JsonNode system) {
        List<OptionalDouble> out = new ArrayList<>();
        for (String path : paths) {
            JsonNode node = system.at(path);
            out.add(node.isNumber() ? OptionalDouble.of(node.asDouble()) : OptionalDouble.empty());
        }
        return out;
    }

    OptionalDouble ratioValue(JsonNode system) {
        return values(system).get(ratioIndex);
    }

    String cell(JsonNode system) {
        List<String> parts = new ArrayList<>();
        for (OptionalDouble v : values(system)) {
            parts.add(v.isPresent() ? format(v.getAsDouble()) : "—");
        }
        String joined = String.join(" / ", parts);
        return joined.replace("—", "").replace(" / ", "").isEmpty() ? "—" : joined;
    }

    static String format(double v) {
        if (Math.abs(v) >= 100 || v == Math.rint(v)) {
            return String.format(java.util.Locale.ROOT, "%,.0f", v);
        }
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }

    /** The figures of the gateway-level table, in order (JSON pointers into one system's object). */
    static List<Figure> all() {
        String f1 = "/fanout/1000";
        String f10 = "/fanout/10000";
        return List.of(
                of(
                        "sessions held, zero errors",
                        "i7: 10,000 (stretch 20,000); i10: 20,000 shared",
                        "/sessions/maxHeld"),
                of(
                        "connect p50 / p99 at 200/s (ms)",
                        "i7: p99 < 100",
                        "/connect/connectP50Ms",
                        "/connect/connectP99Ms"),
                of("fan-out, 1,000 sessions: max delivered frames/s", "", f1 + "/maxDeliveredFramesPerSecond"),
                of(
                        "fan-out, 1,000 sessions: frames/s at p99 < 100 ms",
                        "i10: ≥ 1.5 × Socket.IO",
                        f1 + "/framesPerSecondAtP99Under100Ms"),
                of(
                        "e2e p50 / p99 / p99.9 at 10% of max, 1,000 sessions (ms)",
                        "i7: p50 ≤ 20, p99 ≤ 100; i10: p99 < 50",
                        f1 + "/at10pct/latencyP50Ms",
                        f1 + "/at10pct/latencyP99Ms",
                        f1 + "/at10pct/latencyP999Ms"),
                of(
                        "e2e p50 / p99 / p99.9 at 80% of max, 1,000 sessions (ms)",
                        "", f1 + "/at80pct/latencyP50Ms", f1 + "/at80pct/latencyP99Ms", f1 + "/at80pct/latencyP999Ms"),
                of("fan-out, 10,000 sessions: max delivered frames/s", "", f10 + "/maxDeliveredFramesPerSecond"),
                of(
                        "e2e p50 / p99 at 10% of max, 10,000 sessions (ms)",
                        "", f10 + "/at10pct/latencyP50Ms", f10 + "/at10pct/latencyP99Ms"),
                of("RSS per 1,000 sessions: gateway JVM (MiB)", "i7: < 60", "/memory/per1000SessionsMiB/gateway"),
                of("RSS per 1,000 sessions: RabbitMQ beam.smp (MiB)", "", "/memory/per1000SessionsMiB/rabbitmq"),
                of("RSS per 1,000 sessions: Socket.IO nodes (MiB)", "", "/memory/per1000SessionsMiB/socketio"),
                of("RabbitMQ connections per session", "", "/brokerConnectionsPerSession"));
    }
}
