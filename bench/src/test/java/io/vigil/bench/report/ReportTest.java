package io.vigil.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ReportTest {

    private static JsonNode sample() throws Exception {
        try (InputStream in = ReportTest.class.getResourceAsStream("/sample-results.json")) {
            return JsonMapper.builder().build().readTree(in);
        }
    }

    @Test
    void tableHasOneColumnPerSystemAndRatiosAgainstBothPeers() throws Exception {
        String table = ResultsTable.render(sample());

        assertThat(table.lines().findFirst().orElseThrow())
                .contains("Vigil, relay mode", "RabbitMQ Web-STOMP direct", "Socket.IO + Redis adapter")
                .contains("relay / RabbitMQ", "relay / Socket.IO");
        assertThat(table)
                .contains(
                        "| sessions held, zero errors | i7: 10,000 (stretch 20,000); i10: 20,000 shared | 2,000 | 1,000 | — | 2.00× | — |");
        assertThat(table).contains("| 12 / 60 / 90 | 6 / 30 / 45 | — | 2.00× |");
        // a figure no system measured is left out
        assertThat(table).doesNotContain("10,000 sessions: max delivered");
    }

    @Test
    void markdownNamesTheCommandTheLoadTheFailuresAndTheStreamProcessor() throws Exception {
        String md = MarkdownReport.render(sample(), List.of("fanout-1000.png"));

        assertThat(md)
                .contains("`./vigil bench --quick`")
                .contains("`-Xmx768m --vigil.websocket.max-frame-bytes=4096`")
                .contains("load average [1.0,1.0,1.0]")
                .contains("Clients: Vigil, relay mode: lean STOMP client.")
                .contains("**Socket.IO + Redis adapter**: failed: `feeder exited with 1`")
                .contains(
                        "the sessions ladder stopped at 2000 sessions: 3 connects failed {\"connect timeout\":3}; connect p99 1,500 ms > 1 s")
                .contains("4,001 events/s through all topologies")
                .contains("![fanout-1000.png](bench/fanout-1000.png)");
    }

    @Test
    void systemsMeasuredAgainAreNamedWithWhenAndWhy() throws Exception {
        JsonNode results = sample();
        ((ObjectNode) results)
                .putArray("remeasured")
                .addObject()
                .put("label", "Vigil, shared mode")
                .put("at", "2026-11-23T07:00:00Z")
                .put("gatewayJvm", "-Xmx1536m -XX:+UseG1GC")
                .put("reason", "Tomcat capped each gateway at 8,192 connections");

        assertThat(MarkdownReport.render(results, List.of()))
                .contains("- **Vigil, shared mode**: measured again at 2026-11-23T07:00:00Z")
                .contains("Tomcat capped each gateway at 8,192 connections; its figures replace this run's");
    }

    @Test
    void generatedSectionIsReplacedBetweenMarkersAndOtherwiseAppended() {
        String doc = "# Benchmarks\n\nhand-written\n";
        String once = DocSection.replace(doc, "first");
        String twice = DocSection.replace(once + "\n## later hand-written\n", "second");

        assertThat(once).startsWith(doc).endsWith("<!-- bench:begin -->\nfirst\n<!-- bench:end -->\n");
        assertThat(twice)
                .contains("hand-written\n")
                .contains("<!-- bench:begin -->\nsecond\n<!-- bench:end -->\n")
                .contains("## later hand-written")
                .doesNotContain("first");
    }

    @Test
    void chartsAreWrittenOnlyForFiguresWithData(@TempDir Path dir) throws Exception {
        System.setProperty("java.awt.headless", "true");
        List<Path> files = Charts.write(sample(), dir);

        assertThat(files)
                .extracting(p -> p.getFileName().toString())
                .contains("fanout-1000.png", "latency-10pct.png", "memory-per-1000.png", "sessions-held.png")
                .allMatch(name -> name.endsWith(".png"));
        for (Path file : files) {
            byte[] head = Files.readAllBytes(file);
            assertThat(head[1]).isEqualTo((byte) 'P'); // PNG signature: \x89 P N G
        }
    }
}
