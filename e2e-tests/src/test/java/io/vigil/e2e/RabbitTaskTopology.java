package io.vigil.e2e;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The task part of infra/rabbitmq/definitions.json (exchanges {@code vigil.tasks*}, queues
 * {@code tasks.*}, their bindings and policies) loaded into the real RabbitMQ under names of one
 * test's own ({@code vigil.tasks.<id>…}, {@code tasks.<id>.…}) through the management API, so task
 * workers started for the test compete only with each other. {@link #close} deletes the copy.
 */
final class RabbitTaskTopology implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String API = "http://127.0.0.1:15672/api";
    private static final String AUTH = "Basic "
            + Base64.getEncoder().encodeToString("vigil-admin:vigil-admin-dev".getBytes(StandardCharsets.UTF_8));

    final String id;
    /** HTTP/1.1: the JDK client's default h2c upgrade request is answered with a closed connection. */
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final List<String> created = new ArrayList<>();

    RabbitTaskTopology(String id) throws Exception {
        this.id = id;
        JsonNode definitions = JSON.readTree(ServiceProcess.vigilRoot()
                .resolve(Path.of("infra", "rabbitmq", "definitions.json"))
                .toFile());
        for (JsonNode policy : definitions.get("policies")) {
            if (!policy.get("pattern").asString().startsWith("^tasks\\.")) continue;
            ObjectNode body = (ObjectNode) policy.deepCopy();
            body.put("pattern", policy.get("pattern").asString().replace("^tasks\\.", "^tasks\\." + id + "\\."));
            ObjectNode definition = (ObjectNode) body.get("definition");
            if (definition.has("dead-letter-exchange")) {
                definition.put(
                        "dead-letter-exchange",
                        exchange(definition.get("dead-letter-exchange").asString()));
            }
            put("/policies/vigil/" + enc(id + "-" + policy.get("name").asString()), body);
        }
        for (JsonNode exchange : definitions.get("exchanges")) {
            String name = exchange.get("name").asString();
            if (name.startsWith("vigil.tasks")) put("/exchanges/vigil/" + enc(exchange(name)), exchange);
        }
        for (JsonNode queue : definitions.get("queues")) {
            String name = queue.get("name").asString();
            if (name.startsWith("tasks.")) put("/queues/vigil/" + enc(queue(name)), queue);
        }
        for (JsonNode binding : definitions.get("bindings")) {
            String source = binding.get("source").asString();
            if (source.startsWith("vigil.tasks")) {
                send(
                        "POST",
                        "/bindings/vigil/e/" + enc(exchange(source)) + "/q/"
                                + enc(queue(binding.get("destination").asString())),
                        binding);
            }
        }
    }

    /** The copy's name of an exchange of definitions.json ({@code vigil.tasks…}). */
    String exchange(String name) {
        return "vigil.tasks." + id + name.substring("vigil.tasks".length());
    }

    /** The copy's name of a queue of definitions.json ({@code tasks.…}). */
    String queue(String name) {
        return "tasks." + id + "." + name.substring("tasks.".length());
    }

    /** The task workers' properties that point them at this copy. */
    List<String[]> workerProperties() {
        return List.of(
                new String[] {"vigil.workers.amqp.exchange", exchange("vigil.tasks")},
                new String[] {"vigil.workers.amqp.retry-exchange", exchange("vigil.tasks.retry")},
                new String[] {"vigil.workers.amqp.dead-letter-exchange", exchange("vigil.tasks.dlx")},
                new String[] {"vigil.workers.amqp.queue-prefix", "tasks." + id + "."});
    }

    private void put(String path, JsonNode body) throws Exception {
        send("PUT", path, body);
        created.add(path);
    }

    private void send(String method, String path, JsonNode body) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(API + path))
                        .header("authorization", AUTH)
                        .header("content-type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
    }

    private static String enc(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        for (String path : created.reversed()) {
            http.send(
                    HttpRequest.newBuilder(URI.create(API + path))
                            .header("authorization", AUTH)
                            .DELETE()
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
        }
    }
}
