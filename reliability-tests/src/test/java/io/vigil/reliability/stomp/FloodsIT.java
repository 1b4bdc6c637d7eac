package io.vigil.reliability.stomp;

import static io.vigil.reliability.support.Stomp.frame;
import static io.vigil.testsupport.LocalService.KAFKA;
import static io.vigil.testsupport.LocalService.RABBITMQ;
import static io.vigil.testsupport.LocalService.RABBITMQ_STOMP;
import static io.vigil.testsupport.LocalService.REDIS;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.reliability.support.RawWebSocket;
import io.vigil.reliability.support.Results;
import io.vigil.reliability.support.Scale;
import io.vigil.reliability.support.SharedGateway;
import io.vigil.reliability.support.Stomp;
import io.vigil.reliability.support.Tokens;
import io.vigil.testsupport.RequiresLocalServices;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Floods from one session against a real gateway: a million (bounded: 100,000) tiny frames, SEND
 * floods, subscribe/unsubscribe churn, heart-beat floods and CONNECT repeated inside one session.
 * Each flood is cut off by the per-session rate limit (or survived) while a bystander session of
 * the same tenant keeps being served, and nothing leaks: sessions, and the per-user connection
 * count (a user can still open the allowed five connections afterwards).
 */
@RequiresLocalServices({KAFKA, RABBITMQ, RABBITMQ_STOMP, REDIS})
@ExtendWith(SharedGateway.class)
class FloodsIT {

    /** One flood: what a single message of it is, and whether the rate limit must stop it. */
    record Flood(String name, String message, boolean limited) {}

    @Test
    void floodsAreLimitedPerSessionWithoutAffectingOthers() throws Exception {
        SharedGateway.Instance gw = SharedGateway.get();
        String tenant = gw.tenant("flood");
        int before = gw.awaitSessionsBackTo(0, Duration.ofSeconds(10));
        RawWebSocket bystander = Stomp.connect(gw.port(), token("bystander", tenant));
        assertThat(bystander.hasFrame("CONNECTED")).isTrue();

        String scores = "/topic/" + tenant + ".scores";
        List<Flood> floods = List.of(
                new Flood(
                        "tiny SUBSCRIBE frames",
                        frame("SUBSCRIBE", "", "id:x", "destination:/user/queue/replies"),
                        true),
                new Flood(
                        "SEND flood",
                        frame("SEND", "{}", "destination:/app/alerts/" + tenant + "/score.x-1/ack"),
                        true),
                new Flood(
                        "subscribe/unsubscribe churn",
                        frame("SUBSCRIBE", "", "id:c", "destination:" + scores) + frame("UNSUBSCRIBE", "", "id:c"),
                        true),
                new Flood("heart-beats (EOL)", "\n", false));
        int limited = 0;
        int survivedUnlimited = 0;
        int bystanderServed = 0;
        long sent = 0;
        List<String> notAsExpected = new ArrayList<>();
        for (Flood flood : floods) {
            try (RawWebSocket ws = Stomp.connect(gw.port(), token("flooder", tenant))) {
                long n = flood.limited() ? Scale.tinyFrames() : Scale.tinyFrames() / 10;
                sent += send(ws, flood.message(), n);
                boolean closed = Stomp.awaitClose(ws, Duration.ofSeconds(20));
                String error = ws.errorMessage();
                if (flood.limited() && closed && error != null && error.startsWith("Too many frames")) {
                    limited++;
                } else if (!flood.limited() && !closed && BadFramesIT.stillServed(ws, tenant)) {
                    survivedUnlimited++;
                } else {
                    notAsExpected.add(flood.name() + ": closed " + closed + ", ERROR " + error);
                }
            }
            bystanderServed += served(bystander, scores, flood.name()) ? 1 : 0;
        }

        // CONNECT repeated inside one session must not leak the user's connection count
        for (int i = 0; i < 5; i++) {
            try (RawWebSocket ws = Stomp.connect(gw.port(), token("twice", tenant))) {
                ws.sendText(Stomp.connectFrame(token("twice", tenant)));
                ws.sendText(Stomp.connectFrame(token("twice", tenant)));
                Stomp.awaitClose(ws, Duration.ofSeconds(5));
            }
        }
        gw.awaitSessionsBackTo(before + 1, Duration.ofSeconds(20));
        int allowedAfterRepeatedConnect = 0;
        List<RawWebSocket> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            RawWebSocket ws = Stomp.connect(gw.port(), token("twice", tenant));
            five.add(ws);
            allowedAfterRepeatedConnect += ws.hasFrame("CONNECTED") ? 1 : 0;
        }
        five.forEach(RawWebSocket::close);
        bystander.close();
        int after = gw.awaitSessionsBackTo(before, Duration.ofSeconds(30));

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("floods", floods.size());
        figures.put("frames sent", sent);
        figures.put("rate-limited (ERROR Too many frames)", limited);
        figures.put("heart-beat flood survived", survivedUnlimited);
        figures.put("bystander served after each flood", bystanderServed);
        figures.put("connections allowed after repeated CONNECTs (of 5)", allowedAfterRepeatedConnect);
        figures.put("sessions leaked", after - before);
        figures.put("not as expected", notAsExpected);
        boolean held = notAsExpected.isEmpty()
                && bystanderServed == floods.size()
                && allowedAfterRepeatedConnect == 5
                && after == before;
        Results.record(
                "6-floods",
                "Floods from one session (tiny frames, SEND, subscribe churn, heart-beats, repeated CONNECT)",
                figures,
                held,
                FloodsIT.class);
        assertThat(notAsExpected).isEmpty();
        assertThat(bystanderServed).as("bystander served after each flood").isEqualTo(floods.size());
        assertThat(allowedAfterRepeatedConnect)
                .as("connections the user may still open after CONNECT was repeated inside sessions")
                .isEqualTo(5);
        assertThat(after).as("sessions after / before").isEqualTo(before);
    }

    /** Sends {@code message} {@code n} times (stops when the gateway closed); returns how many went. */
    static long send(RawWebSocket ws, String message, long n) {
        long sent = 0;
        try {
            for (; sent < n && !ws.closed().isDone(); sent++) {
                ws.sendText(message);
            }
        } catch (IOException closed) {
            // the gateway closed the connection under the flood
        }
        return sent;
    }

    static boolean served(RawWebSocket ws, String destination, String round) throws IOException {
        String receipt = "r-" + Math.abs(round.hashCode());
        ws.sendText(frame("SUBSCRIBE", "", "id:" + receipt, "destination:" + destination, "receipt:" + receipt));
        return Stomp.awaitFrame(ws, "RECEIPT\nreceipt-id:" + receipt, Duration.ofSeconds(15));
    }

    static String token(String user, String tenant) {
        return Tokens.hs256(
                SharedGateway.SECRET, Tokens.claims(user, tenant, "analyst").build());
    }
}
