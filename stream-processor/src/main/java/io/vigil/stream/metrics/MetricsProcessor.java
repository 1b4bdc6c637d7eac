package io.vigil.stream.metrics;

import io.vigil.contracts.event.SecurityEvent;
import io.vigil.contracts.metrics.MetricsWindow;
import io.vigil.contracts.topic.Keys;
import io.vigil.stream.config.VigilProperties;
import io.vigil.stream.window.WindowClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
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
 * the store as one small long per {@code tenant|windowStart|dimension|value} (cheap to update per
 * event); a wall-clock punctuation emits changed windows at most once per emit interval, and the
 * final record of each window once the {@link WindowClock} has passed its end plus grace.
 */
final class MetricsProcessor implements Processor<String, SecurityEvent, String, MetricsWindow> {

    static final List<String> DIMENSIONS = List.of("severity", "category", "source", "talkers");
    static final long WINDOW_MS = 60_000;
    private static final char SEP = '|';
    private static final String VERSION = "#version";
    private static final Logger log = LoggerFactory.getLogger(MetricsProcessor.class);

    private final String storeName;
    private final VigilProperties.Metrics config;
    private final WindowClock clock = new WindowClock();
    /** Open windows ("tenant|start") and whether they changed since their last emission. */
    private final Map<String, Boolean> open = new TreeMap<>();
    private ProcessorContext<String, MetricsWindow> context;
    private KeyValueStore<String, Long> store;
    private long late;

    MetricsProcessor(String storeName, VigilProperties.Metrics config) {
        this.storeName = storeName;
        this.config = config;
    }

    @Override
    public void init(ProcessorContext<String, MetricsWindow> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        try (KeyValueIterator<String, Long> all = store.all()) {
            // After a restart or rebalance every restored window is re-emitted once: cheap and safe.
            all.forEachRemaining(kv -> open.put(windowOf(kv.key), true));
        }
        // Restart the clock from the restored windows, so they still close on a quiet stream.
        long wall = context.currentSystemTimeMs();
        open.keySet().forEach(w -> clock.observe(Long.parseLong(w.substring(w.indexOf(SEP) + 1)), wall));
        context.schedule(config.emitInterval(), PunctuationType.WALL_CLOCK_TIME, this::emit);
    }

    @Override
    public void process(Record<String, SecurityEvent> record) {
        SecurityEvent event = record.value();
        if (event == null) return;
        long wall = context.currentSystemTimeMs();
        long time = event.time().toEpochMilli();
        clock.observe(time, wall);
        long start = Math.floorDiv(time, WINDOW_MS) * WINDOW_MS;
        if (clock.closed(start + WINDOW_MS, config.grace().toMillis(), wall)) {
            late++;
            if (late == 1 || late % 1000 == 0) {
                log.info("{} late event(s) not counted in closed minute windows (latest: {} at {}, grace {})",
                        late, event.tenant(), event.time(), config.grace());
            }
            return;
        }
        String window = event.tenant() + SEP + start;
        open.put(window, true);
        increment(window, "severity", event.severity().name());
        increment(window, "category", event.category());
        increment(window, "source", event.source());
        if (event.entities().srcIp() != null) increment(window, "talkers", event.entities().srcIp());
    }

    private void increment(String window, String dimension, String value) {
        String key = window + SEP + dimension + SEP + (value == null ? "unknown" : value);
        Long count = store.get(key);
        store.put(key, count == null ? 1L : count + 1);
    }

    private void emit(long wallMs) {
        List<String> closed = new ArrayList<>();
        for (Map.Entry<String, Boolean> window : open.entrySet()) {
            long start = Long.parseLong(window.getKey().substring(window.getKey().indexOf(SEP) + 1));
            boolean isFinal = clock.closed(start + WINDOW_MS, config.grace().toMillis(), wallMs);
            if (isFinal || window.getValue()) {
                emitWindow(window.getKey(), start, isFinal, wallMs);
                window.setValue(false);
            }
            if (isFinal) closed.add(window.getKey());
        }
        closed.forEach(open::remove);
    }

    private void emitWindow(String window, long start, boolean isFinal, long wallMs) {
        String tenant = window.substring(0, window.indexOf(SEP));
        Map<String, Map<String, Long>> counts = new HashMap<>();
        DIMENSIONS.forEach(d -> counts.put(d, new HashMap<>()));
        Set<String> keys = new LinkedHashSet<>();
        long version = 0;
        try (KeyValueIterator<String, Long> it = store.prefixScan(window + SEP, Serdes.String().serializer())) {
            while (it.hasNext()) {
                var kv = it.next();
                keys.add(kv.key);
                String rest = kv.key.substring(window.length() + 1);
                if (rest.equals(VERSION)) {
                    version = kv.value;
                    continue;
                }
                int sep = rest.indexOf(SEP);
                counts.computeIfAbsent(rest.substring(0, sep), d -> new HashMap<>()).put(rest.substring(sep + 1), kv.value);
            }
        }
        version++;
        long total = counts.get("severity").values().stream().mapToLong(Long::longValue).sum();
        Instant windowStart = Instant.ofEpochMilli(start);
        Instant windowEnd = Instant.ofEpochMilli(start + WINDOW_MS);
        for (String dimension : DIMENSIONS) {
            Map<String, Long> values = dimension.equals("talkers") ? top(counts.get(dimension)) : counts.get(dimension);
            var value = new MetricsWindow(tenant, dimension, windowStart, windowEnd, total, values, isFinal, version);
            // Output records carry the wall-clock time, so the topic's age-based retention counts from
            // when a window was computed, not from the (possibly replayed, years-old) event time.
            context.forward(new Record<>(Keys.metrics(tenant, dimension, windowStart), value, wallMs));
        }
        if (isFinal) {
            keys.forEach(store::delete);
        } else {
            store.put(window + SEP + VERSION, version);
        }
    }

    private Map<String, Long> top(Map<String, Long> talkers) {
        if (talkers.size() <= config.topTalkers()) return talkers;
        Map<String, Long> top = new HashMap<>();
        talkers.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(config.topTalkers())
                .forEach(e -> top.put(e.getKey(), e.getValue()));
        return top;
    }

    private static String windowOf(String key) {
        int first = key.indexOf(SEP);
        return key.substring(0, key.indexOf(SEP, first + 1));
    }
}
