package io.vigil.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.simulator.kafka.SinkUnavailableException;
import io.vigil.testsupport.SampleData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and messages of the program, with an in-memory sink instead of Kafka. */
class SimulatorMainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final RecordingSink sink = new RecordingSink();

    private SimulatorMain main() {
        return new SimulatorMain(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                target -> sink,
                Clock.systemUTC());
    }

    @Test
    void helpPrintsUsageAndSucceeds() {
        assertThat(main().execute("--help")).isZero();
        assertThat(out.toString()).contains("Usage: siem-simulator <command>", "run", "simulate", "ingest");
        out.reset();
        assertThat(main().execute("simulate", "--help")).isZero();
        assertThat(out.toString()).contains("--scenario brute-force|port-scan|beaconing|exfiltration", "--tenant T");
    }

    @Test
    void badArgumentsExitWithTwoAndSayWhy() {
        assertThat(main().execute("simulate", "--rate", "10")).isEqualTo(2);
        assertThat(err.toString())
                .startsWith("error: option --tenant is required")
                .contains("Usage: siem-simulator simulate");
        assertThat(main().execute()).isEqualTo(2);
        assertThat(sink.records).isEmpty();
    }

    @Test
    void unreachableKafkaExitsWithOneAndTheReason() {
        SimulatorMain main = new SimulatorMain(
                new PrintStream(out),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                target -> {
                    throw new SinkUnavailableException("Kafka is not reachable at " + target.bootstrap());
                },
                Clock.systemUTC());

        assertThat(main.execute(
                        "ingest",
                        SampleData.suricata("honeypot-2018-alerts.json").toString(),
                        "--bootstrap",
                        "127.0.0.1:1"))
                .isEqualTo(1);
        assertThat(err.toString()).contains("error: Kafka is not reachable at 127.0.0.1:1");
    }

    @Test
    void ingestOfTheHoneypotSampleSendsEveryAlertWithTheHeaders() {
        int code = main().execute(
                        "ingest",
                        SampleData.suricata("honeypot-2018-alerts.json").toString(),
                        "--format",
                        "suricata",
                        "--tenant",
                        "acme");

        assertThat(code).isZero();
        assertThat(sink.records).hasSize(44).allMatch(r -> "suricata".equals(r.format()) && "acme".equals(r.tenant()));
        assertThat(out.toString()).contains("(JSON array): 44 elements, 44 sent, 0 failed");
        assertThat(sink.flushed).isTrue();
        assertThat(sink.closed).isTrue();
    }

    @Test
    void ingestWithBadLinesReportsEachAndExitsWithOne(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("events.ndjson");
        Files.writeString(file, "{\"a\":1}\n{oops\n{\"b\":2}\n");

        assertThat(main().execute("ingest", file.toString())).isEqualTo(1);
        assertThat(sink.records).hasSize(2);
        assertThat(err.toString()).contains(file + ":2: malformed JSON");
        assertThat(out.toString()).contains("(NDJSON): 3 elements, 2 sent, 1 failed");
    }
}
