package io.vigil.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.vigil.contracts.ops.TaskRequest;
import io.vigil.contracts.ops.TaskStatus;
import io.vigil.testsupport.LocalService;
import io.vigil.testsupport.RequiresLocalServices;
import io.vigil.workers.task.TaskPublisher;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A worker shut down gracefully in the middle of a job (a report held on its management-API call,
 * answered by a stand-in server of this test) releases its claim: the redelivered request runs on
 * another worker at once, long before the two-minute lease could have expired, and completes once.
 */
@RequiresLocalServices({LocalService.KAFKA, LocalService.RABBITMQ, LocalService.RABBITMQ_MANAGEMENT, LocalService.REDIS
})
class ShutdownReleaseIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final CompletableFuture<Void> RELEASE = new CompletableFuture<>();
    private static final AtomicInteger MANAGEMENT_CALLS = new AtomicInteger();
    private static ItEnvironment env;
    private static HttpServer management;

    @BeforeAll
    static void start() throws Exception {
        env = new ItEnvironment();
        ItSeed.seed(env);
        // the first management call is held until the test lets it go: the job is then mid-flight
        management = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        management.setExecutor(Executors.newCachedThreadPool());
        management.createContext("/", exchange -> {
            if (MANAGEMENT_CALLS.incrementAndGet() == 1) {
                RELEASE.orTimeout(90, TimeUnit.SECONDS).exceptionally(e -> null).join();
            }
            byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        management.start();
    }

    @AfterAll
    static void stop() throws Exception {
        RELEASE.complete(null);
        if (env != null) env.close();
        if (management != null) management.stop(0);
    }

    private static ConfigurableApplicationContext worker(String name) {
        Map<String, Object> properties = env.workerProperties(name);
        properties.put("vigil.workers.idempotency.lease", "2m");
        properties.put("vigil.workers.idempotency.heartbeat", "10s");
        properties.put(
                "vigil.workers.report.management.url",
                "http://127.0.0.1:" + management.getAddress().getPort());
        properties.put("vigil.workers.report.management.timeout", "90s");
        return env.startWorker(properties);
    }

    @Test
    void aJobCutOffByShutdownIsRedeliveredAndRunsToCompletionOnce() {
        ConfigurableApplicationContext first = worker("worker-b");
        String id = "report-" + UUID.randomUUID();
        String key = env.redisPrefix + "done:" + id;
        first.getBean(TaskPublisher.class)
                .publish(new TaskRequest(id, "report", ItSeed.TENANT, "it", Map.of(), Instant.now()), 9);
        await().atMost(WAIT).until(() -> MANAGEMENT_CALLS.get() >= 1);
        assertThat(env.redis.opsForValue().get(key)).isEqualTo("running:worker-b");
        worker("worker-c");

        first.close();

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(env.statusesOf(id))
                        .extracting(TaskStatus::state)
                        .contains(TaskStatus.State.DONE));
        assertThat(env.redis.opsForValue().get(key)).isEqualTo("done:worker-c");
        // the cut-off job now ends too, after its claim was given up: it reports nothing more
        RELEASE.complete(null);
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10))
                .until(() -> env.statusesOf(id).stream()
                                .filter(s -> s.state() == TaskStatus.State.DONE)
                                .count()
                        == 1);
        assertThat(env.statusesOf(id))
                .filteredOn(s -> s.state() == TaskStatus.State.DONE)
                .singleElement()
                .extracting(TaskStatus::worker)
                .isEqualTo("worker-c");
        assertThat(env.redis.opsForValue().get(key)).isEqualTo("done:worker-c");
        assertThat(env.rabbit.receive(env.queue("report") + ".dlq")).isNull();
    }
}
