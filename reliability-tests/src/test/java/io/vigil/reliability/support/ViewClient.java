package io.vigil.reliability.support;

import static io.vigil.reliability.support.Stomp.frame;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client that keeps a view of one tenant's threat scores the way the documented protocol says
 * (docs/gateway.md): subscribe to the live topic (with a receipt), then take a snapshot, apply
 * every update whose {@code vigil-version} is newer than what it holds; when the connection drops,
 * reconnect with jittered exponential back-off (to the next gateway in its list) and do it again.
 * The view is key → version, compared by the tests with the server's state.
 */
public final class ViewClient implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ScheduledExecutorService SCHEDULER = Executors.newScheduledThreadPool(8, r -> {
        Thread t = new Thread(r, "view-client");
        t.setDaemon(true);
        return t;
    });

    private final List<Integer> ports;
    private final String token;
    private final String tenant;
    private final Map<String, Long> view = new ConcurrentHashMap<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger failedAttempts = new AtomicInteger();
    private volatile RawWebSocket ws;
    private volatile int processed;
    private volatile int portIndex;
    private volatile boolean closed;
    private volatile boolean live;
    private volatile long liveSince;
    private volatile int shortSessions;
    private volatile String lastError;

    public ViewClient(List<Integer> ports, String token, String tenant) {
        this.ports = ports;
        this.token = token;
        this.tenant = tenant;
    }

    /** Connects now; afterwards keeps itself connected until closed. */
    public ViewClient start() {
        connect(0);
        SCHEDULER.scheduleWithFixedDelay(this::pump, 50, 50, TimeUnit.MILLISECONDS);
        return this;
    }

    private synchronized void connect(int attempt) {
        if (closed) {
            return;
        }
        int port = ports.get(portIndex % ports.size());
        try {
            RawWebSocket socket = Stomp.connect(port, token);
            if (!socket.hasFrame("CONNECTED")) {
                socket.close();
                throw new IOException("refused: " + socket.errorMessage());
            }
            processed = 0;
            ws = socket;
            socket.sendText(
                    frame("SUBSCRIBE", "", "id:live", "destination:/topic/" + tenant + ".scores", "receipt:live"));
            Stomp.awaitFrame(socket, "RECEIPT", Duration.ofSeconds(15));
            socket.sendText(frame("SUBSCRIBE", "", "id:snap", "destination:/app/snapshot/scores"));
            connections.incrementAndGet();
            liveSince = System.nanoTime();
            live = true;
        } catch (Exception e) {
            failedAttempts.incrementAndGet();
            portIndex++; // try the next instance
            long backoff = Math.min(5_000, 200L << Math.min(attempt, 5));
            long jittered = backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
            SCHEDULER.schedule(() -> connect(attempt + 1), jittered, TimeUnit.MILLISECONDS);
        }
    }

    /** Applies what arrived; notices a dropped connection and schedules the reconnect. */
    private void pump() {
        RawWebSocket socket = ws;
        if (socket == null || closed) {
            return;
        }
        List<String> frames = socket.received();
        while (processed < frames.size()) {
            apply(frames.get(processed++));
        }
        if (socket.closed().isDone() && live) {
            live = false;
            String error = socket.errorMessage();
            lastError = error != null ? error : "closed (" + socket.closed().getNow(0) + ")";
            // a session that dies right after it started counts as a failure: back off further each time
            boolean shortLived = System.nanoTime() - liveSince < TimeUnit.SECONDS.toNanos(5);
            shortSessions = shortLived ? shortSessions + 1 : 0;
            long backoff = Math.min(5_000, 200L << Math.min(shortSessions, 5));
            long jittered = backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
            SCHEDULER.schedule(() -> connect(0), jittered, TimeUnit.MILLISECONDS);
        }
    }

    private void apply(String frame) {
        if (!frame.startsWith("MESSAGE\n")) {
            return;
        }
        int blank = frame.indexOf("\n\n");
        Map<String, String> headers = new java.util.HashMap<>();
        for (String line : frame.substring(8, blank).split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(line.substring(0, colon), unescape(line.substring(colon + 1)));
            }
        }
        String body = frame.substring(blank + 2).replace("\0", "");
        if ("snap".equals(headers.get("subscription"))) {
            for (JsonNode item : JSON.readTree(body).path("items")) {
                newer(item.path("key").asString(), item.path("version").asLong());
            }
        } else if ("live".equals(headers.get("subscription")) && headers.containsKey("vigil-key")) {
            if ("remove".equals(headers.get("vigil-op"))) {
                view.remove(headers.get("vigil-key"));
            } else {
                newer(headers.get("vigil-key"), Long.parseLong(headers.get("vigil-version")));
            }
        }
    }

    private void newer(String key, long version) {
        view.merge(key, version, Math::max);
    }

    private static String unescape(String value) {
        return value.replace("\\c", ":")
                .replace("\\n", "\n")
                .replace("\\r", "\r")
                .replace("\\\\", "\\");
    }

    /** key → highest version seen. */
    public Map<String, Long> view() {
        return Map.copyOf(view);
    }

    /** Successful (re)connections so far. */
    public int connections() {
        return connections.get();
    }

    /** The last reason a session of this client ended (ERROR message or close code), or null. */
    public String lastError() {
        return lastError;
    }

    /** Connection attempts that failed (and were retried after a back-off). */
    public int failedAttempts() {
        return failedAttempts.get();
    }

    public boolean connected() {
        RawWebSocket socket = ws;
        return live && socket != null && !socket.closed().isDone();
    }

    @Override
    public void close() {
        closed = true;
        if (ws != null) {
            ws.close();
        }
    }
}
