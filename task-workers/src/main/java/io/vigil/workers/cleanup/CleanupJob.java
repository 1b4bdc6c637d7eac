package io.vigil.workers.cleanup;

import io.vigil.contracts.ops.TaskRequest;
import io.vigil.contracts.ops.TaskType;
import io.vigil.workers.task.TaskJob;
import io.vigil.workers.task.TaskParams;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Cleanup: expires stale presence and session entries in Redis, trims bounded histories and
 * reports dead-lettered tasks older than the limit (request param "deadLetterAge" overrides it).
 */
@Component
class CleanupJob implements TaskJob {

    private final RedisJanitor janitor;
    private final DeadLetterInspector deadLetters;
    private final CleanupProperties properties;

    CleanupJob(RedisJanitor janitor, DeadLetterInspector deadLetters, CleanupProperties properties) {
        this.janitor = janitor;
        this.deadLetters = deadLetters;
        this.properties = properties;
    }

    @Override
    public TaskType type() {
        return TaskType.CLEANUP;
    }

    @Override
    public Map<String, Object> run(TaskRequest request, Progress progress) {
        Duration deadLetterAge = new TaskParams(request.params()).duration("deadLetterAge", properties.deadLetterAge());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("expired", janitor.expireStale(properties.stale()));
        progress.report(35, "expired stale entries");
        result.put("trimmed", janitor.trimHistories(properties.histories()));
        progress.report(70, "trimmed histories");
        result.put("deadLetterAge", deadLetterAge.toString());
        result.put("deadLetters", deadLetters.report(deadLetterAge, properties.deadLetterScanLimit()));
        return result;
    }
}
