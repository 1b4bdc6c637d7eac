package io.vigil.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.simulator.RecordingSink;
import io.vigil.simulator.formats.SourceFormat;
import io.vigil.simulator.kafka.OutboundRecord;
import io.vigil.simulator.scenario.ScenarioKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The run and simulate loops, stepped on made-up time with an in-memory sink. */
class TrafficLoopTest {

    private static final Instant START = Instant.parse("2026-11-23T14:00:00Z");
    private final RecordingSink sink = new RecordingSink();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @Test
    void simulateSendsBackgroundAndTheScenarioWithKeysAndHeaders() {
        TrafficLoop loop = TrafficLoop.single(
                "acme",
                20,
                Optional.of(ScenarioKind.PORT_SCAN),
                Duration.ofSeconds(5),
                new Random(5),
                sink,
                new PrintStream(out, true, StandardCharsets.UTF_8));

        step(loop, Duration.ofSeconds(60));

        long background = sink.records.size() - loop.stats().scenarioEvents();
        assertThat(background).isBetween(1_195L, 1_201L);
        assertThat(loop.stats().scenarioEvents()).isEqualTo(243);
        assertThat(loop.stats().total()).isEqualTo(sink.records.size());
        assertThat(loop.unsentScenarioActivities()).isZero();
        Set<String> formats = sink.records.stream().map(OutboundRecord::format).collect(Collectors.toSet());
        assertThat(formats)
                .containsExactlyInAnyOrder(List.of(SourceFormat.values()).stream()
                        .map(SourceFormat::header)
                        .toArray(String[]::new));
        assertThat(sink.records)
                .allMatch(r -> "acme".equals(r.tenant())
                        && r.key().startsWith("acme/")
                        && r.key().length() > "acme/".length());
        JsonMapper mapper = JsonMapper.builder().build();
        assertThat(sink.records).allMatch(r -> mapper.readTree(r.value()).isObject());
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("scenario started: port-scan on acme (243 events");
        assertThat(printed.lines().filter(l -> l.contains(" sent="))).hasSize(6);
        assertThat(printed).contains("scenario running: port-scan on acme").contains("scenario running: none");
    }

    @Test
    void runInjectsARandomScenarioForARandomTenantEveryPeriod() {
        TrafficLoop loop = TrafficLoop.continuous(
                List.of("acme", "globex", "initech"),
                30,
                Duration.ofSeconds(40),
                new Random(8),
                sink,
                new PrintStream(out, true, StandardCharsets.UTF_8));

        step(loop, Duration.ofSeconds(130));

        String printed = out.toString(StandardCharsets.UTF_8);
        // The first at 20 s, then every 40 s: at 20, 60, 100.
        assertThat(printed.lines().filter(l -> l.contains("scenario started"))).hasSize(3);
        assertThat(sink.records.stream().map(OutboundRecord::tenant).distinct()).hasSize(3);
        assertThat(loop.stats().scenarioEvents()).isPositive();
        assertThat(loop.stats().failed()).isZero();
    }

    @Test
    void failedSendsAreCountedWithTheirReason() {
        RecordingSink refusing = new RecordingSink(r -> true);
        TrafficLoop loop = TrafficLoop.single(
                "acme",
                10,
                Optional.empty(),
                Duration.ZERO,
                new Random(1),
                refusing,
                new PrintStream(out, true, StandardCharsets.UTF_8));

        step(loop, Duration.ofSeconds(11));

        assertThat(loop.stats().failed()).isEqualTo(loop.stats().total()).isPositive();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("last failure: IllegalStateException: refused by test");
    }

    private static void step(TrafficLoop loop, Duration length) {
        for (Instant now = START; !now.isAfter(START.plus(length)); now = now.plusMillis(100)) {
            loop.step(now);
        }
    }
}
