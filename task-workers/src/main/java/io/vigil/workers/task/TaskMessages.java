package io.vigil.workers.task;

import io.vigil.contracts.ops.TaskRequest;
import io.vigil.contracts.ops.TaskType;
import java.time.Clock;
import java.util.Map;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads task requests from AMQP messages and writes them. A message is plain JSON (pasteable in the
 * management UI); missing optional fields get defaults, and anything unusable is refused with a
 * reason that ends up on the dead-lettered message.
 */
@Component
public class TaskMessages {

    public static final String ATTEMPT_HEADER = "x-vigil-attempt";
    public static final String REASON_HEADER = "x-vigil-failure-reason";
    public static final String FAILED_AT_HEADER = "x-vigil-failed-at";
    /** Times the request was put back because another live worker held its claim (not failures). */
    public static final String DEFERRAL_HEADER = "x-vigil-deferrals";

    public static final String ON_DEMAND_PRIORITY_NOTE = "on-demand requests use priority 9";

    private final JsonMapper json;
    private final Clock clock;

    TaskMessages(JsonMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    /** Refusal of a message that no retry can fix. */
    static final class InvalidTaskException extends RuntimeException {
        InvalidTaskException(String reason) {
            super(reason);
        }
    }

    /** Parses the request of a message taken from the queue of {@code queueType}. */
    TaskRequest parse(Message message, TaskType queueType) {
        TaskRequest raw;
        try {
            raw = json.readValue(message.getBody(), TaskRequest.class);
        } catch (JacksonException e) {
            throw new InvalidTaskException("body is not a task request JSON object: " + e.getOriginalMessage());
        }
        if (raw == null) throw new InvalidTaskException("body is empty");
        String messageId = message.getMessageProperties().getMessageId();
        String id = raw.id() == null || raw.id().isBlank() ? messageId : raw.id();
        if (id == null || id.isBlank()) {
            throw new InvalidTaskException("no task id: set the message_id property (or an \"id\" field)");
        }
        if (messageId != null && !messageId.isBlank() && !messageId.equals(id)) {
            throw new InvalidTaskException("message_id '%s' differs from the body's id '%s'".formatted(messageId, id));
        }
        String type = raw.type() == null ? queueType.id() : raw.type();
        TaskType bodyType;
        try {
            bodyType = TaskType.fromId(type);
        } catch (IllegalArgumentException e) {
            throw new InvalidTaskException(
                    "unknown task type '%s' (retrain, policy, cleanup or report)".formatted(type));
        }
        if (bodyType != queueType) {
            throw new InvalidTaskException("type '%s' arrived on the %s queue: publish with routing key = type"
                    .formatted(type, queueType.id()));
        }
        return new TaskRequest(
                id,
                queueType.id(),
                raw.tenant() == null || raw.tenant().isBlank() ? "*" : raw.tenant(),
                raw.requestedBy() == null || raw.requestedBy().isBlank() ? "unknown" : raw.requestedBy(),
                raw.params() == null ? Map.of() : raw.params(),
                raw.requestedAt() == null ? clock.instant() : raw.requestedAt());
    }

    /** The AMQP message of a request: JSON body, message id = request id, persistent, with priority. */
    public Message toMessage(TaskRequest request, int priority) {
        MessageProperties properties = new MessageProperties();
        properties.setMessageId(request.id());
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setContentEncoding("UTF-8");
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        properties.setPriority(priority);
        return new Message(json.writeValueAsBytes(request), properties);
    }

    /** Failed attempts so far, as recorded by the retry path. */
    static int attempts(Message message) {
        return intHeader(message, ATTEMPT_HEADER);
    }

    static int deferrals(Message message) {
        return intHeader(message, DEFERRAL_HEADER);
    }

    private static int intHeader(Message message, String header) {
        Object value = message.getMessageProperties().getHeaders().get(header);
        if (value instanceof Number number) return number.intValue();
        if (value != null) {
            try {
                return Integer.parseInt(value.toString());
            } catch (NumberFormatException ignored) {
                return 0; // an operator typed a header by hand: count from the start
            }
        }
        return 0;
    }
}
