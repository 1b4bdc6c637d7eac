package io.vigil.workers.retraining;

import io.vigil.contracts.metrics.MetricsWindow;
import io.vigil.contracts.model.Baseline;
import io.vigil.contracts.model.ModelParams;
import io.vigil.contracts.ops.TaskRequest;
import io.vigil.contracts.ops.TaskType;
import io.vigil.contracts.topic.Keys;
import io.vigil.contracts.topic.TopicNames;
import io.vigil.contracts.topic.VigilSerdes;
import io.vigil.workers.kafka.ModelParamsStore;
import io.vigil.workers.kafka.TopicReader;
import io.vigil.workers.task.TaskJob;
import io.vigil.workers.task.TaskParams;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Retrain: reads the final windows of {@code metrics.minute} over the lookback, fits each tenant's
 * hour-of-week baselines ({@link BaselineFitter}) and publishes them to {@code model.params} as model
 * "baseline", with what changed against the previous fit.
 */
@Component
class RetrainJob implements TaskJob {

    private final TopicReader reader;
    private final ModelParamsStore models;
    private final TopicNames topics;
    private final RetrainProperties properties;
    private final Clock clock;

    RetrainJob(
            TopicReader reader, ModelParamsStore models, TopicNames topics, RetrainProperties properties, Clock clock) {
        this.reader = reader;
        this.models = models;
        this.topics = topics;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public TaskType type() {
        return TaskType.RETRAIN;
    }

    @Override
    public Map<String, Object> run(TaskRequest request, Progress progress) throws Exception {
        TaskParams params = new TaskParams(request.params());
        Duration lookback = params.duration("lookback", properties.lookback());
        double prior = params.number("priorMinutes", properties.priorMinutes());
        if (prior < 0) throw new IllegalArgumentException("param 'priorMinutes' must not be negative");
        Instant now = clock.instant();
        progress.report(5, "reading %s since %s".formatted(topics.metrics(), now.minus(lookback)));
        Map<String, List<MetricsWindow>> byTenant = finalWindowsByTenant(now.minus(lookback), request.tenant());
        Map<String, ModelParams> previous = models.current(ModelParams.BASELINE);
        Map<String, Object> changes = new TreeMap<>();
        int done = 0;
        for (var entry : byTenant.entrySet()) {
            String tenant = entry.getKey();
            BaselineFitter.Fit fit = BaselineFitter.fit(entry.getValue(), prior, properties.excludedDimensions());
            ModelParams before = previous.get(tenant);
            Map<String, Object> changed = compare(before, fit);
            ModelParams fitted = new ModelParams(
                    tenant,
                    ModelParams.BASELINE,
                    before == null ? 1 : before.version() + 1,
                    now,
                    null,
                    fit.baselines(),
                    changed);
            models.publish(fitted);
            changes.put(tenant, changed);
            done++;
            progress.report(
                    10 + 85 * done / byTenant.size(),
                    "fitted %s: %d series".formatted(tenant, fit.baselines().size()));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("lookback", lookback.toString());
        result.put("priorMinutes", prior);
        result.put("tenants", byTenant.size());
        result.put("changes", changes);
        return result;
    }

    private Map<String, List<MetricsWindow>> finalWindowsByTenant(Instant since, String tenant) {
        Map<String, MetricsWindow> latest = new HashMap<>();
        for (var read :
                reader.read(topics.metrics(), VigilSerdes.metricsWindow().deserializer(), since)) {
            MetricsWindow window = read.value();
            if (window == null || !window.isFinal() || window.windowStart().isBefore(since)) continue;
            if (!"*".equals(tenant) && !tenant.equals(window.tenant())) continue;
            latest.merge(
                    Keys.metrics(window.tenant(), window.dimension(), window.windowStart()),
                    window,
                    (a, b) -> b.version() >= a.version() ? b : a);
        }
        return latest.values().stream()
                .collect(Collectors.groupingBy(MetricsWindow::tenant, TreeMap::new, Collectors.toList()));
    }

    /** What a new fit changes: series added and removed, and the largest shift of a slot mean. */
    static Map<String, Object> compare(ModelParams before, BaselineFitter.Fit fit) {
        Map<String, Object> changed = new LinkedHashMap<>();
        changed.put("from", String.valueOf(fit.from()));
        changed.put("to", String.valueOf(fit.to()));
        changed.put("minutes", fit.minutes());
        changed.put("series", fit.baselines().size());
        Map<String, Baseline> old = before == null || before.baselines() == null ? Map.of() : before.baselines();
        changed.put("previousVersion", before == null ? null : before.version());
        changed.put(
                "added",
                new ArrayList<>(new TreeSet<>(difference(fit.baselines().keySet(), old.keySet()))));
        changed.put(
                "removed",
                new ArrayList<>(
                        new TreeSet<>(difference(old.keySet(), fit.baselines().keySet()))));
        String maxSeries = null;
        double maxShift = 0;
        for (var entry : fit.baselines().entrySet()) {
            Baseline previous = old.get(entry.getKey());
            if (previous == null) continue;
            for (int slot = 0; slot < Baseline.HOURS_PER_WEEK; slot++) {
                double shift = Math.abs(
                        entry.getValue().mean().get(slot) - previous.mean().get(slot));
                if (shift > maxShift) {
                    maxShift = shift;
                    maxSeries = entry.getKey() + "@" + slot;
                }
            }
        }
        changed.put("maxMeanShift", maxShift);
        changed.put("maxMeanShiftAt", maxSeries);
        return changed;
    }

    private static java.util.Set<String> difference(java.util.Set<String> a, java.util.Set<String> b) {
        java.util.Set<String> out = new java.util.HashSet<>(a);
        out.removeAll(b);
        return out;
    }
}
