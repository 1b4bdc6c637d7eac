package io.vigil.stream.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.contracts.event.Severity;
import io.vigil.contracts.metrics.MetricsWindow;
import io.vigil.stream.TestProperties;
import io.vigil.stream.window.PunctuationLag;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a restart (or a task moving) rebuilds from the metrics store: the same counts the window had,
 * from the combination layout and from the per-dimension layout written before it, and nothing left
 * in the store once the window is final.
 */
class MetricsRestoreTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final String WINDOW = "t|" + T0.toEpochMilli() + "|";

    private KeyValueStore<String, Long> store;

    @BeforeEach
    void setUp() {
        store = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(MetricsTopology.STORE), Serdes.String(), Serdes.Long())
                .withLoggingDisabled()
                .build();
        var context = new MockProcessorContext<String, MetricsWindow>();
        store.init(context.getStateStoreContext(), store);
    }

    /** A processor over the store, started at {@code wallMs} (it restores what the store holds). */
    private Running start(long wallMs) {
        var context = new MockProcessorContext<String, MetricsWindow>();
        context.addStateStore(store);
        context.setCurrentSystemTimeMs(wallMs);
        var processor = new MetricsProcessor(
                MetricsTopology.STORE, TestProperties.defaults().metrics(), PunctuationLag.untracked());
        processor.init(context);
        return new Running(processor, context);
    }

    private record Running(MetricsProcessor processor, MockProcessorContext<String, MetricsWindow> context) {

        void count(Severity severity, String category, String source, String srcIp) {
            processor.process(
                    new Record<>("t", new MetricsEvent("t", T0.plusSeconds(5), severity, category, source, srcIp), 0L));
        }

        /** Runs the emit punctuation at {@code wallMs}; returns the emitted windows by dimension. */
        Map<String, MetricsWindow> emit(long wallMs) {
            context.resetForwards();
            context.setCurrentSystemTimeMs(wallMs);
            context.scheduledPunctuators().get(0).getPunctuator().punctuate(wallMs);
            Map<String, MetricsWindow> byDimension = new HashMap<>();
            context.forwarded()
                    .forEach(f -> byDimension.put(
                            f.record().value().dimension(), f.record().value()));
            return byDimension;
        }
    }

    private void countSome(Running running) {
        running.count(Severity.HIGH, "network", "zeek", "10.0.0.1");
        running.count(Severity.HIGH, "network", "zeek", "10.0.0.2");
        running.count(Severity.LOW, "a|b", "suricata", "10.0.0.1");
        running.count(Severity.LOW, null, "suricata", null);
    }

    @Test
    void aRestartEmitsTheCountsTheWindowHadAndAFinalWindowLeavesNothing() {
        long wall = T0.plusSeconds(6).toEpochMilli();
        var before = start(wall);
        countSome(before);
        var emitted = before.emit(wall + 1000);

        var after = start(wall + 2000);
        var restored = after.emit(wall + 3000);
        for (String dimension : MetricsProcessor.DIMENSIONS) {
            assertThat(restored.get(dimension).counts())
                    .as(dimension)
                    .isEqualTo(emitted.get(dimension).counts());
        }
        assertThat(restored.get("category").counts()).isEqualTo(Map.of("network", 2L, "a|b", 1L, "unknown", 1L));
        assertThat(restored.get("severity").total()).isEqualTo(4);
        assertThat(restored.get("severity").version()).isEqualTo(2);

        // Counting goes on from the restored numbers, in the same store keys.
        after.count(Severity.HIGH, "network", "zeek", "10.0.0.1");
        var closed = after.emit(T0.plusSeconds(75).toEpochMilli());
        assertThat(closed.get("severity").isFinal()).isTrue();
        assertThat(closed.get("severity").counts()).isEqualTo(Map.of("HIGH", 3L, "LOW", 2L));
        assertThat(closed.get("talkers").counts()).isEqualTo(Map.of("10.0.0.1", 3L, "10.0.0.2", 1L));
        assertThat(store.approximateNumEntries())
                .as("a final window's keys are deleted")
                .isZero();
    }

    @Test
    void countsStoredPerDimensionBeforeTheCombinationsStillRestore() {
        for (var legacy : List.of(
                Map.entry("severity|HIGH", 7L),
                Map.entry("category|network", 7L),
                Map.entry("source|zeek", 7L),
                Map.entry("talkers|10.0.0.9", 7L),
                Map.entry("#version", 3L))) {
            store.put(WINDOW + legacy.getKey(), legacy.getValue());
        }
        long wall = T0.plusSeconds(6).toEpochMilli();
        var running = start(wall);
        countSome(running);

        var emitted = running.emit(wall + 1000);
        assertThat(emitted.get("severity").counts()).isEqualTo(Map.of("HIGH", 9L, "LOW", 2L));
        assertThat(emitted.get("source").counts()).isEqualTo(Map.of("zeek", 9L, "suricata", 2L));
        assertThat(emitted.get("talkers").counts())
                .containsEntry("10.0.0.9", 7L)
                .containsEntry("10.0.0.1", 2L);
        assertThat(emitted.get("severity").total()).isEqualTo(11);
        assertThat(emitted.get("severity").version()).isEqualTo(4);

        running.emit(T0.plusSeconds(75).toEpochMilli());
        assertThat(store.approximateNumEntries())
                .as("old and new keys deleted with the window")
                .isZero();
    }
}
