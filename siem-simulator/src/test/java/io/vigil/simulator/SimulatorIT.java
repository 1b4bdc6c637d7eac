package io.vigil.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.contracts.topic.TopicNames;
import io.vigil.simulator.kafka.KafkaEventSink;
import io.vigil.testsupport.LocalService;
import io.vigil.testsupport.LocalServices;
import io.vigil.testsupport.RequiresLocalServices;
import io.vigil.testsupport.SampleData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The jar's commands against the real local Kafka: ingest of the real honeypot sample and a
 * bounded simulate, each into a topic created for this test, counted back with a consumer.
 */
@RequiresLocalServices(LocalService.KAFKA)
class SimulatorIT {

    private static final String PREFIX = "it-" + UUID.randomUUID() + "-";
    private static final String TOPIC = TopicNames.DEFAULTS.withPrefix(PREFIX).events();
    private static final String BOOTSTRAP = LocalServices.kafkaBootstrap();
    private static final Pattern SIMULATE_SENT = Pattern.compile("simulate finished: sent=(\\d+)");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void createTopic() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get();
        }
    }

    @AfterAll
    static void deleteTopic() throws Exception {
        try (Admin admin = admin()) {
            admin.deleteTopics(List.of(TOPIC)).all().get();
        }
    }

    @Test
    void ingestAndSimulateProduceEveryRecordWithHeadersAndKeys() {
        String ingestTenant = "it-ingest-" + UUID.randomUUID().toString().substring(0, 8);
        String simulateTenant = "it-sim-" + UUID.randomUUID().toString().substring(0, 8);

        int ingest = main().execute(
                        "ingest",
                        SampleData.suricata("honeypot-2018-alerts.json").toString(),
                        "--format",
                        "suricata",
                        "--tenant",
                        ingestTenant,
                        "--bootstrap",
                        BOOTSTRAP,
                        "--topic",
                        TOPIC);
        int simulate = main().execute(
                        "simulate",
                        "--tenant",
                        simulateTenant,
                        "--rate",
                        "40",
                        "--scenario",
                        "port-scan",
                        "--duration",
                        "10",
                        "--bootstrap",
                        BOOTSTRAP,
                        "--topic",
                        TOPIC);

        assertThat(ingest).as(err.toString()).isZero();
        assertThat(simulate).as(err.toString()).isZero();
        Matcher sent = SIMULATE_SENT.matcher(out.toString(StandardCharsets.UTF_8));
        assertThat(sent.find()).as(out.toString()).isTrue();
        long simulated = Long.parseLong(sent.group(1));
        assertThat(simulated).isGreaterThan(300);

        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(TOPIC));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                assertThat(records).hasSize((int) (44 + simulated));
            });
        }
        Map<String, List<ConsumerRecord<String, byte[]>>> byTenant =
                records.stream().collect(Collectors.groupingBy(r -> header(r, KafkaEventSink.TENANT_HEADER)));
        assertThat(byTenant.get(ingestTenant))
                .hasSize(44)
                .allMatch(r -> "suricata".equals(header(r, KafkaEventSink.FORMAT_HEADER)) && r.key() == null);
        assertThat(byTenant.get(simulateTenant))
                .hasSize((int) simulated)
                .allMatch(r -> r.key().startsWith(simulateTenant + "/"))
                .allMatch(r ->
                        header(r, KafkaEventSink.FORMAT_HEADER).matches("suricata|zeek|ecs|ocsf|winsec|canonical"));
        assertThat(byTenant.get(simulateTenant).stream()
                        .map(r -> header(r, KafkaEventSink.FORMAT_HEADER))
                        .distinct())
                .hasSize(6);
    }

    @Test
    void aMissingTopicIsAClearErrorNotAHang() {
        int code = main().execute(
                        "ingest",
                        SampleData.suricata("honeypot-2018-alerts.json").toString(),
                        "--bootstrap",
                        BOOTSTRAP,
                        "--topic",
                        PREFIX + "missing");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("Topic '" + PREFIX + "missing' does not exist");
    }

    private SimulatorMain main() {
        return new SimulatorMain(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                target -> KafkaEventSink.connect(target.bootstrap(), target.topic()),
                Clock.systemUTC());
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP));
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                BOOTSTRAP,
                ConsumerConfig.GROUP_ID_CONFIG,
                PREFIX + "counter",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class));
    }
}
