package io.vigil.reliability.support;

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
 * {@code tasks.*}, their bindings and policies) loaded under names of one test's own through the
 * management API, so that worker processes can be crashed without touching the shared queues; the
 * renamed names stay inside the {@code vigil-workers} user's permissions. Removed on close.
 */
public final class TaskTopology implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String API = "http://127.0.0.1:15672/api";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public final String id;
    public final String exchange;
    public final String queuePrefix;
    private final List<String> created = new ArrayList<>();

    public TaskTopology(String id) throws Exception {
        this.id = id;
        this.exchange = "vigil.tasks." + id;
        this.queuePrefix = "tasks." + id + ".";
        JsonNode definitions = JSON.readTree(Path.of(System.getProperty("vigil.root", ".."))
                .resolve("infra/rabbitmq/definitions.json")
                .toFile());
        for (JsonNode policy : definitions.path("policies")) {
            String pattern = policy.path("pattern").asString();
            if (pattern.startsWith("^tasks\\.")) {
                ObjectNode body = (ObjectNode) policy.deepCopy();
                body.put("pattern", pattern.replace("^tasks\\.", "^tasks\\." + id + "\\."));
                ObjectNode definition = (ObjectNode) body.path("definition");
                if (definition.has("dead-letter-exchange")) {
                    definition.put(
                            "dead-letter-exchange",
                            exchange(definition.path("dead-letter-exchange").asString()));
                }
                send(
                        "PUT",
                        "/policies/vigil/" + enc(id + "-" + policy.path("name").asString()),
                        body,
                        true);
            }
        }
        for (JsonNode e : definitions.path("exchanges")) {
            if (e.path("name").asString().startsWith("vigil.tasks")) {
                send("PUT", "/exchanges/vigil/" + enc(exchange(e.path("name").asString())), e, true);
            }
        }
        for (JsonNode q : definitions.path("queues")) {
            if (q.path("name").asString().startsWith("tasks.")) {
                send("PUT", "/queues/vigil/" + enc(queue(q.path("name").asString())), q, true);
            }
        }
        for (JsonNode b : definitions.path("bindings")) {
            if (b.path("source").asString().startsWith("vigil.tasks")) {
                send(
                        "POST",
                        "/bindings/vigil/e/" + enc(exchange(b.path("source").asString())) + "/q/"
                                + enc(queue(b.path("destination").asString())),
                        b,
                        false);
            }
        }
    }

    private String exchange(String name) {
        return exchange + name.substring("vigil.tasks".length());
    }

    private String queue(String name) {
        return queuePrefix + name.substring("tasks.".length());
    }

    /** Publishes a task request the way the gateway does (message id = task id, JSON, priority 9). */
    public void publish(String type, String id, String json) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode properties = body.putObject("properties");
        properties.put("message_id", id);
        properties.put("content_type", "application/json");
        properties.put("priority", 9);
        properties.put("delivery_mode", 2);
        body.put("routing_key", type);
        body.put("payload", json);
        body.put("payload_encoding", "string");
        String answer = send("POST", "/exchanges/vigil/" + enc(exchange) + "/publish", body, false);
        if (!answer.contains("\"routed\":true")) {
            throw new IllegalStateException("task request not routed: " + answer);
        }
    }

    /** Messages in a queue of this topology (e.g. "retrain.dlq"), from the management API. */
    public int messages(String queueSuffix) throws Exception {
        String answer = send("GET", "/queues/vigil/" + enc(queuePrefix + queueSuffix), null, false);
        return JSON.readTree(answer).path("messages").asInt();
    }

    /**
     * Every queue of this topology with its depth and consumers, from the management API (figures
     * sampled every few seconds): where a task copy is waiting, for a failing check's report.
     */
    public List<String> queues() throws Exception {
        List<String> out = new ArrayList<>();
        String answer = send(
                "GET",
                "/queues/vigil?columns=name,messages_ready,messages_unacknowledged,consumers,effective_policy_definition",
                null,
                false);
        for (JsonNode queue : JSON.readTree(answer)) {
            if (queue.path("name").asString().startsWith(queuePrefix)) {
                out.add(queue.path("name").asString() + " ready="
                        + queue.path("messages_ready").asInt()
                        + " unacked=" + queue.path("messages_unacknowledged").asInt()
                        + " consumers=" + queue.path("consumers").asInt()
                        + " policy=" + queue.path("effective_policy_definition"));
            }
        }
        return out;
    }

    private String send(String method, String path, JsonNode body, boolean deleteLater) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(API + path))
                .header("content-type", "application/json")
                .header(
                        "authorization",
                        "Basic " + Base64.getEncoder().encodeToString("vigil-admin:vigil-admin-dev".getBytes()));
        request.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        if (deleteLater) {
            created.add(path);
        }
        return response.body();
    }

    private static String enc(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        for (String path : created.reversed()) {
            try {
                send("DELETE", path, null, false);
            } catch (Exception e) {
                // best effort: the names are unique to this run
            }
        }
    }
}
