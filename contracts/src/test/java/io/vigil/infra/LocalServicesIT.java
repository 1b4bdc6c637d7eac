package io.vigil.infra;

import static io.vigil.testsupport.LocalService.KAFKA;
import static io.vigil.testsupport.LocalService.RABBITMQ_MANAGEMENT;
import static io.vigil.testsupport.LocalService.RABBITMQ_STOMP;
import static io.vigil.testsupport.LocalService.REDIS;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.contracts.topic.TopicNames;
import io.vigil.testsupport.LocalService;
import io.vigil.testsupport.LocalServices;
import io.vigil.testsupport.RequiresLocalServices;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Checks the foundation: the real local services answer as Vigil needs them, and what runs matches
 * what infra/ declares (topics and their configs, the RabbitMQ vhost, users and STOMP plugin).
 */
@RequiresLocalServices({KAFKA, RABBITMQ_STOMP, RABBITMQ_MANAGEMENT, REDIS})
class LocalServicesIT {

    private static final Path ROOT =
            Path.of(System.getProperty("vigil.root", "..")).toAbsolutePath().normalize();

    @Test
    void kafkaCarriesARecordEndToEnd() throws Exception {
        String topic = "it-foundation-" + UUID.randomUUID();
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LocalServices.kafkaBootstrap()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            try (var producer = new KafkaProducer<>(producerProps(), new StringSerializer(), new StringSerializer());
                    var consumer =
                            new KafkaConsumer<>(consumerProps(), new StringDeserializer(), new StringDeserializer())) {
                producer.send(new ProducerRecord<>(topic, "k", "hello vigil")).get(30, TimeUnit.SECONDS);
                consumer.subscribe(List.of(topic));
                String received = null;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (received == null && System.nanoTime() < deadline) {
                    for (var record : consumer.poll(Duration.ofMillis(500))) {
                        received = record.value();
                    }
                }
                assertThat(received).isEqualTo("hello vigil");
            } finally {
                admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void declaredTopicsExistWithTheirConfigs() throws Exception {
        var declared = declaredTopics();
        assertThat(declared.keySet())
                .contains(
                        TopicNames.DEFAULTS.events(),
                        TopicNames.DEFAULTS.scores(),
                        TopicNames.DEFAULTS.metrics(),
                        TopicNames.DEFAULTS.anomalies(),
                        TopicNames.DEFAULTS.alerts(),
                        TopicNames.DEFAULTS.alertCommands(),
                        TopicNames.DEFAULTS.modelParams(),
                        TopicNames.DEFAULTS.eventsDlq());
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LocalServices.kafkaBootstrap()))) {
            var resources = declared.keySet().stream()
                    .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name))
                    .toList();
            var configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
            declared.forEach((topic, expected) -> expected.forEach((key, value) -> assertThat(
                            configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic))
                                    .get(key)
                                    .value())
                    .as("%s of topic %s", key, topic)
                    .isEqualTo(value)));
        }
    }

    @Test
    void rabbitMqStompPluginAnswersConnectOnTheVigilVhost() throws Exception {
        try (Socket socket = new Socket(LocalService.HOST, RABBITMQ_STOMP.port())) {
            socket.setSoTimeout(10_000);
            String connect =
                    "CONNECT\naccept-version:1.2\nhost:vigil\nlogin:vigil-gateway\npasscode:vigil-gateway-dev\n\n\0";
            socket.getOutputStream().write(connect.getBytes(StandardCharsets.UTF_8));
            String frame = readFrame(socket.getInputStream());
            assertThat(frame).startsWith("CONNECTED\n").contains("version:1.2");
        }
    }

    @Test
    void rabbitMqHasTheDeclaredVhostUsersAndPlugins() throws Exception {
        var http = HttpClient.newHttpClient();
        String auth = "Basic "
                + Base64.getEncoder().encodeToString("vigil-admin:vigil-admin-dev".getBytes(StandardCharsets.UTF_8));
        String base = "http://" + RABBITMQ_MANAGEMENT.address() + "/api/";
        String vhosts = get(http, base + "vhosts", auth);
        String users = get(http, base + "users", auth);
        String definitions = Files.readString(ROOT.resolve("infra/rabbitmq/definitions.json"));
        assertThat(vhosts).contains("\"name\":\"vigil\"");
        for (String user : List.of("vigil-gateway", "vigil-workers", "vigil-admin")) {
            assertThat(definitions).contains("\"name\": \"" + user + "\"");
            assertThat(users).contains("\"name\":\"" + user + "\"");
        }
        String enabledPlugins = Files.readString(ROOT.resolve("infra/rabbitmq/enabled_plugins"));
        String nodes = get(http, base + "nodes", auth);
        for (String plugin : List.of("rabbitmq_stomp", "rabbitmq_web_stomp", "rabbitmq_management")) {
            assertThat(enabledPlugins).contains(plugin);
            assertThat(nodes).contains("\"" + plugin + "\"");
        }
    }

    @Test
    void redisAnswersPingAndKeepsAValue() throws Exception {
        try (Socket socket = new Socket(LocalService.HOST, REDIS.port())) {
            socket.setSoTimeout(10_000);
            String key = "vigil:it:foundation:" + UUID.randomUUID();
            String reply = redis(socket, "PING")
                    + redis(socket, "SET", key, "v", "EX", "30")
                    + redis(socket, "GET", key)
                    + redis(socket, "DEL", key);
            assertThat(reply).isEqualTo("+PONG\r\n+OK\r\n$1\r\nv\r\n:1\r\n");
        }
    }

    private static Map<String, Map<String, String>> declaredTopics() throws IOException {
        var topics = new java.util.LinkedHashMap<String, Map<String, String>>();
        for (String raw : Files.readAllLines(ROOT.resolve("infra/kafka/topics.conf"))) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] fields = line.split("\\s+");
            var configs = new java.util.LinkedHashMap<String, String>();
            for (int i = 2; i < fields.length; i++) {
                int eq = fields[i].indexOf('=');
                configs.put(fields[i].substring(0, eq), fields[i].substring(eq + 1));
            }
            topics.put(fields[0], configs);
        }
        return topics;
    }

    private static String get(HttpClient http, String url, String auth) throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", auth)
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s", url).isEqualTo(200);
        return response.body();
    }

    /** Sends one RESP command and reads one short reply (enough for these commands). */
    private static String redis(Socket socket, String... args) throws IOException {
        var command = new StringBuilder("*" + args.length + "\r\n");
        for (String arg : args) {
            command.append('$')
                    .append(arg.getBytes(StandardCharsets.UTF_8).length)
                    .append("\r\n")
                    .append(arg)
                    .append("\r\n");
        }
        socket.getOutputStream().write(command.toString().getBytes(StandardCharsets.UTF_8));
        InputStream in = socket.getInputStream();
        var reply = new ByteArrayOutputStream();
        int lines = 0;
        int expectedLines = 1;
        int previous = -1;
        while (lines < expectedLines) {
            int b = in.read();
            if (b < 0) throw new IOException("Redis closed the connection");
            reply.write(b);
            if (reply.size() == 1 && b == '$') expectedLines = 2;
            if (previous == '\r' && b == '\n') lines++;
            previous = b;
        }
        return reply.toString(StandardCharsets.UTF_8);
    }

    private static String readFrame(InputStream in) throws IOException {
        var frame = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) > 0) {
            frame.write(b);
        }
        return frame.toString(StandardCharsets.UTF_8);
    }

    private static Properties producerProps() {
        var props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalServices.kafkaBootstrap());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return props;
    }

    private static Properties consumerProps() {
        var props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalServices.kafkaBootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-foundation-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return props;
    }
}
