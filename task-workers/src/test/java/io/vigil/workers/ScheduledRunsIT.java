package io.vigil.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.contracts.ops.TaskStatus;
import io.vigil.testsupport.LocalService;
import io.vigil.testsupport.RequiresLocalServices;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two worker instances with the same schedules: every job runs on its schedule, and each fire time
 * is enqueued once (one instance takes the Redis lock, the other skips).
 */
@RequiresLocalServices({LocalService.KAFKA, LocalService.RABBITMQ, LocalService.RABBITMQ_MANAGEMENT, LocalService.REDIS
})
class ScheduledRunsIT {

    private static final List<String> TYPES = List.of("retrain", "policy", "cleanup", "report");
    private static ItEnvironment env;
    private static final List<String> enqueued = new CopyOnWriteArrayList<>();
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;
    private static List<MeterRegistry> registries;

    @BeforeAll
    static void start() throws Exception {
        env = new ItEnvironment();
        for (String type : TYPES) {
            env.tap(
                    env.tasksExchange(),
                    type,
                    message -> enqueued.add(message.getMessageProperties().getMessageId()));
        }
        first = env.startWorker(schedules(env.workerProperties("worker-1")));
        second = env.startWorker(schedules(env.workerProperties("worker-2")));
        registries = List.of(first.getBean(MeterRegistry.class), second.getBean(MeterRegistry.class));
    }

    private static Map<String, Object> schedules(Map<String, Object> properties) {
        for (String type : TYPES) {
            properties.put("vigil.workers.schedules." + type + ".cron", "*/3 * * * * *");
            properties.put("vigil.workers.schedules." + type + ".lock-at-least-for", "2s");
        }
        return properties;
    }

    @AfterAll
    static void stop() throws Exception {
        if (env != null) env.close();
    }

    @Test
    void eachJobRunsOnItsScheduleOnceAcrossTwoInstances() {
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            for (String type : TYPES) {
                assertThat(env.statuses)
                        .as("a scheduled %s run", type)
                        .anyMatch(s -> s.type().equals(type)
                                && s.state() == TaskStatus.State.DONE
                                && s.taskId().startsWith("scheduled-" + type + "-"));
            }
            // both instances fired, and the one without the lock skipped
            assertThat(count("locked")).isPositive();
        });

        // every request the schedules enqueued reached the exchange (checked between two fires,
        // while both instances keep running), and no fire time twice
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat((double) enqueued.size()).isEqualTo(count("enqueued")));
        assertThat(enqueued).isNotEmpty().doesNotHaveDuplicates();
        for (String type : TYPES) {
            // a scheduled run that started ran once: no task id started twice
            List<String> started = env.statuses.stream()
                    .filter(s -> s.type().equals(type) && s.state() == TaskStatus.State.STARTED)
                    .map(TaskStatus::taskId)
                    .toList();
            assertThat(started).as(type).doesNotHaveDuplicates();
        }
        assertThat(env.statuses).noneMatch(s -> s.state() == TaskStatus.State.FAILED);
    }

    private static double count(String outcome) {
        double total = 0;
        for (MeterRegistry meters : registries) {
            for (String type : TYPES) {
                total += meters.counter("vigil.tasks.scheduled", "type", type, "outcome", outcome)
                        .count();
            }
        }
        return total;
    }
}
