package io.vigil.workers.task;

import io.vigil.contracts.ops.TaskRequest;
import io.vigil.contracts.ops.TaskType;
import io.vigil.workers.config.WorkersProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/** Enqueues task requests on the tasks exchange, routing key = task type id. */
@Component
public class TaskPublisher {

    private final RabbitTemplate rabbit;
    private final TaskMessages messages;
    private final WorkersProperties.Amqp amqp;

    TaskPublisher(RabbitTemplate rabbit, TaskMessages messages, WorkersProperties properties) {
        this.rabbit = rabbit;
        this.messages = messages;
        this.amqp = properties.amqp();
    }

    public void publish(TaskRequest request, int priority) {
        TaskType type = TaskType.fromId(request.type());
        rabbit.send(amqp.exchange(), type.id(), messages.toMessage(request, priority));
    }
}
