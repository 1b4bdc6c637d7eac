package io.vigil.workers.cleanup;

import com.rabbitmq.client.GetResponse;
import io.vigil.contracts.ops.TaskType;
import io.vigil.workers.config.WorkersProperties;
import io.vigil.workers.task.TaskMessages;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/**
 * Reports dead-lettered tasks older than a limit. It reads each dead-letter queue with basic.get
 * without acknowledging, then returns every message with one nack(requeue): nothing is removed,
 * since deciding what to do with a dead task is for a person.
 */
@Component
class DeadLetterInspector {

    private static final int LISTED = 10;

    private final RabbitTemplate rabbit;
    private final WorkersProperties properties;
    private final Clock clock;

    DeadLetterInspector(RabbitTemplate rabbit, WorkersProperties properties, Clock clock) {
        this.rabbit = rabbit;
        this.properties = properties;
        this.clock = clock;
    }

    Map<String, Object> report(Duration maxAge, int scanLimit) {
        Instant cutoff = clock.instant().minus(maxAge);
        Map<String, Object> byQueue = new LinkedHashMap<>();
        for (TaskType type : TaskType.values()) {
            String queue = properties.amqp().deadLetterQueue(type);
            byQueue.put(queue, rabbit.execute(channel -> {
                List<Map<String, Object>> old = new ArrayList<>();
                int inspected = 0;
                long lastTag = -1;
                long depth = channel.messageCount(queue);
                try {
                    while (inspected < scanLimit) {
                        GetResponse response = channel.basicGet(queue, false);
                        if (response == null) break;
                        lastTag = response.getEnvelope().getDeliveryTag();
                        inspected++;
                        Map<String, Object> headers = response.getProps().getHeaders() == null
                                ? Map.of()
                                : response.getProps().getHeaders();
                        Instant failedAt = failedAt(headers, response.getProps().getTimestamp());
                        if (failedAt != null && failedAt.isBefore(cutoff)) {
                            Map<String, Object> entry = new LinkedHashMap<>();
                            entry.put("id", response.getProps().getMessageId());
                            entry.put("failedAt", failedAt.toString());
                            Object reason = headers.get(TaskMessages.REASON_HEADER);
                            entry.put("reason", reason == null ? deathReason(headers) : reason.toString());
                            old.add(entry);
                        }
                    }
                } finally {
                    if (lastTag >= 0) channel.basicNack(lastTag, true, true);
                }
                Map<String, Object> summary = new LinkedHashMap<>();
                summary.put("messages", depth);
                summary.put("inspected", inspected);
                summary.put("olderThanLimit", old.size());
                summary.put("oldest", old.subList(0, Math.min(LISTED, old.size())));
                return summary;
            }));
        }
        return byQueue;
    }

    private static Instant failedAt(Map<String, Object> headers, Date timestamp) {
        Object ours = headers.get(TaskMessages.FAILED_AT_HEADER);
        if (ours != null) {
            try {
                return Instant.parse(ours.toString());
            } catch (RuntimeException ignored) {
                // fall through to the broker's record
            }
        }
        if (headers.get("x-death") instanceof List<?> deaths
                && !deaths.isEmpty()
                && deaths.getFirst() instanceof Map<?, ?> death
                && death.get("time") instanceof Date time) {
            return time.toInstant();
        }
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static String deathReason(Map<String, Object> headers) {
        if (headers.get("x-death") instanceof List<?> deaths
                && !deaths.isEmpty()
                && deaths.getFirst() instanceof Map<?, ?> death) {
            return "dead-lettered by the broker: " + death.get("reason") + " in " + death.get("queue");
        }
        return "unknown";
    }
}
