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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Claims of running tasks against the real broker and Redis: a claim left by a dead worker (written
 * with a short lease and never renewed) is taken over once it expires, and the task runs to
 * completion once without being dead-lettered; a claim its live holder keeps renewing is never taken
 * over, and the request is put back without counting failed attempts until the holder's DONE record
 * turns it into a duplicate.
 */
@RequiresLocalServices({LocalService.KAFKA, LocalService.RABBITMQ, LocalService.RABBITMQ_MANAGEMENT, LocalService.REDIS
})
class ClaimTakeoverIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static ItEnvironment env;
    private static ConfigurableApplicationContext worker;

    @BeforeAll
    static void start() throws Exception {
        env = new ItEnvironment();
        ItSeed.seed(env);
        Map<String, Object> properties = env.workerProperties("worker-a");
        properties.put("vigil.workers.idempotency.lease", "2s");
        properties.put("vigil.workers.idempotency.heartbeat", "500ms");
        worker = env.startWorker(properties);
    }

    @AfterAll
    static void stop() throws Exception {
        if (env != null) env.close();
    }

    @Test
    void aDeadWorkersClaimIsTakenOverAndTheTaskRunsToCompletionOnce() {
        String id = "report-" + UUID.randomUUID();
        String key = env.redisPrefix + "done:" + id;
        // the worker that claimed it was killed: its claim is never renewed
        env.redis.opsForValue().set(key, "running:dead-worker", Duration.ofSeconds(3));

        publish(id, "report");

        await().atMost(WAIT).untilAsserted(() -> assertThat(states(id)).contains(TaskStatus.State.DONE));
        assertThat(states(id)).filteredOn(s -> s == TaskStatus.State.STARTED).hasSize(1);
        assertThat(states(id)).doesNotContain(TaskStatus.State.FAILED);
        assertThat(counter("report", "deferred")).isGreaterThanOrEqualTo(1.0);
        assertThat(env.redis.opsForValue().get(key)).isEqualTo("done:worker-a");
        assertThat(env.rabbit.receive(env.queue("report") + ".dlq")).isNull();
        // a redelivery after completion is a duplicate: it does not run again
        double duplicates = counter("report", "duplicate");
        publish(id, "report");
        await().atMost(WAIT).until(() -> counter("report", "duplicate") > duplicates);
        assertThat(states(id)).filteredOn(s -> s == TaskStatus.State.DONE).hasSize(1);
    }

    @Test
    void aLiveHoldersClaimIsNeverTakenOverAndItsDoneRecordEndsTheWait() throws InterruptedException {
        String id = "policy-" + UUID.randomUUID();
        String key = env.redisPrefix + "done:" + id;
        env.redis.opsForValue().set(key, "running:live-worker", Duration.ofSeconds(2));
        // the live holder's heartbeat, renewing well within the 2 s lease
        ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor();
        heartbeat.scheduleWithFixedDelay(
                () -> env.redis.expire(key, Duration.ofSeconds(2)), 300, 300, TimeUnit.MILLISECONDS);
        try {
            double before = counter("policy", "deferred");
            publish(id, "policy");

            // three looks, the later ones after the claim would have expired had it not been renewed
            await().atMost(WAIT).until(() -> counter("policy", "deferred") >= before + 3);
            assertThat(states(id)).isEmpty();
            // the waits were not failed attempts: with max-attempts 3 it would be dead-lettered by now
            assertThat(env.rabbit.receive(env.queue("policy") + ".dlq")).isNull();
        } finally {
            heartbeat.shutdownNow();
            // no renewal may land after the DONE record below
            assertThat(heartbeat.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        // the holder finishes
        double duplicates = counter("policy", "duplicate");
        env.redis.opsForValue().set(key, "done:live-worker", Duration.ofMinutes(10));

        await().atMost(WAIT).until(() -> counter("policy", "duplicate") > duplicates);
        assertThat(states(id)).isEmpty();
        assertThat(env.rabbit.receive(env.queue("policy") + ".dlq")).isNull();
        assertThat(env.redis.opsForValue().get(key)).isEqualTo("done:live-worker");
    }

    private static void publish(String id, String type) {
        worker.getBean(TaskPublisher.class)
                .publish(new TaskRequest(id, type, ItSeed.TENANT, "it", Map.of(), Instant.now()), 9);
    }

    private static java.util.List<TaskStatus.State> states(String id) {
        return env.statusesOf(id).stream().map(TaskStatus::state).toList();
    }

    private static double counter(String type, String outcome) {
        return worker.getBean(MeterRegistry.class)
                .counter("vigil.tasks.deliveries", "type", type, "outcome", outcome)
                .count();
    }
}
