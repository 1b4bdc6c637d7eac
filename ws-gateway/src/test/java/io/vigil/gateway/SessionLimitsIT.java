package io.vigil.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * How sessions end: a connection that never completes CONNECT is closed at the connect deadline
 * (with an ERROR frame, and counted), whatever it stopped in the middle of; a DISCONNECT ends the
 * session with its RECEIPT, then the close, whatever the client sends after it.
 */
class SessionLimitsIT extends GatewayItBase {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String NO_CONNECT = "No CONNECT within " + CONNECT_TIMEOUT.replace("s", "") + " s";

    @Test
    void aWebSocketWithoutStompIsClosedAtTheConnectDeadline() throws Exception {
        double before = connectTimeouts();
        Silent socket = Silent.open(port);
        await().atMost(WAIT).until(() -> socket.closed.isDone());
        assertThat(socket.closed.join()).isEqualTo(1002);
        assertThat(String.join("", socket.text)).startsWith("ERROR\n").contains("message:" + NO_CONNECT);
        assertThat(connectTimeouts()).isGreaterThan(before);
    }

    @Test
    void halfAConnectFrameIsClosedAtTheConnectDeadline() throws Exception {
        Silent socket = Silent.open(port);
        socket.ws
                .sendText("CONNECT\naccept-version:1.2\nAuthorization:Bearer ", true)
                .join();
        await().atMost(WAIT).until(() -> socket.closed.isDone());
        assertThat(String.join("", socket.text)).contains("message:" + NO_CONNECT);
    }

    @Test
    void halfAWebSocketFrameIsClosedAtTheConnectDeadline() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) WAIT.toMillis());
            OutputStream out = socket.getOutputStream();
            String key = Base64.getEncoder().encodeToString("vigil-test-key-1".getBytes(StandardCharsets.US_ASCII));
            out.write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                            + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: " + key
                            + "\r\nOrigin: http://localhost:3000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            // a masked text frame announcing 100 bytes, of which only 10 come
            out.write(new byte[] {(byte) 0x81, (byte) (0x80 | 100), 1, 2, 3, 4});
            out.write(new byte[10]);
            out.flush();
            InputStream in = socket.getInputStream();
            String seen = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(seen).startsWith("HTTP/1.1 101");
            // the gateway ends it: an ERROR frame, then a close frame (opcode 8)
            StringBuilder text = new StringBuilder();
            byte[] chunk = new byte[4096];
            int read;
            while (!(text.indexOf(NO_CONNECT) >= 0 && text.indexOf("\u0088", text.indexOf(NO_CONNECT)) >= 0)
                    && (read = in.read(chunk)) >= 0) {
                text.append(new String(chunk, 0, read, StandardCharsets.ISO_8859_1));
            }
            assertThat(text.toString()).contains("message:" + NO_CONNECT).contains("\u0088");
        }
    }

    @Test
    void disconnectEndsTheSessionAfterItsReceipt() {
        RawStompClient client = RawStompClient.connect(port, It.token("dan", It.tenant(), "viewer"), null);
        await().atMost(WAIT).until(() -> client.first("CONNECTED") != null);
        client.send("DISCONNECT\nreceipt:bye\n\n\0");
        client.send("SUBSCRIBE\nid:1\ndestination:/user/queue/replies\n\n\0");
        await().atMost(WAIT).until(() -> client.closed.isDone());
        // as the relay does once RabbitMQ closed the connection, in both modes
        assertThat(client.frames)
                .extracting(RawStompClient.Frame::command)
                .containsExactly("CONNECTED", "RECEIPT", "ERROR");
        assertThat(client.first("RECEIPT").headers()).containsEntry("receipt-id", "bye");
        assertThat(client.first("ERROR").headers()).containsEntry("message", "Connection to broker closed.");
    }

    private double connectTimeouts() throws Exception {
        String metrics = get("/actuator/prometheus", null).body();
        return metrics.lines()
                .filter(line -> line.startsWith("vigil_stomp_connect_timeouts_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** A WebSocket that sends nothing unless told: the server's text and close code are kept. */
    private static final class Silent implements WebSocket.Listener {
        final List<String> text = new CopyOnWriteArrayList<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket ws;

        static Silent open(int port) throws Exception {
            Silent listener = new Silent();
            listener.ws = HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), listener)
                    .get(10, TimeUnit.SECONDS);
            return listener;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.add(data.toString());
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }
    }
}
