package io.vigil.reliability.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;

/** Raw STOMP 1.2 frames and a raw-socket session that has been through CONNECT. */
public final class Stomp {

    private Stomp() {}

    /** {@code COMMAND\nheader\n...\n\nbody\0}; headers are given as complete lines. */
    public static String frame(String command, String body, String... headerLines) {
        StringBuilder frame = new StringBuilder(command).append('\n');
        for (String line : headerLines) {
            frame.append(line).append('\n');
        }
        return frame.append('\n').append(body).append('\0').toString();
    }

    public static String connectFrame(String token) {
        return token == null
                ? frame("CONNECT", "", "accept-version:1.2", "host:vigil", "heart-beat:0,0")
                : frame(
                        "CONNECT",
                        "",
                        "accept-version:1.2",
                        "host:vigil",
                        "heart-beat:0,0",
                        "Authorization:Bearer " + token);
    }

    /** Opens a socket and sends CONNECT; waits (bounded) for CONNECTED or ERROR or a close. */
    public static RawWebSocket connect(int port, String token) throws IOException {
        RawWebSocket ws = RawWebSocket.open(port, "/ws");
        ws.sendText(connectFrame(token));
        awaitAnswer(ws, Duration.ofSeconds(20));
        return ws;
    }

    /** Waits until the session answered anything or closed. */
    public static void awaitAnswer(RawWebSocket ws, Duration within) {
        await("an answer from the gateway")
                .atMost(within)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> !ws.received().isEmpty() || ws.closed().isDone());
    }

    /** Waits until the gateway closed the session (bounded); true if it did. */
    public static boolean awaitClose(RawWebSocket ws, Duration within) {
        try {
            await("the gateway to close the session")
                    .atMost(within)
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> ws.closed().isDone());
            return true;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return false;
        }
    }

    /** Waits until a frame starting with {@code command} arrived (bounded); true if it did. */
    public static boolean awaitFrame(RawWebSocket ws, String command, Duration within) {
        try {
            await("a " + command + " frame")
                    .atMost(within)
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> ws.hasFrame(command) || ws.closed().isDone());
            return ws.hasFrame(command);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return false;
        }
    }
}
