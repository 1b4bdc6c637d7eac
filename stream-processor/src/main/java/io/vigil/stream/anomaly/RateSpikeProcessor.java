package io.vigil.stream.anomaly;

import io.vigil.contracts.anomaly.Anomaly;
import io.vigil.contracts.event.Severity;
import io.vigil.contracts.metrics.MetricsWindow;
import io.vigil.contracts.model.Baseline;
import io.vigil.contracts.topic.Keys;
import io.vigil.stream.config.VigilProperties;
import io.vigil.stream.model.ModelParamsTable;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Rate spikes: reads the minute counts from metrics.minute and compares each series
 * ("dimension/value", plus "total/all") with its baseline for the window's hour of week, from
 * model.params. A z-score at or above the threshold (and a count above a floor) fires once per
 * window, on the first provisional count that crosses it, and is restated with the final count.
 * Without a baseline a cold-start default applies, and its findings stay at medium severity.
 */
final class RateSpikeProcessor implements Processor<String, MetricsWindow, String, Anomaly> {

    static final String DETECTOR = "rate_spike";

    private final String storeName;
    private final VigilProperties.Anomaly config;
    private ProcessorContext<String, Anomaly> context;
    private KeyValueStore<String, Long> fired;
    private ModelParamsTable.Lookup params;

    RateSpikeProcessor(String storeName, VigilProperties.Anomaly config) {
        this.storeName = storeName;
        this.config = config;
    }

    @Override
    public void init(ProcessorContext<String, Anomaly> context) {
        this.context = context;
        this.fired = context.getStateStore(storeName);
        this.params = ModelParamsTable.lookup(context);
    }

    @Override
    public void process(Record<String, MetricsWindow> record) {
        MetricsWindow window = record.value();
        if (window == null || window.dimension().equals("talkers")) return;
        if (window.dimension().equals("severity")) {
            check(window, "total/all", window.total());
        }
        for (Map.Entry<String, Long> count : window.counts().entrySet()) {
            check(window, window.dimension() + "/" + count.getKey(), count.getValue());
        }
    }

    private void check(MetricsWindow window, String series, long observed) {
        String key = Keys.anomaly(window.tenant(), DETECTOR, series, window.windowStart());
        Long version = fired.get(key);
        boolean firedBefore = version != null;
        if (firedBefore && !window.isFinal()) return;
        Baseline baseline = params.baseline(window.tenant(), series);
        int hour = Baseline.hourOfWeek(window.windowStart());
        double mean =
                baseline == null ? config.coldStartMean() : baseline.mean().get(hour);
        double stddev =
                baseline == null ? config.coldStartStddev() : baseline.stddev().get(hour);
        // A flat baseline (stddev 0) would make every extra event infinitely surprising.
        double z = (observed - mean) / Math.max(stddev, 1.0);
        boolean spike = z >= config.zThreshold() && observed >= config.minSpikeCount();
        if (!spike && !firedBefore) return;
        long next = firedBefore ? version + 1 : 1;
        Severity severity = severity(z, baseline != null);
        String reason = "%s: %d events in the minute from %s, expected %.1f ± %.1f (z = %.1f, %s)%s"
                .formatted(
                        series,
                        observed,
                        window.windowStart(),
                        mean,
                        stddev,
                        z,
                        baseline == null ? "cold-start default, no baseline yet" : "baseline for hour-of-week " + hour,
                        window.isFinal() ? "; window closed" : "");
        var anomaly = new Anomaly(
                window.tenant(),
                DETECTOR,
                series,
                window.windowStart(),
                window.windowEnd(),
                observed,
                mean,
                Math.round(z * 100) / 100.0,
                severity,
                reason,
                Instant.ofEpochMilli(context.currentSystemTimeMs()),
                next);
        context.forward(new Record<>(key, anomaly, context.currentSystemTimeMs()));
        if (window.isFinal()) {
            fired.delete(key);
        } else {
            fired.put(key, next);
        }
    }

    private Severity severity(double z, boolean learned) {
        double threshold = config.zThreshold();
        if (!learned || z < 2 * threshold) return Severity.MEDIUM;
        return z >= 4 * threshold ? Severity.CRITICAL : Severity.HIGH;
    }
}
