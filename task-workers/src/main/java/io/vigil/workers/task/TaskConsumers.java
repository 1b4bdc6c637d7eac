package io.vigil.workers.task;

import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.contracts.ops.TaskType;
import io.vigil.workers.config.WorkersProperties;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Starts one listener container per task queue (so a long retrain never holds up a cleanup), after
 * checking passively that the topology from infra/rabbitmq/definitions.json exists. The workers
 * declare nothing: a missing exchange or queue stops the start with a message saying how to load it.
 *
 * <p>Prefetch is 1 by default: jobs take seconds to minutes, so a prefetched message would only wait
 * on this consumer while another worker is idle, and could not be overtaken by a higher-priority
 * on-demand request (priority ordering applies to messages still in the queue).
 */
@Component
class TaskConsumers implements SmartLifecycle {

    private final ConnectionFactory connectionFactory;
    private final RabbitTemplate rabbit;
    private final WorkersProperties properties;
    private final IdempotencyGuard guard;
    private final Map<TaskType, TaskListener> listeners = new EnumMap<>(TaskType.class);
    private final List<SimpleMessageListenerContainer> containers = new ArrayList<>();
    private volatile boolean running;

    TaskConsumers(
            ConnectionFactory connectionFactory,
            RabbitTemplate rabbit,
            WorkersProperties properties,
            List<TaskJob> jobs,
            TaskMessages messages,
            IdempotencyGuard guard,
            StatusPublisher status,
            FailureRouter failures,
            MeterRegistry meters,
            Clock clock) {
        this.connectionFactory = connectionFactory;
        this.rabbit = rabbit;
        this.properties = properties;
        this.guard = guard;
        for (TaskJob job : jobs) {
            listeners.put(
                    job.type(), new TaskListener(job, messages, guard, status, failures, properties, meters, clock));
        }
        for (TaskType type : TaskType.values()) {
            if (!listeners.containsKey(type))
                throw new IllegalStateException("no job implements task type " + type.id());
        }
    }

    @Override
    public synchronized void start() {
        verifyTopology();
        var amqp = properties.amqp();
        listeners.forEach((type, listener) -> {
            SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
            container.setQueueNames(amqp.queue(type));
            container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
            container.setPrefetchCount(amqp.prefetch());
            container.setConcurrentConsumers(amqp.consumersPerQueue());
            container.setDefaultRequeueRejected(false);
            container.setMissingQueuesFatal(true);
            container.setMessageListener(listener);
            container.setBeanName("tasks-" + type.id());
            container.afterPropertiesSet();
            container.start();
            containers.add(container);
        });
        running = true;
    }

    /** Passive declarations: they fail (closing only their channel) when a name does not exist. */
    private void verifyTopology() {
        var amqp = properties.amqp();
        List<String> exchanges =
                List.of(amqp.exchange(), amqp.retryExchange(), amqp.deadLetterExchange(), amqp.statusExchange());
        List<String> queues = new ArrayList<>();
        for (TaskType type : TaskType.values()) {
            queues.add(amqp.queue(type));
            amqp.retryDelays().forEach(delay -> queues.add(amqp.retryQueue(type, delay)));
            queues.add(amqp.deadLetterQueue(type));
        }
        List<String> missing = new ArrayList<>();
        for (String exchange : exchanges) {
            if (!exists(channel -> channel.exchangeDeclarePassive(exchange))) missing.add("exchange " + exchange);
        }
        for (String queue : queues) {
            if (!exists(channel -> channel.queueDeclarePassive(queue))) missing.add("queue " + queue);
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException(
                    "RabbitMQ task topology is missing " + String.join(", ", missing)
                            + ". It is declared once, in infra/rabbitmq/definitions.json: load it with `infra/rabbitmq/rabbitmq.sh up`.");
        }
    }

    private boolean exists(PassiveCheck check) {
        try {
            rabbit.execute(channel -> {
                check.run(channel);
                return null;
            });
            return true;
        } catch (org.springframework.amqp.AmqpConnectException e) {
            throw e; // the broker is unreachable: say that, not "missing"
        } catch (org.springframework.amqp.AmqpException e) {
            return false;
        }
    }

    @FunctionalInterface
    private interface PassiveCheck {
        void run(com.rabbitmq.client.Channel channel) throws Exception;
    }

    /**
     * Stops consuming (a job still running after the containers' shutdown timeout loses its channel,
     * so the broker redelivers its request), then releases this instance's claims so that another
     * worker runs those requests at once instead of deferring them until the leases expire.
     */
    @Override
    public synchronized void stop() {
        containers.forEach(SimpleMessageListenerContainer::stop);
        containers.forEach(SimpleMessageListenerContainer::destroy);
        containers.clear();
        guard.releaseAll();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
