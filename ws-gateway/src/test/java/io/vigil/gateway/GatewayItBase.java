package io.vigil.gateway;

import static io.vigil.testsupport.LocalService.KAFKA;
import static io.vigil.testsupport.LocalService.RABBITMQ;
import static io.vigil.testsupport.LocalService.RABBITMQ_STOMP;
import static io.vigil.testsupport.LocalService.REDIS;

import io.vigil.contracts.topic.TopicNames;
import io.vigil.testsupport.RequiresLocalServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One gateway (demo profile) on a random port against the real local Kafka, RabbitMQ and Redis,
 * with topics, consumer group, Redis prefix and tasks exchange of its own. Every IT class that
 * extends this shares the one Spring context.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@RequiresLocalServices({KAFKA, RABBITMQ, RABBITMQ_STOMP, REDIS})
abstract class GatewayItBase {

    static final TopicNames TOPICS = It.freshTopics();
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String REDIS_PREFIX = "it-gw-" + RUN;
    static final String TASKS_EXCHANGE = "it-gw-tasks-" + RUN;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String CONNECT_TIMEOUT = "2s";
    static final String ISSUER = "https://vigil.example/it";
    private static boolean topicsCreated;
    private static KafkaProducer<String, String> producer;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static synchronized void properties(DynamicPropertyRegistry registry) {
        if (!topicsCreated) {
            It.createTopics(TOPICS);
            topicsCreated = true;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                It.deleteTopics(TOPICS);
                It.deleteRedisKeys(REDIS_PREFIX);
            }));
        }
        registry.add("vigil.topics.scores", TOPICS::scores);
        registry.add("vigil.topics.metrics", TOPICS::metrics);
        registry.add("vigil.topics.anomalies", TOPICS::anomalies);
        registry.add("vigil.topics.alerts", TOPICS::alerts);
        registry.add("vigil.topics.alert-commands", TOPICS::alertCommands);
        registry.add("vigil.state.key-prefix", () -> REDIS_PREFIX);
        registry.add("vigil.tasks.exchange", () -> TASKS_EXCHANGE);
        registry.add("spring.kafka.consumer.group-id", () -> "it-gw-bridge-" + RUN);
        registry.add("vigil.security.hs256-secret", () -> It.SECRET);
        registry.add("vigil.security.expiry-sweep", () -> "1s");
        registry.add("vigil.websocket.connect-timeout", () -> CONNECT_TIMEOUT);
        registry.add("vigil.security.issuer", () -> ISSUER);
        registry.add("vigil.presence.refresh", () -> "1s");
    }

    static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = It.producer();
        }
        return producer;
    }

    StompTestClient connect(String token) {
        return StompTestClient.connect(port, token);
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
