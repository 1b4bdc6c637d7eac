package io.vigil.workers.schedule;

import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.contracts.ops.TaskRequest;
import io.vigil.contracts.ops.TaskType;
import io.vigil.workers.config.WorkersProperties;
import io.vigil.workers.task.TaskPublisher;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TimeZone;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.stereotype.Component;

/**
 * Enqueues each job on its cron schedule (UTC), once across all worker instances: every instance
 * fires, and only the one that takes the ShedLock lock in Redis publishes the request. The request id
 * is derived from the job and fire time, so even a lock lost to a Redis failover cannot make two
 * runs: the second copy is skipped as a duplicate by the listener.
 */
@Component
class TaskSchedules implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(TaskSchedules.class);

    private final WorkersProperties properties;
    private final LockingTaskExecutor locks;
    private final TaskPublisher publisher;
    private final MeterRegistry meters;
    private final Clock clock;

    TaskSchedules(
            WorkersProperties properties,
            LockingTaskExecutor locks,
            TaskPublisher publisher,
            MeterRegistry meters,
            Clock clock) {
        this.properties = properties;
        this.locks = locks;
        this.publisher = publisher;
        this.meters = meters;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        properties.schedules().forEach((type, schedule) -> {
            if (!schedule.enabled()) {
                log.info("schedule of {} is disabled", type.id());
                return;
            }
            registrar.addCronTask(new org.springframework.scheduling.config.CronTask(
                    () -> fire(type, schedule),
                    new CronTrigger(schedule.cron(), TimeZone.getTimeZone(ZoneOffset.UTC))));
            log.info("{} is scheduled at cron '{}' (UTC)", type.id(), schedule.cron());
        });
    }

    void fire(TaskType type, WorkersProperties.Schedule schedule) {
        Instant now = clock.instant();
        Instant fireTime = now.truncatedTo(ChronoUnit.SECONDS);
        LockConfiguration lock = new LockConfiguration(
                now, "vigil-task-" + type.id(), schedule.lockAtMostFor(), schedule.lockAtLeastFor());
        try {
            var result = locks.executeWithLock(
                    () -> {
                        TaskRequest request = new TaskRequest(
                                "scheduled-%s-%d".formatted(type.id(), fireTime.getEpochSecond()),
                                type.id(),
                                "*",
                                "scheduler",
                                schedule.params() == null ? Map.of() : schedule.params(),
                                fireTime);
                        publisher.publish(request, schedule.priority());
                        return request.id();
                    },
                    lock);
            if (result.wasExecuted()) {
                log.info("enqueued scheduled task {}", result.getResult());
                count(type, "enqueued");
            } else {
                log.debug("scheduled {} at {} is enqueued by another instance", type.id(), fireTime);
                count(type, "locked");
            }
        } catch (Throwable e) {
            // the next fire tries again; a schedule thread must not die on a broker hiccup
            log.error("could not enqueue scheduled {}: {}", type.id(), e.getMessage(), e);
            count(type, "failed");
        }
    }

    private void count(TaskType type, String outcome) {
        meters.counter("vigil.tasks.scheduled", "type", type.id(), "outcome", outcome)
                .increment();
    }
}
