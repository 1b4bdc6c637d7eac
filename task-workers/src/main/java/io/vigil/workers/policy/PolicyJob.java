package io.vigil.workers.policy;

import io.vigil.contracts.alert.Alert;
import io.vigil.contracts.model.ModelParams;
import io.vigil.contracts.model.Thresholds;
import io.vigil.contracts.ops.TaskRequest;
import io.vigil.contracts.ops.TaskType;
import io.vigil.contracts.topic.TopicNames;
import io.vigil.contracts.topic.VigilSerdes;
import io.vigil.workers.kafka.ModelParamsStore;
import io.vigil.workers.kafka.TopicReader;
import io.vigil.workers.task.TaskJob;
import io.vigil.workers.task.TaskParams;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * Tune policy: counts each tenant's score alerts opened over the lookback and how many analysts
 * acknowledged, moves the thresholds toward the target rate ({@link ThresholdTuner}) and publishes
 * model "policy" to {@code model.params} with the before/after in its details.
 */
@Component
class PolicyJob implements TaskJob {

    private final TopicReader reader;
    private final ModelParamsStore models;
    private final TopicNames topics;
    private final PolicyProperties properties;
    private final Clock clock;

    PolicyJob(
            TopicReader reader, ModelParamsStore models, TopicNames topics, PolicyProperties properties, Clock clock) {
        this.reader = reader;
        this.models = models;
        this.topics = topics;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public TaskType type() {
        return TaskType.POLICY;
    }

    @Override
    public Map<String, Object> run(TaskRequest request, Progress progress) throws Exception {
        TaskParams params = new TaskParams(request.params());
        Duration lookback = params.duration("lookback", properties.lookback());
        double target = params.number("targetPerDay", properties.targetPerDay());
        if (target <= 0) throw new IllegalArgumentException("param 'targetPerDay' must be positive");
        Instant now = clock.instant();
        Instant since = now.minus(lookback);
        progress.report(5, "reading %s".formatted(topics.alerts()));
        Map<String, long[]> counts = new TreeMap<>(); // tenant -> {opened, acknowledged}
        reader.latestByKey(topics.alerts(), VigilSerdes.alert().deserializer())
                .values()
                .forEach(alert -> {
                    if (!"*".equals(request.tenant()) && !request.tenant().equals(alert.tenant())) return;
                    long[] c = counts.computeIfAbsent(alert.tenant(), t -> new long[2]);
                    if (counts(alert, since)) {
                        c[0]++;
                        if (alert.acknowledgedAt() != null) c[1]++;
                    }
                });
        if (!"*".equals(request.tenant())) counts.computeIfAbsent(request.tenant(), t -> new long[2]);
        Map<String, ModelParams> previous = models.current(ModelParams.POLICY);
        double days = lookback.toMillis() / 86_400_000.0;
        Map<String, Object> tenants = new TreeMap<>();
        int done = 0;
        for (var entry : counts.entrySet()) {
            String tenant = entry.getKey();
            ModelParams before = previous.get(tenant);
            Thresholds current =
                    before == null || before.thresholds() == null ? Thresholds.DEFAULT : before.thresholds();
            var tuning = ThresholdTuner.tune(
                    current, entry.getValue()[0], entry.getValue()[1], days, properties.settings(target));
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("before", tuning.before());
            details.put("after", tuning.after());
            details.put("alerts", entry.getValue()[0]);
            details.put("acknowledged", entry.getValue()[1]);
            details.put("ratePerDay", tuning.ratePerDay());
            details.put("targetPerDay", target);
            details.put("ackShare", tuning.ackShare());
            details.put("shift", tuning.shift());
            details.put("lookback", lookback.toString());
            models.publish(new ModelParams(
                    tenant,
                    ModelParams.POLICY,
                    before == null ? 1 : before.version() + 1,
                    now,
                    tuning.after(),
                    null,
                    details));
            tenants.put(tenant, details);
            done++;
            progress.report(10 + 85 * done / counts.size(), "tuned " + tenant);
        }
        return Map.of("tenants", tenants);
    }

    private boolean counts(Alert alert, Instant since) {
        return alert.cause() != null
                && alert.cause().startsWith(properties.causePrefix())
                && alert.openedAt() != null
                && !alert.openedAt().isBefore(since);
    }
}
