package io.vigil.e2e;

import io.vigil.testsupport.LocalServices;
import java.nio.file.Path;

/**
 * Vigil's services as processes wired to one test's own Kafka topics, consumer groups, Redis keys
 * and exchanges, so that tests never meet each other's data on the shared brokers.
 */
final class VigilProcesses {

    private VigilProcesses() {}

    /** The gateway in the demo profile (demo tokens), bridging the test's topics. */
    static ServiceProcess.Builder gateway(Kafka kafka, String run) {
        return ServiceProcess.fromModule("ws-gateway", "ws-gateway-" + run)
                .fastStartup()
                .property("spring.profiles.active", "demo")
                .property("spring.kafka.bootstrap-servers", LocalServices.kafkaBootstrap())
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
    static ServiceProcess.Builder streamProcessor(Kafka kafka, String run, String applicationId, Path stateDir) {
        return ServiceProcess.fromModule("stream-processor", "stream-processor-" + run)
                .fastStartup()
                .property("vigil.streams.bootstrap-servers", LocalServices.kafkaBootstrap())
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
