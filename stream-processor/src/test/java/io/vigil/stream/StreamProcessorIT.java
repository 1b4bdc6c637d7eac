package io.vigil.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.contracts.alert.Alert;
import io.vigil.contracts.alert.AlertAction;
import io.vigil.contracts.alert.AlertCommand;
import io.vigil.contracts.alert.AlertState;
import io.vigil.contracts.anomaly.Anomaly;
import io.vigil.contracts.metrics.MetricsWindow;
import io.vigil.contracts.score.ThreatScore;
import io.vigil.contracts.topic.Keys;
import io.vigil.contracts.topic.VigilSerdes;
import io.vigil.stream.ingest.IngestSamples;
import io.vigil.testsupport.LocalService;
import io.vigil.testsupport.LocalServices;
import io.vigil.testsupport.RequiresLocalServices;
import io.vigil.testsupport.SampleData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole application against the real local Kafka, on topics of its own: real Suricata samples,
 * one record of every other format and a few bad records go in; the DLQ invariant holds and scores,
 * metrics, anomalies and alerts come out; an analyst's command acknowledges an alert.
 */
@RequiresLocalServices(LocalService.KAFKA)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StreamProcessorIT {

    static final String PREFIX = "it-" + UUID.randomUUID() + "-";
    static final String TENANT = "it" + UUID.randomUUID().toString().substring(0, 8);
    static final StreamTopics TOPICS = StreamTopics.withPrefix(PREFIX);
    static final List<String> BAD = List.of(
            "{not json",
            "{\"who\":\"knows\"}",
            "[]",
            "{\"event_type\":\"alert\",\"timestamp\":\"1971-01-01T00:00:00Z\"}",
            "{\"EventID\":4625}");

    @LocalServerPort
    int port;

    @Autowired
    StreamsBuilderFactoryBean factory;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) throws Exception {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LocalServices.kafkaBootstrap()))) {
            List<NewTopic> topics = new ArrayList<>();
            for (String name : List.of(
                    TOPICS.events().name(),
                    TOPICS.eventsDlq().name(),
                    TOPICS.normalized().name(),
                    TOPICS.scores().name(),
                    TOPICS.metrics().name(),
                    TOPICS.anomalies().name(),
                    TOPICS.alerts().name(),
                    TOPICS.alertCommands().name())) {
                topics.add(new NewTopic(name, 2, (short) 1));
            }
            topics.add(new NewTopic(TOPICS.modelParams().name(), 1, (short) 1));
            admin.createTopics(topics).all().get();
        }
        registry.add("vigil.topics.events", TOPICS.events()::name);
        registry.add("vigil.topics.events-dlq", TOPICS.eventsDlq()::name);
        registry.add("vigil.topics.normalized", TOPICS.normalized()::name);
        registry.add("vigil.topics.scores", TOPICS.scores()::name);
        registry.add("vigil.topics.metrics", TOPICS.metrics()::name);
        registry.add("vigil.topics.anomalies", TOPICS.anomalies()::name);
        registry.add("vigil.topics.alerts", TOPICS.alerts()::name);
        registry.add("vigil.topics.alert-commands", TOPICS.alertCommands()::name);
        registry.add("vigil.topics.model-params", TOPICS.modelParams()::name);
        registry.add("vigil.streams.application-id", () -> PREFIX + "app");
        registry.add("vigil.streams.bootstrap-servers", LocalServices::kafkaBootstrap);
        String stateDir = Files.createTempDirectory("vigil-it").toString();
        registry.add("vigil.streams.state-dir", () -> stateDir);
        registry.add("vigil.streams.commit-interval", () -> "100ms");
        registry.add("vigil.metrics.grace", () -> "2s");
        registry.add("vigil.anomaly.grace", () -> "2s");
        registry.add("vigil.streams.thread-check-interval", () -> "2s");
    }

    @AfterAll
    static void deleteTopics() throws Exception {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LocalServices.kafkaBootstrap()))) {
            var mine = admin.listTopics().names().get().stream()
                    .filter(n -> n.startsWith(PREFIX))
                    .toList();
            admin.deleteTopics(mine).all().get();
        }
    }

    @Test
    void realSamplesFlowThroughEveryTopologyExactlyOnce() throws Exception {
        int good = produceInput();
        Map<String, List<ConsumerRecord<byte[], byte[]>>> seen = new ConcurrentHashMap<>();
        try (var consumer = consumer()) {
            consumer.subscribe(List.of(
                    TOPICS.normalized().name(),
                    TOPICS.eventsDlq().name(),
                    TOPICS.scores().name(),
                    TOPICS.metrics().name(),
                    TOPICS.anomalies().name(),
                    TOPICS.alerts().name()));
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ZERO).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(500))
                        .forEach(r -> seen.computeIfAbsent(r.topic(), t -> new ArrayList<>())
                                .add(r));
                assertThat(seen.getOrDefault(TOPICS.eventsDlq().name(), List.of()))
                        .hasSize(BAD.size());
                assertThat(seen.getOrDefault(TOPICS.normalized().name(), List.of()))
                        .hasSize(good);
                assertThat(values(seen, TOPICS.scores().name(), ThreatScore.class))
                        .anySatisfy(s -> assertThat(s.entityId()).isEqualTo("8.42.77.171"));
                assertThat(values(seen, TOPICS.metrics().name(), MetricsWindow.class))
                        .anySatisfy(m -> assertThat(m.isFinal()).isTrue())
                        .allSatisfy(m -> assertThat(m.tenant()).isEqualTo(TENANT));
                assertThat(values(seen, TOPICS.anomalies().name(), Anomaly.class))
                        .anySatisfy(a -> assertThat(a.subject()).isEqualTo("ip/8.42.77.171"));
                assertThat(values(seen, TOPICS.alerts().name(), Alert.class))
                        .anySatisfy(a -> assertThat(a.id())
                                .isEqualTo(Keys.alert(Keys.alertSeries(TENANT, "score", "user/frank"), 1)));
            });

            produce(
                    TOPICS.alertCommands().name(),
                    Keys.alert(Keys.alertSeries(TENANT, "score", "user/frank"), 1),
                    VigilSerdes.alertCommand()
                            .serializer()
                            .serialize(
                                    "",
                                    new AlertCommand(
                                            "cmd-1",
                                            Keys.alert(Keys.alertSeries(TENANT, "score", "user/frank"), 1),
                                            TENANT,
                                            AlertAction.ACKNOWLEDGE,
                                            "it-analyst",
                                            Instant.now(),
                                            "on it")));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ZERO).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(500))
                        .forEach(r -> seen.computeIfAbsent(r.topic(), t -> new ArrayList<>())
                                .add(r));
                assertThat(values(seen, TOPICS.alerts().name(), Alert.class)).anySatisfy(a -> {
                    assertThat(a.state()).isEqualTo(AlertState.ACKNOWLEDGED);
                    assertThat(a.acknowledgedBy()).isEqualTo("it-analyst");
                });
            });
        }
        assertThat(seen.get(TOPICS.eventsDlq().name()))
                .allSatisfy(r ->
                        assertThat(r.headers().lastHeader("vigil-dlq-reason")).isNotNull());
        assertThat(seen.get(TOPICS.eventsDlq().name()))
                .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrderElementsOf(BAD);
        assertActuator();
        assertLostThreadIsReplaced();
    }

    /**
     * A stream thread that ends while the client stays RUNNING (here: removed behind the
     * application's back) makes health DOWN until the watchdog has started a new one.
     */
    private void assertLostThreadIsReplaced() throws Exception {
        var http = HttpClient.newHttpClient();
        var healthRequest = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .build();
        assertThat(factory.getKafkaStreams().removeStreamThread(Duration.ofSeconds(60)))
                .isPresent();
        await("health DOWN while a stream thread is missing")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    var health = http.send(healthRequest, HttpResponse.BodyHandlers.ofString());
                    assertThat(health.statusCode()).isEqualTo(503);
                    assertThat(health.body()).contains("1 of 2 stream threads alive");
                });
        await("the watchdog's replacement, and health UP again")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(http.send(healthRequest, HttpResponse.BodyHandlers.ofString())
                                .statusCode())
                        .isEqualTo(200));
        var prometheus = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(prometheus.body()).containsPattern("(?m)^vigil_streams_threads_replaced_total\\{[^}]*} 1\\.0$");
    }

    private void assertActuator() throws Exception {
        var http = HttpClient.newHttpClient();
        var health = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"kafkaStreams\"", "RUNNING", "\"configuredThreads\"");
        var prometheus = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body())
                .contains(
                        "vigil_ingest_records_total",
                        "vigil_streams_threads_replaced_total",
                        "kafka_stream_",
                        "record_e2e_latency")
                // the punctuation lag gauge under the name the dashboard and the alert rule use
                .containsPattern(
                        "(?m)^vigil_streams_punctuation_lag_seconds\\{[^}]*punctuation=\"metrics-emit\"[^}]*} ")
                .containsPattern(
                        "(?m)^vigil_streams_punctuation_lag_seconds\\{[^}]*punctuation=\"anomaly-close\"[^}]*} ");
    }

    /** Produces the input and returns how many records should be normalised. */
    private int produceInput() throws Exception {
        var json = JsonMapper.builder().build();
        List<byte[]> good = new ArrayList<>();
        for (String file : List.of("honeypot-2018-alerts.json", "first-org-conf-2015-alerts.json")) {
            Path path = SampleData.suricata(file);
            for (JsonNode alert : json.readTree(Files.readAllBytes(path))) good.add(json.writeValueAsBytes(alert));
        }
        IngestSamples.ALL.forEach(s -> good.add(s.getBytes(StandardCharsets.UTF_8)));
        good.add(IngestSamples.CANONICAL.replace("c-1", "c-2").getBytes(StandardCharsets.UTF_8));
        for (byte[] value : good) produce(TOPICS.events().name(), null, value);
        for (String bad : BAD) produce(TOPICS.events().name(), null, bad.getBytes(StandardCharsets.UTF_8));
        return good.size();
    }

    private static KafkaProducer<byte[], byte[]> producer;

    private static synchronized void produce(String topic, String key, byte[] value) throws Exception {
        if (producer == null) {
            var props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalServices.kafkaBootstrap());
            producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        }
        var record = new ProducerRecord<>(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
        record.headers().add("vigil-tenant", TENANT.getBytes(StandardCharsets.UTF_8));
        producer.send(record).get();
    }

    private static KafkaConsumer<byte[], byte[]> consumer() {
        var props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalServices.kafkaBootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, PREFIX + "reader");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static <T> List<T> values(
            Map<String, List<ConsumerRecord<byte[], byte[]>>> seen, String topic, Class<T> type) {
        var serde = VigilSerdes.json(type);
        return seen.getOrDefault(topic, List.of()).stream()
                .filter(r -> r.value() != null)
                .map(r -> serde.deserializer().deserialize(topic, r.value()))
                .toList();
    }

    @AfterAll
    static void closeProducer() {
        if (producer != null) producer.close();
    }
}
