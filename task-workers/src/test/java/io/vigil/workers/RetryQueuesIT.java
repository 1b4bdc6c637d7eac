package io.vigil.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.contracts.ops.TaskRequest;
import io.vigil.contracts.ops.TaskStatus;
import io.vigil.testsupport.LocalService;
import io.vigil.testsupport.RequiresLocalServices;
import io.vigil.workers.task.TaskPublisher;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Copies put back through the retry queues against the real broker (docs/reliability.md, finding
 * 12): a copy that must wait briefly is not held behind one of the same type that waits much longer
 * (with per-message expirations RabbitMQ expired only the head of the one retry queue, so the short
 * one came back only with the long one), and a copy the broker cannot route is not acknowledged and
 * lost: the original is rejected to the dead-letter queue.
 */
@RequiresLocalServices({LocalService.KAFKA, LocalService.RABBITMQ, LocalService.RABBITMQ_MANAGEMENT, LocalService.REDIS
})
class RetryQueuesIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static ItEnvironment env;
    private static ConfigurableApplicationContext worker;

    @BeforeAll
    static void start() throws Exception {
        env = new ItEnvironment();
        ItSeed.seed(env);
        worker = env.startWorker(env.workerProperties("worker-r"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (env != null) env.close();
    }

    @Test
    void aShortWaitIsNotHeldBehindALongerWaitOfTheSameType() {
        String longId = "report-long-" + UUID.randomUUID();
        String shortId = "report-short-" + UUID.randomUUID();
        // a live worker runs this one for another two minutes: its request is put back for that long
        env.redis.opsForValue().set(claim(longId), "running:busy-worker", Duration.ofMinutes(2));
        double deferred = counter("report", "deferred");
        publish(longId, "report");
        await().atMost(WAIT).until(() -> counter("report", "deferred") >= deferred + 1);

        // a killed worker's claim that lapses in 2 s: this request is put back behind the first one,
        // and must be looked at again, taken over and run long before the first one's two minutes
        env.redis.opsForValue().set(claim(shortId), "running:dead-worker", Duration.ofSeconds(2));
        publish(shortId, "report");

        await("the short wait's task DONE while the long wait's copy still waits")
                .atMost(Duration.ofSeconds(45))
                .untilAsserted(() -> assertThat(states(shortId)).contains(TaskStatus.State.DONE));
        assertThat(states(shortId))
                .filteredOn(s -> s == TaskStatus.State.STARTED)
                .hasSize(1);
        assertThat(states(longId)).isEmpty();
        // the long one is not lost either: it waits in the retry queue of its own delay
        assertThat(env.messagesIn(env.queue("report") + ".retry.5m")).isEqualTo(1);
        assertThat(env.messagesIn(env.queue("report") + ".dlq")).isZero();
    }

    @Test
    void aCopyTheBrokerCannotRouteIsRejectedToTheDeadLetterQueueNotAcknowledged() throws Exception {
        // break the route of the 5 s retry queue of this type (a topology missing a binding)
        env.unbind(env.exchange + ".retry", env.queue("policy") + ".retry.5s", "policy.5s");
        String id = "policy-unroutable-" + UUID.randomUUID();
        env.redis.opsForValue().set(claim(id), "running:dead-worker", Duration.ofSeconds(2));
        double rejected = counter("policy", "rejected");

        publish(id, "policy"); // deferred for 2.25 s: the 5 s queue, whose binding is gone

        Message dead = env.rabbit.receive(env.queue("policy") + ".dlq", WAIT.toMillis());
        assertThat(dead).as("the request, dead-lettered by the broker").isNotNull();
        assertThat(dead.getMessageProperties().getMessageId()).isEqualTo(id);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> deaths = (List<Map<String, Object>>)
                dead.getMessageProperties().getHeaders().get("x-death");
        assertThat(deaths).first().satisfies(death -> assertThat(death).containsEntry("reason", "rejected"));
        assertThat(counter("policy", "rejected")).isGreaterThan(rejected);
        assertThat(states(id)).isEmpty();
    }

    private static String claim(String id) {
        return env.redisPrefix + "done:" + id;
    }

    private static void publish(String id, String type) {
        worker.getBean(TaskPublisher.class)
                .publish(new TaskRequest(id, type, ItSeed.TENANT, "it", Map.of(), Instant.now()), 9);
    }

    private static List<TaskStatus.State> states(String id) {
        return env.statusesOf(id).stream().map(TaskStatus::state).toList();
    }

    private static double counter(String type, String outcome) {
        return worker.getBean(MeterRegistry.class)
                .counter("vigil.tasks.deliveries", "type", type, "outcome", outcome)
                .count();
    }
}
