package io.vigil.gateway.task;

import io.swagger.v3.oas.annotations.Operation;
import io.vigil.contracts.ops.TaskRequest;
import io.vigil.contracts.ops.TaskType;
import io.vigil.gateway.config.GatewayProperties;
import io.vigil.gateway.security.GatewayUser;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/tasks/{type}} (admin): asks the task workers to run a job now. Publishes a
 * {@link TaskRequest} to the {@code vigil.tasks} direct exchange (routing key: the type id, AMQP
 * message id: the request id, priority 9), mandatory and confirmed: 202 with the id once RabbitMQ
 * has it in a queue, 503 if no worker queue is bound or RabbitMQ did not confirm. Progress follows
 * on {@code /topic/ops.tasks}.
 */
@RestController
class TaskApiController {

    private final RabbitTemplate rabbit;
    private final GatewayProperties.Tasks config;

    TaskApiController(
            ConnectionFactory connectionFactory,
            tools.jackson.databind.json.JsonMapper json,
            GatewayProperties properties) {
        this.rabbit = new RabbitTemplate(connectionFactory);
        this.rabbit.setMandatory(true);
        this.rabbit.setMessageConverter(new JacksonJsonMessageConverter(json));
        this.config = properties.tasks();
    }

    @Operation(summary = "Run a task now (retrain, policy, cleanup, report); admin only")
    @PostMapping("/api/tasks/{type}")
    ResponseEntity<Map<String, String>> run(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String type,
            @RequestBody(required = false) Map<String, Object> params) {
        TaskType taskType;
        try {
            taskType = TaskType.fromId(type);
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest()
                    .body(Map.of("error", "unknown task type '" + type + "' (retrain, policy, cleanup, report)"));
        }
        GatewayUser user = GatewayUser.from(jwt);
        String id = UUID.randomUUID().toString();
        TaskRequest request = new TaskRequest(
                id, taskType.id(), user.tenant(), user.name(), params == null ? Map.of() : params, Instant.now());
        CorrelationData correlation = new CorrelationData(id);
        rabbit.convertAndSend(
                config.exchange(),
                taskType.id(),
                request,
                message -> {
                    MessageProperties props = message.getMessageProperties();
                    props.setMessageId(id);
                    props.setContentType(MessageProperties.CONTENT_TYPE_JSON);
                    props.setPriority(config.priority());
                    // plain JSON for the workers: no Java type headers
                    props.getHeaders().remove("__TypeId__");
                    return message;
                },
                correlation);
        try {
            var confirm = correlation.getFuture().get(config.confirmTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!confirm.ack()) {
                return unavailable(id, "RabbitMQ refused the request: " + confirm.reason());
            }
        } catch (TimeoutException | ExecutionException e) {
            return unavailable(id, "RabbitMQ did not confirm the request: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable(id, "interrupted");
        }
        if (correlation.getReturned() != null) {
            return unavailable(id, "no task worker queue is bound for '" + taskType.id() + "'");
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("id", id, "type", taskType.id()));
    }

    private static ResponseEntity<Map<String, String>> unavailable(String id, String reason) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("id", id, "error", reason));
    }

    /** The tasks exchange, declared idempotently (the task workers declare the same). */
    @Configuration(proxyBeanMethods = false)
    static class TasksExchange {
        @Bean
        DirectExchange vigilTasksExchange(GatewayProperties properties) {
            return new DirectExchange(properties.tasks().exchange(), true, false);
        }
    }
}
