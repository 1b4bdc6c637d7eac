package io.vigil.reliability.faults;

import static io.vigil.testsupport.LocalService.RABBITMQ;
import static io.vigil.testsupport.LocalService.RABBITMQ_STOMP;
import static io.vigil.testsupport.LocalService.REDIS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.e2e.ServiceProcess;
import io.vigil.reliability.support.FaultStack;
import io.vigil.reliability.support.PrivateKafka;
import io.vigil.reliability.support.Producers;
import io.vigil.reliability.support.Results;
import io.vigil.reliability.support.ScoreFeed;
import io.vigil.reliability.support.TopicReader;
import io.vigil.reliability.support.ViewClient;
import io.vigil.testsupport.RequiresLocalServices;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Future;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Kafka broker crashes (SIGKILL) and restarts on its data while the stream processor works
 * through known events and the gateway's bridge follows its output. A private single-node KRaft
 * broker (same jars and server.properties as infra/kafka) takes the crash, not the shared one; a
 * TCP proxy could not simulate it, because Kafka clients connect to the advertised address from the
 * metadata, not to the proxy. Afterwards every event is processed exactly once and every client's
 * view equals the scores topic: the processor and the bridge resumed and lost nothing.
 */
@RequiresLocalServices({RABBITMQ, RABBITMQ_STOMP, REDIS})
class KafkaRestartIT {

    @AutoClose
    static final FaultStack STACK = FaultStack.withoutTopics("kr");

    static final String RUN = STACK.run;
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void processorAndBridgeResumeAfterABrokerCrashAndLoseNothing() throws Exception {
        PrivateKafka kafka = STACK.add(new PrivateKafka().start());
        kafka.createTopics();
        ServiceProcess.Builder processorBuilder = ServiceProcess.fromModule(
                        "stream-processor", "stream-processor-" + RUN)
                .fastStartup()
                .property("vigil.streams.bootstrap-servers", kafka.bootstrap())
                .property("vigil.streams.state-dir", Files.createTempDirectory("rel-kr"))
                .property("vigil.streams.num-stream-threads", 1);
        ServiceProcess.Builder gatewayBuilder = ServiceProcess.fromModule("ws-gateway", "ws-gateway-" + RUN)
                .fastStartup()
                .property("spring.profiles.active", "demo")
                .property("spring.kafka.bootstrap-servers", kafka.bootstrap())
                .property("vigil.state.key-prefix", "it-rel:" + RUN)
                .property("vigil.security.hs256-secret", STACK.secret);
        ServiceProcess processor = STACK.start(processorBuilder);
        ServiceProcess gateway = STACK.start(gatewayBuilder);
        int gatewayPort = gateway.port();

        int n = Math.max(2_000, io.vigil.reliability.support.Scale.events() / 5);
        List<KnownEvents.Event> events = KnownEvents.generate(RUN, n, 1, Duration.ofMinutes(60), 7);
        String tenant = events.getFirst().tenant();
        List<ViewClient> clients = STACK.viewers(5, "k", tenant, List.of(gatewayPort));
        await("clients connected")
                .atMost(Duration.ofSeconds(60))
                .until(() -> clients.stream().allMatch(ViewClient::connected));

        KafkaProducer<String, byte[]> producer = producer(kafka);
        // closed with a bound: a broker that did not come back must fail the check, not hang it
        STACK.add(() -> producer.close(Duration.ofSeconds(10)));
        // Sent while the broker is down: what the producer buffers within a second or two (the check is
        // the crash and the restart, not how much a producer can buffer); the rest follows the restart.
        int whileDown = Math.min(n / 2, 2_000);
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()))) {
            for (KnownEvents.Event e : events.subList(0, n / 2)) {
                sends.add(producer.send(new ProducerRecord<>("siem.events", e.tenant(), e.value())));
            }
            producer.flush();
            await("the processor under way")
                    .atMost(Duration.ofSeconds(120))
                    .until(() -> StreamProcessorKillIT.committed(admin, "vigil-stream-processor") >= n / 8);
            kafka.kill();
            for (KnownEvents.Event e : events.subList(n / 2, n / 2 + whileDown)) {
                Future<RecordMetadata> send = producer.send(new ProducerRecord<>("siem.events", e.tenant(), e.value()));
                sends.add(send);
                if (send.isDone() && failed(send)) {
                    break; // refused at once (max.block.ms passed): counted, and the check fails
                }
            }
            kafka.start();
            for (KnownEvents.Event e : events.subList(n / 2 + whileDown, n)) {
                sends.add(producer.send(new ProducerRecord<>("siem.events", e.tenant(), e.value())));
            }
            producer.flush();
            await("the processor to consume every event after the restart")
                    .atMost(Duration.ofSeconds(240))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> StreamProcessorKillIT.committed(admin, "vigil-stream-processor") >= n);
        }
        long sendsFailed = sends.stream().filter(KafkaRestartIT::failed).count();
        int normalised = read(kafka, "siem.events.normalized").size();
        int deadLettered = read(kafka, "siem.events.dlq").size();
        Map<String, Long> server = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> r : read(kafka, "threat.scores")) {
            if (r.value() == null) {
                server.remove(r.key());
            } else if (r.key().startsWith(tenant + "/")) {
                server.merge(r.key(), JSON.readTree(r.value()).path("version").asLong(), Math::max);
            }
        }
        try {
            await("every client's view to equal the scores topic")
                    .atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> clients.stream().allMatch(c -> ScoreFeed.divergent(server, c.view()) == 0));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // counted below
        }
        int divergent = clients.stream()
                .mapToInt(c -> ScoreFeed.divergent(server, c.view()))
                .sum();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("broker kill -9 and restart", 1);
        figures.put("events", n);
        figures.put("events sent while the broker was down", whileDown);
        figures.put("sends failed", sendsFailed);
        figures.put("normalised", normalised);
        figures.put("dead-lettered", deadLettered);
        figures.put("lost or duplicated", n - normalised - deadLettered);
        figures.put("entities", server.size());
        figures.put("divergent entities (5 clients via the bridge)", divergent);
        figures.put("processor / gateway healthy after", processor.healthy() + " / " + gateway.healthy());
        boolean held = sendsFailed == 0
                && normalised + deadLettered == n
                && deadLettered == 0
                && divergent == 0
                && processor.healthy();
        Results.record(
                "10-kafka-restart",
                "Kafka broker killed and restarted under load (private KRaft node): processor and bridge resume",
                figures,
                held,
                KafkaRestartIT.class);
        assertThat(sendsFailed).as("sends failed").isZero();
        assertThat(normalised + deadLettered)
                .as("events out (normalised + dead letters)")
                .isEqualTo(n);
        assertThat(deadLettered).isZero();
        assertThat(divergent).as("divergent entities over all clients").isZero();
        assertThat(processor.healthy()).isTrue();
    }

    private static boolean failed(Future<RecordMetadata> send) {
        try {
            send.get(0, java.util.concurrent.TimeUnit.SECONDS); // flushed: done
            return false;
        } catch (Exception e) {
            return true;
        }
    }

    static List<ConsumerRecord<String, byte[]>> read(PrivateKafka kafka, String topic) {
        return TopicReader.readUntil(kafka.bootstrap(), topic, r -> true, Duration.ofSeconds(30));
    }

    static KafkaProducer<String, byte[]> producer(PrivateKafka kafka) {
        // Delivery: long enough to outlast the broker's downtime. Metadata: kept while the only broker
        // is down, so sends are buffered, as a producer did before Kafka 4; with the default
        // (rebootstrap) the client drops it as soon as no broker answers, and every send then blocks
        // for max.block.ms waiting for metadata (seen in the soak, 2026-11-23). max.block.ms bounds a
        // send that blocks anyway, so the check fails instead of hanging.
        return Producers.idempotent(
                kafka.bootstrap(),
                Map.of(
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 180_000,
                        CommonClientConfigs.METADATA_RECOVERY_STRATEGY_CONFIG, "none",
                        ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000));
    }
}
