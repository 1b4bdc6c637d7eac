package io.vigil.bench.loadgen;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A load-generator process of the lean STOMP client (the Java twin of {@code worker.mjs}), driven
 * by the orchestrator ({@code bench.mjs}) with one JSON command per line on stdin and one JSON reply
 * per line on stdout: {@code init}, {@code open}, {@code stats}, {@code closeAll}, each with the
 * same fields and replies as the Node worker's, so that both kinds of worker are interchangeable.
 *
 * <p>Every session shares one {@link HttpClient}, whose selector thread also runs the listeners
 * (a direct executor): no thread hop per frame, and the process costs about one core at most,
 * which is what the core it is pinned to gives it anyway.
 */
public final class LoadWorker {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PrintStream replies;
    private final Stats stats = new Stats();
    private final ConcurrentLinkedQueue<StompBenchSession> sessions = new ConcurrentLinkedQueue<>();
    private final HttpClient client;
    private final ScheduledExecutorService heartBeats = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "heart-beats");
        t.setDaemon(true);
        return t;
    });
    private volatile Target target;

    LoadWorker(PrintStream replies, Executor listeners) {
        this.replies = replies;
        this.client = HttpClient.newBuilder().executor(listeners).build();
        heartBeats.scheduleAtFixedRate(() -> sessions.forEach(StompBenchSession::heartBeat), 5, 5, TimeUnit.SECONDS);
    }

    public static void main(String[] args) throws Exception {
        PrintStream replies = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        System.setOut(System.err); // stdout carries the replies only
        Executor listeners =
                "pool".equals(System.getProperty("loadgen.executor")) ? Executors.newFixedThreadPool(2) : Runnable::run;
        LoadWorker worker = new LoadWorker(replies, listeners);
        ExecutorService commands = Executors.newCachedThreadPool();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (!line.isBlank()) {
                JsonNode command = JSON.readTree(line);
                if ("init".equals(command.path("cmd").asString())) {
                    worker.handle(command); // before any command that follows it
                } else {
                    commands.execute(() -> worker.handle(command));
                }
            }
        }
        System.exit(0); // the orchestrator went away
    }

    private void handle(JsonNode command) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("id", command.path("id").asLong());
        try {
            Map<String, Object> body = switch (command.path("cmd").asString()) {
                case "init" -> init(command.path("target"));
                case "open" -> open(command);
                case "stats" ->
                    stats.take(
                            command.path("reset").asBoolean(),
                            command.path("since").asLong(),
                            sessions.size());
                case "closeAll" -> closeAll();
                default ->
                    throw new IllegalArgumentException(
                            "unknown command " + command.path("cmd").asString());
            };
            reply.put("ok", true);
            reply.putAll(body);
        } catch (RuntimeException e) {
            reply.put("ok", false);
            reply.put("error", e.toString());
        }
        String text = JSON.writeValueAsString(reply);
        synchronized (replies) {
            replies.println(text);
            replies.flush();
        }
    }

    private Map<String, Object> init(JsonNode spec) {
        List<String> urls = new ArrayList<>();
        if (spec.has("urls")) {
            spec.path("urls").forEach(u -> urls.add(u.asString()));
        } else {
            urls.add(spec.path("url").asString());
        }
        target = new Target(
                urls,
                spec.path("scaleOutFrom").asInt(0),
                spec.path("origin").asString(null),
                "jwt".equals(spec.path("auth").asString()),
                spec.path("login").asString(null),
                spec.path("passcode").asString(null),
                spec.path("vhost").asString(null));
        return Map.of();
    }

    /** Opens sessions [from, to) at {@code rate} per second; connect and ready histograms, errors. */
    private Map<String, Object> open(JsonNode command) {
        int from = command.path("from").asInt();
        int to = command.path("to").asInt();
        double rate = command.path("rate").asDouble();
        int perTenant = command.path("perTenant").asInt();
        String tenantPrefix = command.path("tenantPrefix").asString();
        String userPrefix = command.path("userPrefix").asString();
        String secret = command.path("secret").asString();
        Target where = target;
        Histogram connect = new Histogram();
        Histogram ready = new Histogram();
        Map<String, Long> errors = new LinkedHashMap<>();
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = from; i < to; i++) {
            long due = started + (long) ((i - from) * 1e9 / rate);
            for (long wait = due - System.nanoTime(); wait > 1_000_000; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            String tenant = tenantPrefix + (i / perTenant);
            String token = where.jwt() ? Tokens.mint(secret, userPrefix + i, tenant) : null;
            StompBenchSession session =
                    new StompBenchSession(i, tenant, where.connectHeaders(token), new StompBenchSession.Events() {
                        @Override
                        public void frame(long sentAt) {
                            stats.frame(sentAt);
                        }

                        @Override
                        public void lost(String reason) {
                            stats.lost(reason);
                        }
                    });
            pending.add(session.open(client, where).handle((s, error) -> {
                synchronized (connect) {
                    if (error == null) {
                        sessions.add(s);
                        connect.add(s.connectMs);
                        ready.add(s.readyMs);
                    } else {
                        errors.merge(StompBenchSession.reason(error), 1L, Long::sum);
                    }
                }
                return null;
            }));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        Map<String, Object> reply = new LinkedHashMap<>();
        synchronized (connect) {
            reply.put("connect", connect.sparse());
            reply.put("ready", ready.sparse());
            reply.put("errors", errors);
        }
        reply.put("held", sessions.size());
        reply.put("seconds", (System.nanoTime() - started) / 1e9);
        return reply;
    }

    private Map<String, Object> closeAll() {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (StompBenchSession s = sessions.poll(); s != null; s = sessions.poll()) {
            closing.add(s.close());
        }
        CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).join();
        stats.clearLost();
        return Map.of();
    }
}
