package io.vigil.stream.metrics;

import io.vigil.contracts.metrics.MetricsWindow;
import io.vigil.contracts.topic.Keys;
import io.vigil.stream.config.VigilProperties;
import io.vigil.stream.window.PunctuationLag;
import io.vigil.stream.window.WindowClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts events per tenant in one-minute tumbling windows along four dimensions. Counts live in
 * memory ({@link WindowCounts}) and in the store as one small long per
 * {@code tenant|windowStart|severity × category × source combination} and per talker (two cheap
 * store writes per event, and what a restart restores from); a wall-clock punctuation emits changed windows at most once per emit interval, and the
 * final record of each window once the {@link WindowClock} has passed its end plus grace.
 */
final class MetricsProcessor implements Processor<String, MetricsEvent, String, MetricsWindow> {

    static final List<String> DIMENSIONS = List.of("severity", "category", "source", "talkers");
    static final long WINDOW_MS = 60_000;
    private static final char SEP = '|';
    private static final String VERSION = "#version";
    private static final Logger log = LoggerFactory.getLogger(MetricsProcessor.class);

    private final String storeName;
    private final VigilProperties.Metrics config;
    private final PunctuationLag punctuationLag;
    private final WindowClock clock = new WindowClock();
    /** Open windows by "tenant|start", mirrored in the store (which survives restarts). */
    private final Map<String, WindowCounts> open = new TreeMap<>();

    private ProcessorContext<String, MetricsWindow> context;
    private KeyValueStore<String, Long> store;
    private PunctuationLag.Schedule emitSchedule;
    private long late;

    MetricsProcessor(String storeName, VigilProperties.Metrics config, PunctuationLag punctuationLag) {
        this.storeName = storeName;
        this.config = config;
        this.punctuationLag = punctuationLag;
    }

    @Override
    public void init(ProcessorContext<String, MetricsWindow> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        try (KeyValueIterator<String, Long> all = store.all()) {
            // After a restart or rebalance every restored window is re-emitted once: cheap and safe.
            all.forEachRemaining(kv -> {
                int first = kv.key.indexOf(SEP);
                int second = kv.key.indexOf(SEP, first + 1);
                WindowCounts counts = open.computeIfAbsent(kv.key.substring(0, second), w -> new WindowCounts());
                String rest = kv.key.substring(second + 1);
                if (rest.equals(VERSION)) {
                    counts.version = kv.value;
                } else if (WindowCounts.isCombination(rest)) {
                    counts.restoreCombination(rest, kv.value);
                } else {
                    int sep = rest.indexOf(SEP);
                    counts.restore(rest.substring(0, sep), rest.substring(sep + 1), kv.value);
                }
            });
        }
        // Restart the clock from the restored windows, so they still close on a quiet stream.
        long wall = context.currentSystemTimeMs();
        open.keySet().forEach(w -> clock.observe(startOf(w), wall));
        context.schedule(config.emitInterval(), PunctuationType.WALL_CLOCK_TIME, this::emit);
        emitSchedule = punctuationLag.register(
                PunctuationLag.Punctuation.METRICS_EMIT, context.taskId().toString(), config.emitInterval(), wall);
    }

    @Override
    public void close() {
        if (emitSchedule != null) emitSchedule.unregister();
    }

    @Override
    public void process(Record<String, MetricsEvent> record) {
        MetricsEvent event = record.value();
        if (event == null) return;
        long wall = context.currentSystemTimeMs();
        long time = event.time().toEpochMilli();
        clock.observe(time, wall);
        long start = Math.floorDiv(time, WINDOW_MS) * WINDOW_MS;
        if (clock.closed(start + WINDOW_MS, config.grace().toMillis(), wall)) {
            late++;
            if (late == 1 || late % 1000 == 0) {
                log.info(
                        "{} late event(s) not counted in closed minute windows (latest: {} at {}, grace {})",
                        late,
                        event.tenant(),
                        event.time(),
                        config.grace());
            }
            return;
        }
        String window = event.tenant() + SEP + start;
        WindowCounts counts = open.computeIfAbsent(window, w -> new WindowCounts());
        counts.changed = true;
        String severity = event.severity().name();
        String category = orUnknown(event.category());
        String source = orUnknown(event.source());
        String combination = WindowCounts.combination(severity, category, source);
        store.put(window + SEP + combination, counts.count(severity, category, source, combination));
        if (event.srcIp() != null) {
            store.put(
                    window + SEP + WindowCounts.TALKERS + SEP + event.srcIp(),
                    counts.increment(WindowCounts.TALKERS, event.srcIp()));
        }
    }

    private static String orUnknown(String value) {
        return value == null ? "unknown" : value;
    }

    private void emit(long wallMs) {
        List<String> closed = new ArrayList<>();
        for (Map.Entry<String, WindowCounts> window : open.entrySet()) {
            long start = startOf(window.getKey());
            boolean isFinal = clock.closed(start + WINDOW_MS, config.grace().toMillis(), wallMs);
            WindowCounts counts = window.getValue();
            if (isFinal || counts.changed) {
                emitWindow(window.getKey(), counts, start, isFinal, wallMs);
                counts.changed = false;
            }
            if (isFinal) closed.add(window.getKey());
        }
        closed.forEach(open::remove);
        emitSchedule.completed(wallMs);
    }

    private void emitWindow(String window, WindowCounts counts, long start, boolean isFinal, long wallMs) {
        String tenant = window.substring(0, window.indexOf(SEP));
        long version = counts.version + 1;
        long total = counts.total();
        Instant windowStart = Instant.ofEpochMilli(start);
        Instant windowEnd = Instant.ofEpochMilli(start + WINDOW_MS);
        for (String dimension : DIMENSIONS) {
            Map<String, Long> values = dimension.equals(WindowCounts.TALKERS)
                    ? top(counts.byDimension.get(dimension))
                    : counts.counts(dimension);
            var value = new MetricsWindow(tenant, dimension, windowStart, windowEnd, total, values, isFinal, version);
            // Output records carry the wall-clock time, so the topic's age-based retention counts from
            // when a window was computed, not from the (possibly replayed, years-old) event time.
            context.forward(new Record<>(Keys.metrics(tenant, dimension, windowStart), value, wallMs));
        }
        if (isFinal) {
            counts.storeKeys().forEach(suffix -> store.delete(window + SEP + suffix));
            if (counts.version > 0) store.delete(window + SEP + VERSION);
        } else {
            counts.version = version;
            store.put(window + SEP + VERSION, version);
        }
    }

    /** The top talkers, as a new map (the counts go on changing after the record is emitted). */
    private Map<String, Long> top(Map<String, Long> talkers) {
        if (talkers == null) return new HashMap<>();
        if (talkers.size() <= config.topTalkers()) return new HashMap<>(talkers);
        Map<String, Long> top = new HashMap<>();
        talkers.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(config.topTalkers())
                .forEach(e -> top.put(e.getKey(), e.getValue()));
        return top;
    }

    private static long startOf(String window) {
        return Long.parseLong(window.substring(window.indexOf(SEP) + 1));
    }
}
