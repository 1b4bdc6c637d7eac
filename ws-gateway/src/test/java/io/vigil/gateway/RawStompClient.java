package io.vigil.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A STOMP client at the text level, for what a well-behaved client library would not do: any
 * {@code heart-beat} header (also invalid ones), heart-beats sent only when the test says so, and
 * the server's heart-beats (bare EOLs) counted.
 */
final class RawStompClient implements WebSocket.Listener {

    /** One received frame: command, headers (first value of each), body. */
    record Frame(String command, Map<String, String> headers, String body) {}

    final List<Frame> frames = new CopyOnWriteArrayList<>();
    final AtomicInteger heartbeats = new AtomicInteger();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket socket;

    private RawStompClient(int port) {
        try {
            socket = HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), this)
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("no WebSocket to the gateway", e);
        }
    }

    /** Opens a socket and sends CONNECT with the token and, if not null, the {@code heart-beat} header. */
    static RawStompClient connect(int port, String token, String heartbeat) {
        RawStompClient client = new RawStompClient(port);
        client.send("CONNECT\naccept-version:1.2\nhost:127.0.0.1\nAuthorization:Bearer " + token + "\n"
                + (heartbeat == null ? "" : "heart-beat:" + heartbeat + "\n") + "\n\0");
        return client;
    }

    /** A client heart-beat: one EOL. */
    void heartbeat() {
        send("\n");
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    /** The first frame with this command, if one came. */
    Frame first(String command) {
        return frames.stream()
                .filter(f -> f.command().equals(command))
                .findFirst()
                .orElse(null);
    }

    void abort() {
        socket.abort();
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        synchronized (partial) {
            partial.append(data);
            int end;
            while (true) {
                // leading EOLs are heart-beats (or the EOLs after a frame's NUL)
                while (!partial.isEmpty() && (partial.charAt(0) == '\n' || partial.charAt(0) == '\r')) {
                    if (partial.charAt(0) == '\n') {
                        heartbeats.incrementAndGet();
                    }
                    partial.deleteCharAt(0);
                }
                end = partial.indexOf("\0");
                if (end < 0) {
                    break;
                }
                frames.add(parse(partial.substring(0, end)));
                partial.delete(0, end + 1);
            }
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        closed.complete(-1);
    }

    private static Frame parse(String text) {
        int split = text.indexOf("\n\n");
        String head = split < 0 ? text : text.substring(0, split);
        String body = split < 0 ? "" : text.substring(split + 2);
        String[] lines = head.split("\r?\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(lines[i].substring(0, colon), lines[i].substring(colon + 1));
            }
        }
        return new Frame(lines[0], headers, body);
    }
}
