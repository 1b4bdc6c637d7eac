package io.vigil.bench.loadgen;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * One benchmark session of the lean STOMP client: STOMP 1.2 frames over the JDK's WebSocket
 * ({@code java.net.http}). It connects, authenticates, subscribes to its tenant's scores with a
 * receipt, and from then on only reads the send time at the start of each MESSAGE body. It does
 * what {@code clients.mjs}'s @stomp/stompjs session does, without the per-frame parsing and object
 * churn of a general-purpose client (docs/benchmarks.md, "Load generator").
 */
final class StompBenchSession implements WebSocket.Listener {

    /** What the worker learns about a session. */
    interface Events {
        void frame(long sentAt);

        void lost(String reason);
    }

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final int index;
    private final String tenant;
    private final String connectFrame;
    private final Events events;
    private final long started = System.nanoTime();
    private final CompletableFuture<StompBenchSession> ready = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket socket;
    private CompletableFuture<WebSocket> sending = CompletableFuture.completedFuture(null);
    private volatile boolean closing;
    double connectMs;
    double readyMs;

    StompBenchSession(int index, String tenant, String authHeaders, Events events) {
        this.index = index;
        this.tenant = tenant;
        this.events = events;
        this.connectFrame = "CONNECT\naccept-version:1.2\nheart-beat:10000,10000\n" + authHeaders + "\n\0";
    }

    /** Connects; completes when the subscription's receipt arrives, or fails with the reason. */
    CompletableFuture<StompBenchSession> open(HttpClient client, Target target) {
        WebSocket.Builder builder =
                client.newWebSocketBuilder().subprotocols("v12.stomp").connectTimeout(CONNECT_TIMEOUT);
        if (target.origin() != null) {
            builder.header("Origin", target.origin());
        }
        builder.buildAsync(URI.create(target.urlFor(index)), this).whenComplete((ws, error) -> {
            if (error != null) {
                fail("websocket error");
            }
        });
        // orTimeout completes this very future; whatever ends it early also ends the socket
        ready.orTimeout(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).whenComplete((s, error) -> {
            if (error != null) {
                abort();
            }
        });
        return ready;
    }

    /** Why a session did not come up, as the Node workers word it. */
    static String reason(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause()
                : error;
        if (cause instanceof java.util.concurrent.TimeoutException) {
            return "connect timeout";
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        if (ready.isDone()) {
            webSocket.abort(); // timed out meanwhile
            return;
        }
        // no per-message flow control: every frame is read as soon as it arrives, as a browser does
        webSocket.request(Long.MAX_VALUE);
        send(connectFrame);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        if (!last || partial.length() > 0) {
            partial.append(data);
            if (!last) {
                return null;
            }
            data = partial.toString();
            partial.setLength(0);
        }
        frame(data);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, java.nio.ByteBuffer data, boolean last) {
        fail("binary frame");
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        fail("closed " + statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        fail("websocket error");
    }

    /** One STOMP frame (or heart-beat) per WebSocket message, as both the gateway and RabbitMQ send them. */
    private void frame(CharSequence text) {
        if (startsWith(text, "MESSAGE\n")) {
            events.frame(sentAt(text));
        } else if (startsWith(text, "CONNECTED\n")) {
            connectMs = millisSinceStart();
            send("SUBSCRIBE\nid:sub-0\ndestination:/topic/" + tenant + ".scores\nreceipt:r-" + index + "\n\n\0");
        } else if (startsWith(text, "RECEIPT\n")) {
            readyMs = millisSinceStart();
            ready.complete(this);
        } else if (startsWith(text, "ERROR\n")) {
            fail("ERROR frame: " + header(text, "message"));
        }
        // anything else is a heart-beat (a lone newline)
    }

    /** The payload's first field, as {@code common.mjs}'s {@code sentAtOf}: {"sentAt":<millis>,... */
    static long sentAt(CharSequence frame) {
        int body = indexOf(frame, "\n\n", 0) + 2;
        int from = body + 10;
        long value = 0;
        for (int i = from; i < frame.length(); i++) {
            char c = frame.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Heart-beat: the client promised one at least every 10 s. */
    void heartBeat() {
        if (ready.isDone() && !ready.isCompletedExceptionally() && !closing) {
            send("\n");
        }
    }

    CompletableFuture<Void> close() {
        closing = true;
        WebSocket ws = socket;
        if (ws == null || ws.isOutputClosed()) {
            return CompletableFuture.completedFuture(null);
        }
        synchronized (this) {
            sending = sending.exceptionally(e -> ws).thenCompose(w -> ws.sendClose(WebSocket.NORMAL_CLOSURE, ""));
            return sending.orTimeout(3, TimeUnit.SECONDS).handle((w, e) -> {
                ws.abort();
                return null;
            });
        }
    }

    private synchronized void send(String text) {
        WebSocket ws = socket;
        // one send at a time: the JDK's WebSocket refuses a send while the previous one is pending
        sending = sending.exceptionally(e -> ws).thenCompose(w -> ws.sendText(text, true));
    }

    private void fail(String reason) {
        if (!ready.isDone()) {
            ready.completeExceptionally(new IllegalStateException(reason));
        } else if (!ready.isCompletedExceptionally() && !closing) {
            closing = true;
            events.lost(reason);
        } else {
            return;
        }
        abort();
    }

    private void abort() {
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
    }

    private double millisSinceStart() {
        return (System.nanoTime() - started) / 1e6;
    }

    private static boolean startsWith(CharSequence text, String prefix) {
        if (text.length() < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (text.charAt(i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(CharSequence text, String what, int from) {
        outer:
        for (int i = from; i <= text.length() - what.length(); i++) {
            for (int j = 0; j < what.length(); j++) {
                if (text.charAt(i + j) != what.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String header(CharSequence frame, String name) {
        String text = frame.toString();
        int end = text.indexOf("\n\n");
        for (String line : text.substring(0, end < 0 ? text.length() : end).split("\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1);
            }
        }
        return "";
    }
}
