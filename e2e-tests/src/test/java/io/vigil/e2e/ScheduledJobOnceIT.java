package io.vigil.e2e;

import static io.vigil.testsupport.LocalService.RABBITMQ;
import static io.vigil.testsupport.LocalService.RABBITMQ_MANAGEMENT;
import static io.vigil.testsupport.LocalService.REDIS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.contracts.ops.TaskStatus;
import io.vigil.contracts.topic.VigilSerdes;
import io.vigil.testsupport.RequiresLocalServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two task-worker processes with the same schedule (the cleanup job every 5 s): both fire at every
 * fire time, one takes the ShedLock lock in Redis and enqueues the run, the other skips it; so each
 * fire time runs once, as the status topic (STOMP, straight from RabbitMQ) shows. The workers use their own copy of the task topology, Redis prefix and status routing key.
 */
@RequiresLocalServices({RABBITMQ, RABBITMQ_MANAGEMENT, REDIS})
class ScheduledJobOnceIT {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String ID = "e2e" + RUN;
    static final String STATUS_KEY = "ops.tasks." + ID;
    static final String REDIS_PREFIX = "it-e2e:" + ID + ":";
    static final int RUNS = 3;
    static final Pattern SCHEDULED = Pattern.compile(
            "^vigil_tasks_scheduled_total\\{[^}]*outcome=\"(\\w+)\"[^}]*type=\"cleanup\"[^}]*} ([0-9.E]+)$",
            Pattern.MULTILINE);

    static final JsonMapper JSON = JsonMapper.builder().build();

    static RabbitTaskTopology topology;
    static StompFeed feed;
    static List<StompFeed.Frame> statusFrames;
    static List<StompFeed.Frame> requestFrames;
    static ServiceProcess first;
    static ServiceProcess second;

    @BeforeAll
    static void start() throws Exception {
        topology = new RabbitTaskTopology(ID);
        feed = StompFeed.rabbitMq("vigil-admin", "vigil-admin-dev");
        statusFrames = feed.subscribe("/topic/" + STATUS_KEY);
        // every request the schedules enqueue, as a copy bound to the task exchange
        requestFrames = feed.subscribe("/exchange/" + topology.exchange("vigil.tasks") + "/cleanup");
        first = worker("a");
        second = worker("b");
        CompletableFuture<?> firstUp = CompletableFuture.runAsync(() -> first.start(Duration.ofSeconds(150)));
        second.start(Duration.ofSeconds(150));
        firstUp.get(160, TimeUnit.SECONDS);
    }

    private static ServiceProcess worker(String instance) {
        var builder = ServiceProcess.fromModule("task-workers", "task-workers-" + instance + "-" + RUN)
                .fastStartup()
                .property("vigil.workers.instance-id", "e2e-worker-" + instance)
                .property("vigil.workers.topic-prefix", "it-e2e-" + ID + ".")
                .property("vigil.workers.amqp.status-routing-key", STATUS_KEY)
                .property("vigil.workers.idempotency.key-prefix", REDIS_PREFIX + "done:")
                .property("vigil.workers.scheduling.lock-prefix", REDIS_PREFIX + "lock")
                // what the test leaves in the shared Redis expires by itself
                .property("vigil.workers.idempotency.retention", "10m")
                .property("vigil.workers.schedules.retrain.cron", "-")
                .property("vigil.workers.schedules.policy.cron", "-")
                .property("vigil.workers.schedules.report.cron", "-")
                .property("vigil.workers.schedules.cleanup.cron", "*/5 * * * * *")
                .property("vigil.workers.schedules.cleanup.lock-at-least-for", "4s")
                // the cleanup job only ever touches this test's keys
                // (a list given on the command line replaces application.yml's whole list)
                .property("vigil.workers.cleanup.stale[0].pattern", REDIS_PREFIX + "presence:*")
                .property("vigil.workers.cleanup.stale[0].mode", "SCORE")
                .property("vigil.workers.cleanup.stale[0].max-age", "2m")
                .property("vigil.workers.cleanup.histories[0].pattern", REDIS_PREFIX + "history:*")
                .property("vigil.workers.cleanup.histories[0].max-length", 1000);
        topology.workerProperties().forEach(p -> builder.property(p[0], p[1]));
        return builder.build();
    }

    @AfterAll
    static void stop() throws Exception {
        for (ServiceProcess p : new ServiceProcess[] {first, second}) {
            if (p != null) p.close();
        }
        if (feed != null) feed.close();
        if (topology != null) topology.close();
    }

    @Test
    void eachFireTimeRunsOnceAcrossTwoWorkers() {
        await("three scheduled cleanup runs done")
                .atMost(Duration.ofSeconds(120))
                .until(() -> statuses(TaskStatus.State.DONE).size() >= RUNS);

        // both instances fired; the one without the lock skipped; what was enqueued reached the exchange;
        // every enqueued fire time started and finished (compared between two fires, both still running)
        await("enqueued requests matching the instances' counters, each run")
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> {
                    Map<String, Double> a = scheduled(first);
                    Map<String, Double> b = scheduled(second);
                    assertThat(a.getOrDefault("locked", 0.0) + b.getOrDefault("locked", 0.0))
                            .isPositive();
                    assertThat((double) requestFrames.size())
                            .isEqualTo(a.getOrDefault("enqueued", 0.0) + b.getOrDefault("enqueued", 0.0));
                    // Each fire time ran once. It is normally enqueued once too; an instance whose lock
                    // request reaches Redis more than lock-at-least-for after the fire time (a starved
                    // JVM) takes the lock again and enqueues the same request id, which the listener
                    // acknowledges without running it.
                    assertThat(ids(TaskStatus.State.STARTED))
                            .as("a fire time started once")
                            .containsExactlyInAnyOrderElementsOf(enqueuedIds());
                    assertThat(ids(TaskStatus.State.DONE)).containsExactlyInAnyOrderElementsOf(enqueuedIds());
                });
        assertThat(enqueuedIds()).allMatch(id -> id.startsWith("scheduled-cleanup-"));
        assertThat(statuses(TaskStatus.State.FAILED)).isEmpty();
        assertThat(feed.errors).isEmpty();
    }

    private static List<String> enqueuedIds() {
        return requestFrames.stream()
                .map(f -> JSON.readTree(f.body()).get("id").asString())
                .distinct()
                .toList();
    }

    private static List<String> ids(TaskStatus.State state) {
        return statuses(state).stream().map(TaskStatus::taskId).toList();
    }

    private static List<TaskStatus> statuses(TaskStatus.State state) {
        var json = VigilSerdes.json(TaskStatus.class).deserializer();
        return statusFrames.stream()
                .map(f -> json.deserialize("", f.body().getBytes(StandardCharsets.UTF_8)))
                .filter(s -> s.state() == state && s.taskId().startsWith("scheduled-cleanup-"))
                .collect(Collectors.toList());
    }

    /** The instance's vigil.tasks.scheduled counters of the cleanup schedule, by outcome. */
    private static Map<String, Double> scheduled(ServiceProcess worker) throws Exception {
        String body;
        try (HttpClient http = HttpClient.newHttpClient()) {
            body = http.send(
                            HttpRequest.newBuilder(URI.create(worker.baseUrl() + "/actuator/prometheus"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        }
        Map<String, Double> counts = new java.util.HashMap<>();
        Matcher m = SCHEDULED.matcher(body);
        while (m.find()) counts.merge(m.group(1), Double.parseDouble(m.group(2)), Double::sum);
        return counts;
    }
}
