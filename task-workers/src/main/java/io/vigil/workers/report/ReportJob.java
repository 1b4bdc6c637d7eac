package io.vigil.workers.report;

import io.vigil.contracts.alert.AlertState;
import io.vigil.contracts.ops.TaskRequest;
import io.vigil.contracts.ops.TaskType;
import io.vigil.contracts.score.ThreatScore;
import io.vigil.contracts.topic.TopicNames;
import io.vigil.contracts.topic.VigilSerdes;
import io.vigil.workers.kafka.TopicReader;
import io.vigil.workers.task.TaskJob;
import io.vigil.workers.task.TaskParams;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * Report: a system health report for admins, published as the result of the DONE status on
 * /topic/ops.tasks. Per tenant: events per minute, open and acknowledged alerts, top entities by
 * score; per component: Kafka consumer lag and RabbitMQ queue depths. A component that cannot be
 * reached is reported as such rather than failing the whole report.
 */
@Component
class ReportJob implements TaskJob {

    private final TopicReader reader;
    private final TopicNames topics;
    private final ConsumerLag lag;
    private final RabbitQueues queues;
    private final ReportProperties properties;
    private final Clock clock;

    ReportJob(
            TopicReader reader,
            TopicNames topics,
            ConsumerLag lag,
            RabbitQueues queues,
            ReportProperties properties,
            Clock clock) {
        this.reader = reader;
        this.topics = topics;
        this.lag = lag;
        this.queues = queues;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public TaskType type() {
        return TaskType.REPORT;
    }

    @Override
    public Map<String, Object> run(TaskRequest request, Progress progress) {
        TaskParams params = new TaskParams(request.params());
        Duration window = params.duration("rateWindow", properties.rateWindow());
        int top = params.integer("topEntities", properties.topEntities());
        Instant since = clock.instant().minus(window);
        Map<String, Map<String, Object>> tenants = new TreeMap<>();

        Map<String, Long> totals = new HashMap<>(); // tenant/windowStart -> events in that minute
        for (var read :
                reader.read(topics.metrics(), VigilSerdes.metricsWindow().deserializer(), since)) {
            var w = read.value();
            if (w == null || w.windowStart().isBefore(since) || !wanted(request, w.tenant())) continue;
            totals.merge(w.tenant() + "/" + w.windowStart(), w.total(), Math::max);
        }
        double minutes = Math.max(1, window.toMinutes());
        totals.forEach((key, count) -> tenant(tenants, key.substring(0, key.indexOf('/')))
                .merge("eventsPerMinute", count / minutes, (a, b) -> (double) a + (double) b));
        progress.report(25, "events per minute");

        reader.latestByKey(topics.alerts(), VigilSerdes.alert().deserializer())
                .values()
                .forEach(alert -> {
                    if (!wanted(request, alert.tenant())) return;
                    String field = alert.state() == AlertState.OPEN
                            ? "openAlerts"
                            : alert.state() == AlertState.ACKNOWLEDGED ? "acknowledgedAlerts" : null;
                    if (field != null) tenant(tenants, alert.tenant()).merge(field, 1L, (a, b) -> (long) a + (long) b);
                });
        progress.report(50, "alerts");

        Map<String, List<ThreatScore>> scores = new HashMap<>();
        reader.latestByKey(topics.scores(), VigilSerdes.threatScore().deserializer())
                .values()
                .forEach(score -> {
                    if (wanted(request, score.tenant()))
                        scores.computeIfAbsent(score.tenant(), t -> new java.util.ArrayList<>())
                                .add(score);
                });
        scores.forEach((tenant, list) -> tenant(tenants, tenant)
                .put(
                        "topEntities",
                        list.stream()
                                .sorted(Comparator.comparingDouble(ThreatScore::score)
                                        .reversed())
                                .limit(top)
                                .map(ReportJob::entity)
                                .toList()));
        progress.report(75, "top entities");

        Map<String, Object> components = new TreeMap<>();
        properties
                .consumerGroups()
                .forEach((component, group) -> components.put(component, attempt(() -> lag.of(group))));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("generatedAt", clock.instant().toString());
        result.put("rateWindow", window.toString());
        result.put("tenants", tenants);
        result.put("components", components);
        result.put("queues", attempt(queues::depths));
        return result;
    }

    private static Map<String, Object> entity(ThreatScore score) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("entity", score.entityType().keyPart() + "/" + score.entityId());
        row.put("score", score.score());
        row.put("level", score.level() == null ? null : score.level().name());
        return row;
    }

    private static boolean wanted(TaskRequest request, String tenant) {
        return "*".equals(request.tenant()) || request.tenant().equals(tenant);
    }

    private static Map<String, Object> tenant(Map<String, Map<String, Object>> tenants, String tenant) {
        return tenants.computeIfAbsent(tenant, t -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("eventsPerMinute", 0.0);
            row.put("openAlerts", 0L);
            row.put("acknowledgedAlerts", 0L);
            row.put("topEntities", List.of());
            return row;
        });
    }

    private static Object attempt(java.util.concurrent.Callable<?> source) {
        try {
            return source.call();
        } catch (Exception e) {
            return Map.of("error", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }
}
