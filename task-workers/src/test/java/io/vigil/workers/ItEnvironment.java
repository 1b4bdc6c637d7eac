package io.vigil.workers;

import io.vigil.contracts.ops.TaskStatus;
import io.vigil.contracts.topic.TopicNames;
import io.vigil.testsupport.LocalServices;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An isolated copy of the task-workers world for one integration test class: the task topology of
 * infra/rabbitmq/definitions.json loaded under names of its own (so the test also proves the
 * definitions), prefixed Kafka topics, Redis keys under a prefix, a status tap, and worker instances
 * started against all of it. {@link #close} removes what it created.
 */
final class ItEnvironment implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();

    final String id = "it" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    final TopicNames topics = TopicNames.DEFAULTS.withPrefix(id + ".");
    final String exchange = "vigil.tasks." + id;
    final String deadLetterExchange = exchange + ".dlx";
    final String queuePrefix = "tasks." + id + ".";
    final String statusKey = "ops.tasks." + id;
    final String redisPrefix = "it:" + id + ":";
    final List<TaskStatus> statuses = new CopyOnWriteArrayList<>();

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final CachingConnectionFactory rabbitConnections = new CachingConnectionFactory("127.0.0.1", 5672);
    final RabbitTemplate rabbit;
    final StringRedisTemplate redis;
    private final LettuceConnectionFactory redisConnections = new LettuceConnectionFactory("127.0.0.1", 6379);
    private final Admin kafkaAdmin =
            Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LocalServices.kafkaBootstrap()));
    private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalServices.kafkaBootstrap(),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                    org.apache.kafka.common.serialization.ByteArraySerializer.class));
    private final List<String> created = new ArrayList<>(); // management API paths to DELETE
    private final List<AutoCloseable> closeables = new ArrayList<>();

    ItEnvironment() throws Exception {
        rabbitConnections.setVirtualHost("vigil");
        rabbitConnections.setUsername("vigil-admin");
        rabbitConnections.setPassword("vigil-admin-dev");
        rabbit = new RabbitTemplate(rabbitConnections);
        redisConnections.afterPropertiesSet();
        redis = new StringRedisTemplate(redisConnections);
        loadTopology();
        kafkaAdmin
                .createTopics(List.of(topics.metrics(), topics.alerts(), topics.scores(), topics.modelParams()).stream()
                        .map(name -> new NewTopic(name, 1, (short) 1))
                        .toList())
                .all()
                .get(30, TimeUnit.SECONDS);
        tap(
                new TopicExchange("amq.topic"),
                statusKey,
                message -> statuses.add(JSON.readValue(message.getBody(), TaskStatus.class)));
    }

    String queue(String type) {
        return queuePrefix + type;
    }

    /** The task part of definitions.json, renamed into this environment, loaded through the API. */
    private void loadTopology() throws Exception {
        Path file = Path.of(System.getProperty("vigil.root", "..")).resolve("infra/rabbitmq/definitions.json");
        JsonNode definitions = JSON.readTree(file.toFile());
        for (JsonNode policy : definitions.get("policies")) {
            if (!policy.get("pattern").asString().startsWith("^tasks\\.")) continue;
            ObjectNode body = (ObjectNode) policy.deepCopy();
            body.put("pattern", policy.get("pattern").asString().replace("^tasks\\.", "^tasks\\." + id + "\\."));
            ObjectNode definition = (ObjectNode) body.get("definition");
            if (definition.has("dead-letter-exchange")) {
                definition.put(
                        "dead-letter-exchange",
                        renameExchange(definition.get("dead-letter-exchange").asString()));
            }
            put("/api/policies/vigil/" + enc(id + "-" + policy.get("name").asString()), body, true);
        }
        for (JsonNode exchange : definitions.get("exchanges")) {
            if (exchange.get("name").asString().startsWith("vigil.tasks")) {
                put(
                        "/api/exchanges/vigil/"
                                + enc(renameExchange(exchange.get("name").asString())),
                        exchange,
                        true);
            }
        }
        for (JsonNode queue : definitions.get("queues")) {
            if (queue.get("name").asString().startsWith("tasks.")) {
                put("/api/queues/vigil/" + enc(renameQueue(queue.get("name").asString())), queue, true);
            }
        }
        for (JsonNode binding : definitions.get("bindings")) {
            if (binding.get("source").asString().startsWith("vigil.tasks")) {
                put(
                        "/api/bindings/vigil/e/"
                                + enc(renameExchange(binding.get("source").asString())) + "/q/"
                                + enc(renameQueue(binding.get("destination").asString())),
                        binding,
                        false);
            }
        }
    }

    private String renameExchange(String name) {
        return "vigil.tasks." + id + name.substring("vigil.tasks".length());
    }

    private String renameQueue(String name) {
        return queuePrefix + name.substring("tasks.".length());
    }

    private void put(String path, JsonNode body, boolean deleteLater) throws Exception {
        String method = path.startsWith("/api/bindings") ? "POST" : "PUT";
        send(method, path, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (deleteLater) created.add(path);
    }

    /** Removes a binding of this environment's copy of the topology, to break routing on purpose. */
    void unbind(String exchange, String queue, String routingKey) throws Exception {
        send(
                "DELETE",
                "/api/bindings/vigil/e/" + enc(exchange) + "/q/" + enc(queue) + "/" + enc(routingKey),
                HttpRequest.BodyPublishers.noBody());
    }

    /** Messages ready in a queue now (a passive declare: exact, unlike the management API's sampled figures). */
    int messagesIn(String queue) {
        return rabbit.execute(channel -> channel.queueDeclarePassive(queue).getMessageCount());
    }

    private void send(String method, String path, HttpRequest.BodyPublisher body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:15672" + path))
                .header("content-type", "application/json")
                .header(
                        "authorization",
                        "Basic "
                                + java.util.Base64.getEncoder()
                                        .encodeToString(
                                                "vigil-admin:vigil-admin-dev".getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> response =
                http.send(request.method(method, body).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300)
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
    }

    private static String enc(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8);
    }

    /** Collects every message routed to {@code exchange} with {@code routingKey} from now on. */
    void tap(org.springframework.amqp.core.Exchange exchange, String routingKey, MessageSink sink) {
        RabbitAdmin admin = new RabbitAdmin(rabbitConnections);
        AnonymousQueue queue = new AnonymousQueue();
        admin.declareQueue(queue);
        admin.declareBinding(
                new Binding(queue.getName(), Binding.DestinationType.QUEUE, exchange.getName(), routingKey, null));
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(rabbitConnections);
        container.setQueues(queue);
        container.setMessageListener(message -> sink.accept(message));
        container.afterPropertiesSet();
        container.start();
        closeables.add(container::stop);
    }

    DirectExchange tasksExchange() {
        return new DirectExchange(exchange);
    }

    @FunctionalInterface
    interface MessageSink {
        void accept(Message message);
    }

    <V> void produce(String topic, Serde<V> serde, String key, V value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, serde.serializer().serialize(topic, value)))
                .get(30, TimeUnit.SECONDS);
    }

    /** The properties of a worker instance living in this environment. */
    Map<String, Object> workerProperties(String instanceId) {
        Map<String, Object> p = new HashMap<>();
        p.put("vigil.workers.instance-id", instanceId);
        p.put("vigil.workers.topic-prefix", id + ".");
        p.put("vigil.workers.amqp.exchange", exchange);
        p.put("vigil.workers.amqp.retry-exchange", exchange + ".retry");
        p.put("vigil.workers.amqp.dead-letter-exchange", deadLetterExchange);
        p.put("vigil.workers.amqp.queue-prefix", queuePrefix);
        p.put("vigil.workers.amqp.status-routing-key", statusKey);
        p.put("vigil.workers.retry.initial-backoff", "200ms");
        p.put("vigil.workers.retry.multiplier", "2");
        p.put("vigil.workers.retry.max-backoff", "1s");
        p.put("vigil.workers.idempotency.key-prefix", redisPrefix + "done:");
        p.put("vigil.workers.scheduling.lock-prefix", redisPrefix + "lock");
        for (String type : List.of("retrain", "policy", "cleanup", "report")) {
            p.put("vigil.workers.schedules." + type + ".cron", "-");
        }
        p.put("vigil.workers.cleanup.stale[0].pattern", redisPrefix + "presence:*");
        p.put("vigil.workers.cleanup.stale[0].mode", "SCORE");
        p.put("vigil.workers.cleanup.stale[0].max-age", "5m");
        p.put("vigil.workers.cleanup.histories[0].pattern", redisPrefix + "history:*");
        p.put("vigil.workers.cleanup.histories[0].max-length", "10");
        p.put("vigil.workers.report.consumer-groups.it-component", "it-group-" + id);
        return p;
    }

    ConfigurableApplicationContext startWorker(Map<String, Object> properties) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(TaskWorkersApplication.class)
                .web(WebApplicationType.NONE)
                // command-line arguments, since builder "properties" are defaults that application.yml overrides
                .run(properties.entrySet().stream()
                        .map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new));
        closeables.add(context::close);
        return context;
    }

    List<TaskStatus> statusesOf(String taskId) {
        return statuses.stream().filter(s -> taskId.equals(s.taskId())).toList();
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable closeable : closeables.reversed()) closeable.close();
        for (String path : created.reversed()) {
            http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:15672" + path))
                            .header(
                                    "authorization",
                                    "Basic "
                                            + java.util.Base64.getEncoder()
                                                    .encodeToString("vigil-admin:vigil-admin-dev"
                                                            .getBytes(StandardCharsets.UTF_8)))
                            .DELETE()
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
        }
        kafkaAdmin.deleteTopics(List.of(topics.metrics(), topics.alerts(), topics.scores(), topics.modelParams()));
        var keys = redis.keys(redisPrefix + "*");
        if (keys != null && !keys.isEmpty()) redis.delete(keys);
        producer.close();
        kafkaAdmin.close();
        rabbitConnections.destroy();
        redisConnections.destroy();
    }
}
