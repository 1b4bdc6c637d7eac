package io.vigil.e2e;

import java.nio.file.Path;

/**
 * Vigil's services as processes wired to one test's own Kafka topics, consumer groups, Redis keys
 * and exchanges, so that tests never meet each other's data on the shared brokers.
 */
public final class VigilProcesses {

    private VigilProcesses() {}

    /** The gateway in the demo profile (demo tokens), bridging the test's topics. */
    public static ServiceProcess.Builder gateway(Kafka kafka, String run) {
        return gateway(kafka, run, "ws-gateway-" + run);
    }

    /**
     * One of several gateway instances of a run (process and log named {@code name}): they share the
     * run's bridge consumer group and Redis state, as replicas of one deployment do.
     */
    public static ServiceProcess.Builder gateway(Kafka kafka, String run, String name) {
        return ServiceProcess.fromModule("ws-gateway", name)
                .fastStartup()
                .property("spring.profiles.active", "demo")
                .property("spring.kafka.bootstrap-servers", kafka.bootstrap)
                .property("vigil.topics.scores", kafka.topics.scores())
                .property("vigil.topics.metrics", kafka.topics.metrics())
                .property("vigil.topics.anomalies", kafka.topics.anomalies())
                .property("vigil.topics.alerts", kafka.topics.alerts())
                .property("vigil.topics.alert-commands", kafka.topics.alertCommands())
                .property("spring.kafka.consumer.group-id", "it-e2e-gw-" + run)
                .property("vigil.state.key-prefix", "it-e2e:" + run)
                .property("vigil.tasks.exchange", "it-e2e-tasks-" + run);
    }

    /** The stream processor with one stream thread, its own application id and state directory. */
    public static ServiceProcess.Builder streamProcessor(Kafka kafka, String run, String applicationId, Path stateDir) {
        return streamProcessorInstance(kafka, "stream-processor-" + run, applicationId, stateDir);
    }

    /**
     * One of several stream-processor instances (process and log named {@code name}): instances with
     * the same application id share the partitions; each needs its own state directory.
     */
    public static ServiceProcess.Builder streamProcessorInstance(
            Kafka kafka, String name, String applicationId, Path stateDir) {
        return ServiceProcess.fromModule("stream-processor", name)
                .fastStartup()
                .property("vigil.streams.bootstrap-servers", kafka.bootstrap)
                .property("vigil.streams.application-id", applicationId)
                .property("vigil.streams.state-dir", stateDir)
                .property("vigil.streams.num-stream-threads", 1)
                .property("vigil.topics.events", kafka.topics.events())
                .property("vigil.topics.events-dlq", kafka.topics.eventsDlq())
                .property("vigil.topics.normalized", kafka.normalized)
                .property("vigil.topics.scores", kafka.topics.scores())
                .property("vigil.topics.metrics", kafka.topics.metrics())
                .property("vigil.topics.anomalies", kafka.topics.anomalies())
                .property("vigil.topics.alerts", kafka.topics.alerts())
                .property("vigil.topics.alert-commands", kafka.topics.alertCommands())
                .property("vigil.topics.model-params", kafka.topics.modelParams());
    }
}
