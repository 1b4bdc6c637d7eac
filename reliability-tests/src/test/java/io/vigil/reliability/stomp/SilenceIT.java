package io.vigil.reliability.stomp;

import static io.vigil.reliability.support.Stomp.frame;
import static io.vigil.testsupport.LocalService.KAFKA;
import static io.vigil.testsupport.LocalService.RABBITMQ;
import static io.vigil.testsupport.LocalService.RABBITMQ_STOMP;
import static io.vigil.testsupport.LocalService.REDIS;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.reliability.support.RawWebSocket;
import io.vigil.reliability.support.Results;
import io.vigil.reliability.support.SharedGateway;
import io.vigil.reliability.support.Stomp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Clients that stop half-way (slowloris): a WebSocket with no STOMP at all, half a CONNECT frame,
 * half a WebSocket frame, and half a SUBSCRIBE after a CONNECT that promised heart-beats; plus
 * plain HTTP requests on the WebSocket path. The gateway must close each held connection by itself
 * within a bound (Spring's time to first message is 60 s; the heart-beat deadline after CONNECT),
 * answer the HTTP requests with a 4xx, stay up, and release every session.
 */
@io.vigil.testsupport.RequiresLocalServices({KAFKA, RABBITMQ, RABBITMQ_STOMP, REDIS})
@ExtendWith(SharedGateway.class)
class SilenceIT {

    /** Spring's default time to first message (60 s) plus slack for a loaded machine. */
    static final Duration BOUND = Duration.ofSeconds(75);

    @Test
    void halfOpenAndSilentConnectionsAreClosedAndHttpOnTheSocketPathIsRefused() throws Exception {
        SharedGateway.Instance gw = SharedGateway.get();
        String tenant = gw.tenant("silent");
        int before = gw.awaitSessionsBackTo(0, Duration.ofSeconds(10));
        String token = BadFramesIT.token(tenant);
        java.time.Instant deadline = java.time.Instant.now().plus(BOUND);
        Map<String, RawWebSocket> held = new LinkedHashMap<>();
        held.put("WebSocket open, no STOMP", RawWebSocket.open(gw.port(), "/ws"));
        RawWebSocket halfConnect = RawWebSocket.open(gw.port(), "/ws");
        String connect = Stomp.connectFrame(token);
        halfConnect.sendText(connect.substring(0, connect.length() / 2));
        held.put("half a CONNECT frame, then silence", halfConnect);
        RawWebSocket halfWsFrame = RawWebSocket.open(gw.port(), "/ws");
        halfWsFrame.sendTruncatedFrame(connect.getBytes(StandardCharsets.UTF_8), 20);
        held.put("half a WebSocket frame, then silence", halfWsFrame);
        RawWebSocket heartbeat = RawWebSocket.open(gw.port(), "/ws");
        heartbeat.sendText(frame(
                "CONNECT",
                "",
                "accept-version:1.2",
                "host:vigil",
                "heart-beat:2000,0",
                "Authorization:Bearer " + token));
        Stomp.awaitFrame(heartbeat, "CONNECTED", Duration.ofSeconds(20));
        heartbeat.sendText("SUBSCRIBE\nid:1\ndestination:/topic/" + tenant);
        held.put("CONNECT promising heart-beats, half a SUBSCRIBE, then silence", heartbeat);

        List<String> http = new ArrayList<>();
        http.add(status(RawWebSocket.exchangeRaw(gw.port(), ascii("GET /ws HTTP/1.1\r\nHost: x\r\n\r\n"))));
        http.add(status(RawWebSocket.exchangeRaw(
                gw.port(), ascii("POST /ws HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\nCONNECT\n\n\0\0\0"))));
        http.add(status(RawWebSocket.exchangeRaw(
                gw.port(),
                ascii("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Version: 99\r\nSec-WebSocket-Key: x\r\n\r\n"))));
        http.add(status(RawWebSocket.exchangeRaw(gw.port(), ascii("\u0016\u0003\u0001garbage, not HTTP\r\n\r\n"))));
        long refused = http.stream().filter(s -> s.matches("4\\d\\d")).count();

        Map<String, String> outcome = new LinkedHashMap<>();
        int closed = 0;
        for (Map.Entry<String, RawWebSocket> e : held.entrySet()) {
            Duration left = Duration.between(java.time.Instant.now(), deadline);
            boolean done = Stomp.awaitClose(e.getValue(), left.isNegative() ? Duration.ofMillis(100) : left);
            closed += done ? 1 : 0;
            outcome.put(e.getKey(), done ? "closed (" + e.getValue().closed().getNow(0) + ")" : "STILL OPEN");
            e.getValue().close();
        }
        boolean healthy = gw.gateway.healthy();
        int after = gw.awaitSessionsBackTo(before, Duration.ofSeconds(20));

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("held connections", held.size());
        figures.put("closed by the gateway within " + BOUND.toSeconds() + " s", closed);
        figures.put("HTTP requests on /ws refused with 4xx", refused + " of " + http.size() + " " + http);
        figures.put("gateway healthy", healthy);
        figures.put("sessions leaked", after - before);
        figures.put("outcomes", outcome);
        boolean ok = closed == held.size() && refused == http.size() && healthy && after == before;
        Results.record(
                "1b-stomp-silence-and-http",
                "Half a frame then silence, no STOMP at all, HTTP on the WebSocket path",
                figures,
                ok,
                SilenceIT.class);
        System.out.println("[silence] " + outcome + " http " + http);
        assertThat(outcome).allSatisfy((name, what) -> assertThat(what).as(name).startsWith("closed"));
        assertThat(http).allSatisfy(s -> assertThat(s).matches("4\\d\\d"));
        assertThat(healthy).isTrue();
        assertThat(after).isEqualTo(before);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The status code of an HTTP response, or what came instead. */
    static String status(String response) {
        String[] first = response.lines()
                .findFirst()
                .orElse("(connection closed, no response)")
                .split(" ");
        return first.length > 1 && first[0].startsWith("HTTP/") ? first[1] : String.join(" ", first);
    }
}
