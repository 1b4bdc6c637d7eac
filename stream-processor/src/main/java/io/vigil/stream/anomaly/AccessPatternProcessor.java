package io.vigil.stream.anomaly;

import io.vigil.contracts.anomaly.Anomaly;
import io.vigil.contracts.event.Outcome;
import io.vigil.contracts.event.Severity;
import io.vigil.contracts.topic.Keys;
import io.vigil.stream.config.VigilProperties;
import io.vigil.stream.window.PunctuationLag;
import io.vigil.stream.window.WindowClock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Per-subject windowed detectors. fan_out: one source address reaching many distinct destination
 * ports or hosts in a window (a scan). auth_burst: many failed logons for one user or from one
 * address in a window, raised to critical when a success follows the burst. Each fires when its
 * threshold is crossed and is restated with the final figures when the window closes.
 */
final class AccessPatternProcessor implements Processor<String, Observation, String, Anomaly> {

    private static final char SEP = '|';
    /** Distinct sets stop at this many times their threshold (critical is 20 times). */
    private static final int CAP = 25;

    private static final java.time.Duration CLOSE_INTERVAL = java.time.Duration.ofSeconds(1);

    private final String storeName;
    private final VigilProperties.Anomaly config;
    /**
     * Open windows per subject ("tenant/detector/subject"), each subject with its own clock: each
     * subject's events follow their own timeline, so one source's late events (common when a
     * collector replays a file) do not close another source's windows. Mirrored in the store (keys
     * "subject|start"), which survives restarts.
     */
    private final Map<String, Subject> subjects = new HashMap<>();

    private final PunctuationLag punctuationLag;
    private ProcessorContext<String, Anomaly> context;
    private KeyValueStore<String, AccessWindow> store;
    private PunctuationLag.Schedule closeSchedule;

    AccessPatternProcessor(String storeName, VigilProperties.Anomaly config, PunctuationLag punctuationLag) {
        this.storeName = storeName;
        this.config = config;
        this.punctuationLag = punctuationLag;
    }

    @Override
    public void init(ProcessorContext<String, Anomaly> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        context.schedule(CLOSE_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::closeWindows);
        long wall = context.currentSystemTimeMs();
        closeSchedule = punctuationLag.register(
                PunctuationLag.Punctuation.ANOMALY_CLOSE, context.taskId().toString(), CLOSE_INTERVAL, wall);
        try (KeyValueIterator<String, AccessWindow> all = store.all()) {
            all.forEachRemaining(kv -> {
                Subject subject = subjectOf(kv.key.substring(0, kv.key.lastIndexOf(SEP)));
                subject.windows.put(kv.value.start(), kv.value);
                // Restart the clocks from the restored windows, so they still close on a quiet stream.
                subject.clock.observe(kv.value.start(), wall);
            });
        }
    }

    @Override
    public void process(Record<String, Observation> record) {
        Observation o = record.value();
        if (o == null) return;
        long wall = context.currentSystemTimeMs();
        long time = o.time().toEpochMilli();
        Subject subject = subjectOf(record.key());
        WindowClock clock = subject.clock;
        clock.observe(time, wall);
        long size = config.window().toMillis();
        long start = Math.floorDiv(time, size) * size;
        if (clock.closed(start + size, config.grace().toMillis(), wall)) return;
        AccessWindow window = subject.windows.get(start);
        if (window == null) window = AccessWindow.open(o, start);
        AccessWindow before = window;
        boolean changed = false;
        boolean fire = false;
        if (o.detector().equals(Observation.FAN_OUT)) {
            if (o.dstPort() != null
                    && window.ports().size() < CAP * config.fanOutPorts()
                    && window.ports().add(o.dstPort())) {
                changed = true;
                fire = window.ports().size() == config.fanOutPorts();
            }
            if (o.dstIp() != null
                    && window.hosts().size() < CAP * config.fanOutHosts()
                    && window.hosts().add(o.dstIp())) {
                changed = true;
                fire |= window.hosts().size() == config.fanOutHosts();
            }
        } else if (o.outcome() == Outcome.FAILURE) {
            window = window.withFailure();
            changed = true;
            fire = window.failures() == config.authFailures();
        } else if (o.outcome() == Outcome.SUCCESS
                && window.failures() >= config.authFailures()
                && window.successAt() == 0) {
            window = window.withSuccessAt(time);
            changed = true;
            fire = true;
        }
        if (fire) window = fire(window, false);
        if (changed || window != before) {
            subject.windows.put(start, window);
            store.put(record.key() + SEP + start, window);
        }
    }

    private AccessWindow fire(AccessWindow window, boolean isFinal) {
        AccessWindow next = window.withVersion(window.version() + 1);
        Instant windowStart = Instant.ofEpochMilli(window.start());
        Instant windowEnd = windowStart.plus(config.window());
        Anomaly anomaly = window.detector().equals(Observation.FAN_OUT)
                ? fanOut(next, windowStart, windowEnd, isFinal)
                : authBurst(next, windowStart, windowEnd, isFinal);
        context.forward(new Record<>(
                Keys.anomaly(window.tenant(), window.detector(), window.subject(), windowStart),
                anomaly,
                context.currentSystemTimeMs()));
        return next;
    }

    private Anomaly fanOut(AccessWindow w, Instant start, Instant end, boolean isFinal) {
        long ports = w.ports().size();
        long hosts = w.hosts().size();
        double portRatio = (double) ports / config.fanOutPorts();
        double hostRatio = (double) hosts / config.fanOutHosts();
        boolean byPorts = portRatio >= hostRatio;
        double ratio = Math.max(portRatio, hostRatio);
        String reason =
                "%s reached %d distinct destination ports and %d distinct hosts within %s (threshold: %d ports or %d hosts)%s"
                        .formatted(
                                w.subject(),
                                ports,
                                hosts,
                                config.window(),
                                config.fanOutPorts(),
                                config.fanOutHosts(),
                                isFinal ? "; window closed" : "");
        return new Anomaly(
                w.tenant(),
                w.detector(),
                w.subject(),
                start,
                end,
                byPorts ? ports : hosts,
                byPorts ? config.fanOutPorts() : config.fanOutHosts(),
                Math.round(ratio * 100) / 100.0,
                ratio >= 20 ? Severity.CRITICAL : ratio >= 4 ? Severity.HIGH : Severity.MEDIUM,
                reason,
                Instant.ofEpochMilli(context.currentSystemTimeMs()),
                w.version());
    }

    private Anomaly authBurst(AccessWindow w, Instant start, Instant end, boolean isFinal) {
        long failures = w.failures();
        long success = w.successAt();
        double ratio = (double) failures / config.authFailures();
        Severity severity = success > 0 ? Severity.CRITICAL : ratio >= 5 ? Severity.HIGH : Severity.MEDIUM;
        String reason = "%d failed logons for %s within %s (threshold %d)%s%s"
                .formatted(
                        failures,
                        w.subject(),
                        config.window(),
                        config.authFailures(),
                        success > 0
                                ? ", followed by a successful logon at " + Instant.ofEpochMilli(success)
                                        + " (possible compromise)"
                                : ", no successful logon followed",
                        isFinal ? "; window closed" : "");
        return new Anomaly(
                w.tenant(),
                w.detector(),
                w.subject(),
                start,
                end,
                failures,
                config.authFailures(),
                Math.round(ratio * 100) / 100.0,
                severity,
                reason,
                Instant.ofEpochMilli(context.currentSystemTimeMs()),
                w.version());
    }

    /**
     * Closes the windows whose subject clock has passed their end plus grace. A subject's windows
     * are checked oldest first and the check stops at the first one still open (later windows end
     * later), so a second's work is one clock check per subject, not one per window.
     */
    private void closeWindows(long wallMs) {
        long size = config.window().toMillis();
        long grace = config.grace().toMillis();
        var it = subjects.entrySet().iterator();
        while (it.hasNext()) {
            var entry = it.next();
            Subject subject = entry.getValue();
            for (var oldest = subject.windows.firstEntry();
                    oldest != null && subject.clock.closed(oldest.getKey() + size, grace, wallMs);
                    oldest = subject.windows.firstEntry()) {
                subject.windows.pollFirstEntry();
                if (oldest.getValue().version() > 0) fire(oldest.getValue(), true);
                store.delete(entry.getKey() + SEP + oldest.getKey());
            }
            // Forget subjects without an open window that have been idle for ten windows: a clock
            // kept that long still refuses late events for windows it has already closed.
            if (subject.windows.isEmpty() && subject.clock.idleMs(wallMs) > 10 * size) it.remove();
        }
        closeSchedule.completed(wallMs);
    }

    @Override
    public void close() {
        if (closeSchedule != null) closeSchedule.unregister();
    }

    private Subject subjectOf(String subjectKey) {
        return subjects.computeIfAbsent(subjectKey, k -> new Subject());
    }

    /** One subject's clock and open windows by start. */
    private static final class Subject {
        final WindowClock clock = new WindowClock();
        final TreeMap<Long, AccessWindow> windows = new TreeMap<>();
    }
}
