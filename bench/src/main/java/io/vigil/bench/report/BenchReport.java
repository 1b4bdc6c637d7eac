package io.vigil.bench.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the benchmark's plots and its generated section of docs/benchmarks.md from results.json.
 * Usage: {@code BenchReport <results.json> <docs/benchmarks.md> <docs/bench> [hot-methods.txt]} (called by
 * bench/run.sh; the last one is {@code jfr view hot-methods} of the relay gateway when BENCH_JFR=1).
 */
public final class BenchReport {

    private BenchReport() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3 || args.length > 4) {
            throw new IllegalArgumentException(
                    "usage: BenchReport <results.json> <benchmarks.md> <plot directory> [jfr hot-methods text]");
        }
        System.setProperty("java.awt.headless", "true");
        JsonNode results = JsonMapper.builder().build().readTree(Files.readString(Path.of(args[0])));
        Path doc = Path.of(args[1]);
        List<String> plots = Charts.write(results, Path.of(args[2])).stream()
                .map(p -> p.getFileName().toString())
                .toList();
        String current = Files.exists(doc) ? Files.readString(doc) : "# Benchmarks\n";
        String generated = MarkdownReport.render(results, plots);
        if (args.length == 4 && Files.exists(Path.of(args[3]))) {
            generated += MarkdownReport.hotMethods(Files.readString(Path.of(args[3])));
        }
        Files.writeString(doc, DocSection.replace(current, generated));
        System.out.println("wrote " + doc + " and " + plots.size() + " plots in " + args[2]);
    }
}
