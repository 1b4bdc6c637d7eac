package io.vigil.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;
import tools.jackson.databind.JsonNode;

/** The plots of docs/benchmarks.md: grouped bar charts (XChart), one PNG per figure. */
final class Charts {

    /** A chart: file name, title, y-axis title, and its series (name → JSON pointer in a system). */
    record Spec(String file, String title, String yAxis, Map<String, String> series) {}

    private Charts() {}

    static List<Spec> specs() {
        Map<String, String> fanout = new LinkedHashMap<>();
        fanout.put("max delivered frames/s", "/fanout/1000/maxDeliveredFramesPerSecond");
        fanout.put("frames/s at p99 < 100 ms", "/fanout/1000/framesPerSecondAtP99Under100Ms");
        Map<String, String> low = new LinkedHashMap<>();
        low.put("p50", "/fanout/1000/at10pct/latencyP50Ms");
        low.put("p99", "/fanout/1000/at10pct/latencyP99Ms");
        low.put("p99.9", "/fanout/1000/at10pct/latencyP999Ms");
        Map<String, String> high = new LinkedHashMap<>();
        high.put("p50", "/fanout/1000/at80pct/latencyP50Ms");
        high.put("p99", "/fanout/1000/at80pct/latencyP99Ms");
        high.put("p99.9", "/fanout/1000/at80pct/latencyP999Ms");
        Map<String, String> memory = new LinkedHashMap<>();
        memory.put("gateway JVM", "/memory/per1000SessionsMiB/gateway");
        memory.put("RabbitMQ", "/memory/per1000SessionsMiB/rabbitmq");
        memory.put("Socket.IO nodes", "/memory/per1000SessionsMiB/socketio");
        Map<String, String> connect = new LinkedHashMap<>();
        connect.put("p50", "/connect/connectP50Ms");
        connect.put("p99", "/connect/connectP99Ms");
        return List.of(
                new Spec("fanout-1000.png", "Fan-out, 1,000 sessions, 1 KiB", "frames/s", fanout),
                new Spec("latency-10pct.png", "End-to-end latency at 10% of max (Kafka produce → client)", "ms", low),
                new Spec("latency-80pct.png", "End-to-end latency at 80% of max (Kafka produce → client)", "ms", high),
                new Spec("memory-per-1000.png", "RSS growth per 1,000 sessions", "MiB", memory),
                new Spec(
                        "sessions-held.png",
                        "Sessions held with zero errors",
                        "sessions",
                        Map.of("sessions", "/sessions/maxHeld")),
                new Spec("connect-200.png", "Connect time at 200 connects/s", "ms", connect));
    }

    /** Writes every chart that has data; returns the files written. */
    static List<Path> write(JsonNode results, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        for (Spec spec : specs()) {
            CategoryChart chart = chart(results, spec);
            if (chart != null) {
                Path file = dir.resolve(spec.file());
                BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
                written.add(file);
            }
        }
        return written;
    }

    static CategoryChart chart(JsonNode results, Spec spec) {
        CategoryChart chart = new CategoryChartBuilder()
                .width(900)
                .height(420)
                .title(spec.title() + " (a missing bar: not measured)")
                .yAxisTitle(spec.yAxis())
                .build();
        chart.getStyler().setLegendVisible(spec.series().size() > 1);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setYAxisMin(0.0);
        boolean any = false;
        for (Map.Entry<String, String> series : spec.series().entrySet()) {
            List<String> names = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            for (JsonNode system : results.path("systems")) {
                JsonNode value = system.at(series.getValue());
                names.add(system.path("system").asString()); // short ids: the labels overlap
                values.add(value.isNumber() ? value.asDouble() : 0.0);
                any |= value.isNumber();
            }
            if (!names.isEmpty()) {
                chart.addSeries(series.getKey(), names, values);
            }
        }
        return any ? chart : null;
    }
}
