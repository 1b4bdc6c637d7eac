package io.vigil.workers;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Vigil's task workers: competing consumers of the task queues on RabbitMQ that run the ops jobs
 * (retrain baselines, tune policy, cleanup, report), plus the cron schedules that enqueue those
 * jobs once across all instances. See docs/tasks.md.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class TaskWorkersApplication {

    public static void main(String[] args) {
        SpringApplication.run(TaskWorkersApplication.class, args);
    }
}
