package io.vigil.workers.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.contracts.ops.TaskRequest;
import io.vigil.contracts.ops.TaskType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import tools.jackson.databind.json.JsonMapper;

class TaskMessagesTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private final TaskMessages messages =
            new TaskMessages(JsonMapper.builder().build(), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void theManagementUiExampleParsesWithDefaults() {
        TaskRequest request = messages.parse(
                message(
                        "{\"type\":\"retrain\",\"tenant\":\"acme\",\"requestedBy\":\"ops\",\"params\":{\"lookback\":\"14d\"}}",
                        "ops-retrain-1"),
                TaskType.RETRAIN);

        assertThat(request)
                .isEqualTo(new TaskRequest("ops-retrain-1", "retrain", "acme", "ops", Map.of("lookback", "14d"), NOW));
    }

    @Test
    void roundTripsThroughTheAmqpMessage() {
        TaskRequest request = new TaskRequest("r-1", "report", "*", "alice", Map.of(), NOW);
        Message message = messages.toMessage(request, 9);

        assertThat(message.getMessageProperties().getMessageId()).isEqualTo("r-1");
        assertThat(message.getMessageProperties().getPriority()).isEqualTo(9);
        assertThat(message.getMessageProperties().getContentType()).isEqualTo("application/json");
        assertThat(messages.parse(message, TaskType.REPORT)).isEqualTo(request);
    }

    @Test
    void refusesWhatNoRetryCanFix() {
        assertThatThrownBy(() -> messages.parse(message("{not json", "x"), TaskType.CLEANUP))
                .hasMessageContaining("not a task request JSON object");
        assertThatThrownBy(() -> messages.parse(message("{\"type\":\"cleanup\"}", null), TaskType.CLEANUP))
                .hasMessageContaining("no task id");
        assertThatThrownBy(() -> messages.parse(message("{\"id\":\"a\"}", "b"), TaskType.CLEANUP))
                .hasMessageContaining("differs");
        assertThatThrownBy(() -> messages.parse(message("{\"type\":\"reboot\"}", "x"), TaskType.CLEANUP))
                .hasMessageContaining("unknown task type 'reboot'");
        assertThatThrownBy(() -> messages.parse(message("{\"type\":\"report\"}", "x"), TaskType.CLEANUP))
                .hasMessageContaining("arrived on the cleanup queue");
    }

    private static Message message(String body, String messageId) {
        MessageProperties properties = new MessageProperties();
        properties.setMessageId(messageId);
        return new Message(body.getBytes(StandardCharsets.UTF_8), properties);
    }
}
