package io.vigil.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.contracts.model.Baseline;
import io.vigil.contracts.model.ModelParams;
import io.vigil.contracts.ops.TaskRequest;
import io.vigil.contracts.ops.TaskStatus;
import io.vigil.testsupport.LocalService;
import io.vigil.testsupport.RequiresLocalServices;
import io.vigil.workers.kafka.ModelParamsStore;
import io.vigil.workers.task.TaskMessages;
import io.vigil.workers.task.TaskPublisher;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * On-demand runs of every job through the real broker, Kafka and Redis: results, statuses (also
 * seen by a STOMP subscriber), idempotency, retries and dead-lettering.
 */
@RequiresLocalServices({
    LocalService.KAFKA,
    LocalService.RABBITMQ,
    LocalService.RABBITMQ_STOMP,
    LocalService.RABBITMQ_MANAGEMENT,
    LocalService.REDIS
})
class TaskRunsIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static ItEnvironment env;
    private static ConfigurableApplicationContext worker;

    @BeforeAll
    static void start() throws Exception {
        env = new ItEnvironment();
        ItSeed.seed(env);
        worker = env.startWorker(env.workerProperties("worker-a"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (env != null) env.close();
    }

    @Test
    void retrainPublishesBaselinesAndAStompSubscriberSeesItsStatuses() throws Exception {
        try (StompStatuses stomp = new StompStatuses(env.statusKey)) {
            String id = publish("retrain", Map.of("priorMinutes", 1, "lookback", "1d"));

            await().atMost(WAIT)
                    .untilAsserted(() -> assertThat(stomp.statesOf(id))
                            .containsSubsequence(
                                    TaskStatus.State.STARTED, TaskStatus.State.PROGRESS, TaskStatus.State.DONE));
            assertThat(stomp.contentTypes).allMatch(type -> type.startsWith("application/json"));
        }
        ModelParams params = worker.getBean(ModelParamsStore.class)
                .current(ItSeed.TENANT, ModelParams.BASELINE)
                .orElseThrow();
        assertThat(params.version()).isEqualTo(6);
        assertThat(params.details()).containsEntry("previousVersion", 5);
        Baseline total = params.baselines().get("total/all");
        int before = Baseline.hourOfWeek(ItSeed.T.minus(1, ChronoUnit.MINUTES));
        int after = Baseline.hourOfWeek(ItSeed.T);
        // minutes 4 and 2 (the open window is left out): M = 3, V = 1, k = 1
        assertThat(total.mean().get(before)).isEqualTo(3.5);
        assertThat(total.mean().get(after)).isEqualTo(2.5);
        assertThat(total.samples().get(before)).isEqualTo(1);
        assertThat(params.baselines()).containsKeys("severity/high", "severity/low");
    }

    @Test
    void policyMovesThresholdsTowardTheTargetAndRecordsBeforeAndAfter() throws Exception {
        String id = publish("policy", Map.of("lookback", "1d", "targetPerDay", 1));

        Map<String, Object> result = awaitDone(id);
        assertThat(result).containsKey("tenants");
        ModelParams params = worker.getBean(ModelParamsStore.class)
                .current(ItSeed.TENANT, ModelParams.POLICY)
                .orElseThrow();
        // 3 score alerts in 1 day vs 1/day, 1 of 3 acknowledged: 5 * log2(3) * (1.5 - 1/3)
        double shift = 5 * (Math.log(3) / Math.log(2)) * (1.5 - 1.0 / 3);
        assertThat(params.thresholds().medium()).isCloseTo(40 + shift, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(params.thresholds().critical()).isEqualTo(99.0);
        assertThat(params.details()).containsKeys("before", "after").containsEntry("alerts", 3);
    }

    @Test
    void reportListsTenantsComponentsAndQueues() throws Exception {
        String id = publish("report", Map.of("rateWindow", "7d"));

        Map<String, Object> result = awaitDone(id);
        @SuppressWarnings("unchecked")
        Map<String, Object> acme =
                (Map<String, Object>) ((Map<String, Object>) result.get("tenants")).get(ItSeed.TENANT);
        assertThat(acme).containsEntry("openAlerts", 3).containsEntry("acknowledgedAlerts", 1);
        assertThat(((Number) acme.get("eventsPerMinute")).doubleValue()).isPositive();
        assertThat(acme.get("topEntities").toString()).startsWith("[{entity=host/h1");
        assertThat(result.get("queues").toString()).contains(env.queue("report"));
        assertThat(result.get("components").toString()).contains("it-component", "committed=false");
    }

    @Test
    void cleanupExpiresStaleEntriesTrimsHistoriesAndReportsOldDeadLetters() throws Exception {
        long now = System.currentTimeMillis();
        env.redis.opsForZSet().add(env.redisPrefix + "presence:acme", "gone", now - 3_600_000);
        env.redis.opsForZSet().add(env.redisPrefix + "presence:acme", "here", now);
        for (int i = 0; i < 15; i++) env.redis.opsForList().leftPush(env.redisPrefix + "history:acme", "e" + i);
        MessageProperties old = new MessageProperties();
        old.setMessageId("dead-" + env.id);
        old.setHeader(TaskMessages.FAILED_AT_HEADER, "2026-01-01T00:00:00Z");
        old.setHeader(TaskMessages.REASON_HEADER, "boom");
        env.rabbit.send(env.deadLetterExchange, "cleanup", new Message("{}".getBytes(StandardCharsets.UTF_8), old));

        String id = publish("cleanup", Map.of());

        Map<String, Object> result = awaitDone(id);
        assertThat(result.get("expired").toString()).contains("presence:*=1");
        assertThat(result.get("trimmed").toString()).contains("history:*=5");
        assertThat(result.get("deadLetters").toString()).contains("dead-" + env.id, "boom");
        assertThat(env.redis.opsForZSet().range(env.redisPrefix + "presence:acme", 0, -1))
                .containsExactly("here");
        assertThat(env.redis.opsForList().range(env.redisPrefix + "history:acme", 0, 0))
                .containsExactly("e14");
        // inspecting does not consume: the dead letter is still there
        assertThat(env.rabbit
                        .receive(env.queue("cleanup") + ".dlq", 5_000)
                        .getMessageProperties()
                        .getMessageId())
                .isEqualTo("dead-" + env.id);
    }

    @Test
    void aRedeliveredDuplicateIsNotRunTwice() throws Exception {
        String id = publish("report", Map.of());
        awaitDone(id);
        MeterRegistry meters = worker.getBean(MeterRegistry.class);
        assertThat(meters.timer("vigil.tasks.duration", "type", "report", "outcome", "done")
                        .count())
                .as("a finished run is timed")
                .isGreaterThanOrEqualTo(1);
        worker.getBean(TaskPublisher.class).publish(request(id, "report", Map.of()), 9);

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(
                                meters.counter("vigil.tasks.deliveries", "type", "report", "outcome", "duplicate")
                                        .count())
                        .isEqualTo(1.0));
        assertThat(env.statusesOf(id))
                .filteredOn(s -> s.state() == TaskStatus.State.STARTED)
                .hasSize(1);
    }

    @Test
    void aFailingTaskIsRetriedThenDeadLetteredWithItsReason() throws Exception {
        String id = publish("retrain", Map.of("lookback", "banana"));

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(env.statusesOf(id))
                        .anyMatch(s -> s.state() == TaskStatus.State.FAILED
                                && s.message().contains("dead-lettered")));
        assertThat(env.statusesOf(id))
                .filteredOn(s -> s.state() == TaskStatus.State.STARTED)
                .hasSize(3);
        Message dead = env.rabbit.receive(env.queue("retrain") + ".dlq", 10_000);
        assertThat(dead.getMessageProperties().getMessageId()).isEqualTo(id);
        assertThat(dead.getMessageProperties().<Object>getHeader(TaskMessages.ATTEMPT_HEADER))
                .isEqualTo(3);
        assertThat(dead.getMessageProperties().<String>getHeader(TaskMessages.REASON_HEADER))
                .contains("param 'lookback'");
    }

    @Test
    void anUnreadableMessageGoesStraightToTheDeadLetterQueue() {
        MessageProperties properties = new MessageProperties();
        properties.setMessageId("poison-" + env.id);
        env.rabbit.send(env.exchange, "policy", new Message("{not json".getBytes(StandardCharsets.UTF_8), properties));

        Message dead = env.rabbit.receive(env.queue("policy") + ".dlq", 30_000);
        assertThat(dead).isNotNull();
        assertThat(dead.getMessageProperties().getMessageId()).isEqualTo("poison-" + env.id);
        assertThat(dead.getMessageProperties().<String>getHeader(TaskMessages.REASON_HEADER))
                .startsWith("invalid task message");
        assertThat(env.statusesOf("poison-" + env.id)).isEmpty();
    }

    private static String publish(String type, Map<String, Object> params) {
        String id = type + "-" + java.util.UUID.randomUUID();
        worker.getBean(TaskPublisher.class).publish(request(id, type, params), 9);
        return id;
    }

    private static TaskRequest request(String id, String type, Map<String, Object> params) {
        return new TaskRequest(id, type, ItSeed.TENANT, "it", params, Instant.now());
    }

    private static Map<String, Object> awaitDone(String id) {
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(env.statusesOf(id))
                        .extracting(TaskStatus::state)
                        .contains(TaskStatus.State.DONE));
        List<TaskStatus> done = env.statusesOf(id).stream()
                .filter(s -> s.state() == TaskStatus.State.DONE)
                .toList();
        return done.getFirst().result();
    }
}
