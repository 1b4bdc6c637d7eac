package io.vigil.simulator.run;

import io.vigil.simulator.formats.SourceFormat;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * Counts of records sent per format, failed sends and scenario activities. Updated from the
 * producer's callback thread as well as the main loop, hence the adders.
 */
public final class SendStats {

    private final Map<SourceFormat, LongAdder> sent = new EnumMap<>(SourceFormat.class);
    private final LongAdder failed = new LongAdder();
    private final LongAdder scenarioEvents = new LongAdder();
    private final AtomicReference<String> lastFailure = new AtomicReference<>();

    public SendStats() {
        for (SourceFormat format : SourceFormat.values()) {
            sent.put(format, new LongAdder());
        }
    }

    void sent(SourceFormat format, boolean fromScenario) {
        sent.get(format).increment();
        if (fromScenario) {
            scenarioEvents.increment();
        }
    }

    void failed(Exception reason) {
        failed.increment();
        lastFailure.set(reason.getClass().getSimpleName() + ": " + reason.getMessage());
    }

    public long total() {
        return sent.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long sent(SourceFormat format) {
        return sent.get(format).sum();
    }

    public long failed() {
        return failed.sum();
    }

    public long scenarioEvents() {
        return scenarioEvents.sum();
    }

    /** "suricata=12 zeek=9 ... failed=0 (last failure: ...)". */
    public String perFormat() {
        String counts = sent.entrySet().stream()
                .map(e -> e.getKey().header() + "=" + e.getValue().sum())
                .collect(Collectors.joining(" "));
        String failure = lastFailure.get();
        return counts + " failed=" + failed() + (failure == null ? "" : " (last failure: " + failure + ")");
    }
}
