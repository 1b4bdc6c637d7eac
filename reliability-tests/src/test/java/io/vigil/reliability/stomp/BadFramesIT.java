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
import io.vigil.reliability.support.Tokens;
import io.vigil.testsupport.RequiresLocalServices;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Malformed STOMP, of the kinds RabbitMQ's and Spring's own parser tests use, sent over a raw
 * socket to a real gateway process. Every case must end in an ERROR frame or a close; the gateway
 * must stay healthy and serve a well-behaved client after each; and every session must be released
 * (the gateway's {@code vigil_stomp_sessions} back to what it was).
 */
@RequiresLocalServices({KAFKA, RABBITMQ, RABBITMQ_STOMP, REDIS})
@ExtendWith(SharedGateway.class)
class BadFramesIT {

    private static final Duration CLOSE_WITHIN = Duration.ofSeconds(20);

    /**
     * What a case sends; {@code connected} says whether it runs after a valid CONNECT; {@code
     * tolerated} marks the frames Spring's decoder deliberately reads as if a bad header were absent
     * (an unparsable or negative {@code content-length} or heart-beat): those may also be answered
     * normally, provided the session then still works (a RECEIPT for a follow-up SUBSCRIBE).
     */
    record Case(String name, boolean connected, Sender sender, boolean tolerated) {
        Case(String name, boolean connected, Sender sender) {
            this(name, connected, sender, false);
        }
    }

    interface Sender {
        void send(RawWebSocket ws, String own) throws Exception;
    }

    /** What the gateway did. */
    record Outcome(String name, String error, int closeCode, boolean closed, boolean stillServed) {
        boolean acceptable() {
            return closed || stillServed;
        }

        String describe() {
            return name + ": " + (error != null ? "ERROR '" + error + "'" : "no ERROR") + ", "
                    + (closed
                            ? "closed (" + closeCode + ")"
                            : stillServed ? "tolerated, session still served" : "STILL OPEN");
        }
    }

    static List<Case> cases() {
        byte[] tenMiB = new byte[10 * 1024 * 1024];
        java.util.Arrays.fill(tenMiB, (byte) 'x');
        return List.of(
                new Case("SUBSCRIBE before CONNECT", false, (ws, own) -> ws.sendText(subscribe("1", scores(own)))),
                new Case(
                        "SEND before CONNECT",
                        false,
                        (ws, own) -> ws.sendText(frame("SEND", "{}", "destination:/app/x"))),
                new Case("unknown command before CONNECT", false, (ws, own) -> ws.sendText(frame("HELLO", "", "a:b"))),
                new Case("unknown command", true, (ws, own) -> ws.sendText(frame("HELLO", "", "a:b"))),
                new Case(
                        "header without colon",
                        true,
                        (ws, own) -> ws.sendText(frame("SUBSCRIBE", "", "id:1", "destination" + scores(own)))),
                new Case(
                        "CR inside a header name",
                        true,
                        (ws, own) -> ws.sendText(frame("SUBSCRIBE", "", "id:1", "desti\rnation:" + scores(own)))),
                new Case(
                        "CR inside a header value",
                        true,
                        (ws, own) ->
                                ws.sendText(frame("SUBSCRIBE", "", "id:1", "destination:" + scores(own) + "\r.x"))),
                new Case(
                        "invalid escape \\q",
                        true,
                        (ws, own) -> ws.sendText(subscribe("1", "/topic/" + own + "\\q.scores"))),
                new Case("escape at end of value", true, (ws, own) -> ws.sendText(subscribe("1", scores(own) + "\\"))),
                new Case(
                        "nested escapes \\\\c",
                        true,
                        (ws, own) -> ws.sendText(subscribe("1", "/topic/" + own + "\\\\c.scores"))),
                new Case(
                        "escaped colon in destination",
                        true,
                        (ws, own) -> ws.sendText(subscribe("1", "/topic/" + own + "\\c.scores"))),
                new Case(
                        "content-length shorter than the body",
                        true,
                        (ws, own) -> ws.sendText(frame(
                                "SEND", "{}tail", "destination:/app/alerts/" + own + "/x-1/ack", "content-length:2"))),
                new Case(
                        "content-length not a number",
                        true,
                        (ws, own) -> ws.sendText(frame(
                                "SEND", "{}", "destination:/app/alerts/" + own + "/x-1/ack", "content-length:two")),
                        true),
                new Case(
                        "negative content-length",
                        true,
                        (ws, own) -> ws.sendText(frame(
                                "SEND", "{}", "destination:/app/alerts/" + own + "/x-1/ack", "content-length:-5")),
                        true),
                new Case(
                        "content-length of 2^40",
                        true,
                        (ws, own) -> ws.sendText(frame(
                                "SEND",
                                "{}",
                                "destination:/app/alerts/" + own + "/x-1/ack",
                                "content-length:1099511627776")),
                        true),
                new Case(
                        "embedded NUL in a header",
                        true,
                        (ws, own) ->
                                ws.sendText(frame("SUBSCRIBE", "", "id:1", "destination:/topic/" + own + "\0.scores"))),
                new Case(
                        "invalid UTF-8 in a text message",
                        true,
                        (ws, own) -> ws.sendText(bytes(
                                "SUBSCRIBE\nid:1\n" + "destination:/topic/",
                                new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF},
                                ".scores\n\n\0"))),
                new Case(
                        "invalid UTF-8 in a binary message",
                        true,
                        (ws, own) -> ws.sendBinary(bytes(
                                "SUBSCRIBE\nid:1\n" + "destination:/topic/",
                                new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF},
                                ".scores\n\n\0"))),
                new Case(
                        "invalid heart-beat header",
                        false,
                        (ws, own) -> ws.sendText(frame(
                                "CONNECT",
                                "",
                                "accept-version:1.2",
                                "heart-beat:abc,-1",
                                "Authorization:Bearer " + token(own)))),
                new Case(
                        "negative heart-beat",
                        false,
                        (ws, own) -> ws.sendText(frame(
                                "CONNECT",
                                "",
                                "accept-version:1.2",
                                "heart-beat:-1000,-1000",
                                "Authorization:Bearer " + token(own))),
                        true),
                new Case(
                        "heart-beat overflow",
                        false,
                        (ws, own) -> ws.sendText(frame(
                                "CONNECT",
                                "",
                                "accept-version:1.2",
                                "heart-beat:99999999999999999999,1",
                                "Authorization:Bearer " + token(own)))),
                new Case(
                        "10 MiB frame in one message",
                        true,
                        (ws, own) -> ws.sendText(
                                bytes("SEND\ndestination:/app/alerts/" + own + "/x-1/ack\n\n", tenMiB, "\0"))),
                new Case("10 MiB frame in 160 messages", true, (ws, own) -> {
                    ws.sendText("SEND\ndestination:/app/alerts/" + own + "/x-1/ack\n\n");
                    for (int i = 0; i < 160 && !ws.closed().isDone(); i++) {
                        ws.sendText(new String(tenMiB, 0, 64 * 1024, StandardCharsets.US_ASCII));
                    }
                }),
                new Case("10,000 headers", true, (ws, own) -> {
                    List<String> headers = new ArrayList<>(List.of("id:1", "destination:" + scores(own)));
                    for (int i = 0; i < 10_000; i++) {
                        headers.add("h" + i + ":v");
                    }
                    ws.sendText(frame("SUBSCRIBE", "", headers.toArray(String[]::new)));
                    ws.sendText(frame("SEND", "", "destination:/topic/" + own + ".scores"));
                }),
                new Case("DISCONNECT then more frames", true, (ws, own) -> {
                    ws.sendText(frame("DISCONNECT", "", "receipt:bye"));
                    ws.sendText(subscribe("2", scores(own)));
                }));
    }

    @Test
    void everyMalformedFrameGetsAnErrorOrACloseAndEverySessionIsReleased() throws Exception {
        SharedGateway.Instance gw = SharedGateway.get();
        String own = gw.tenant("bad");
        int before = gw.awaitSessionsBackTo(0, Duration.ofSeconds(10));
        List<Outcome> outcomes = new ArrayList<>();
        int healthy = 0;
        int controlsServed = 0;
        for (Case c : cases()) {
            RawWebSocket ws =
                    c.connected() ? Stomp.connect(gw.port(), token(own)) : RawWebSocket.open(gw.port(), "/ws");
            if (c.connected()) {
                assertThat(ws.hasFrame("CONNECTED"))
                        .as("CONNECT before '%s'", c.name())
                        .isTrue();
            }
            try {
                c.sender().send(ws, own);
            } catch (java.io.IOException closedWhileSending) {
                // the gateway may close while a large frame is still being written
            }
            boolean closed = Stomp.awaitClose(ws, c.tolerated() ? Duration.ofSeconds(3) : CLOSE_WITHIN);
            boolean stillServed = !closed && c.tolerated() && stillServed(ws, own);
            outcomes.add(new Outcome(
                    c.name(), ws.errorMessage(), closed ? ws.closed().getNow(0) : 0, closed, stillServed));
            ws.close();
            healthy += gw.gateway.healthy() ? 1 : 0;
            controlsServed += control(gw, own) ? 1 : 0;
        }
        int after = gw.awaitSessionsBackTo(before, Duration.ofSeconds(20));
        long answered = outcomes.stream().filter(Outcome::acceptable).count();
        long tolerated = outcomes.stream().filter(Outcome::stillServed).count();
        long errors = outcomes.stream().filter(o -> o.error() != null).count();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("cases", outcomes.size());
        figures.put("ERROR or close", answered - tolerated);
        figures.put("tolerated as if the bad header were absent", tolerated);
        figures.put("with ERROR frame", errors);
        figures.put("gateway healthy after", healthy);
        figures.put("control client served after", controlsServed);
        figures.put("sessions leaked", after - before);
        boolean held = answered == outcomes.size()
                && healthy == outcomes.size()
                && controlsServed == outcomes.size()
                && after == before;
        Results.record(
                "1-stomp-malformed-frames",
                "Malformed STOMP frames (" + outcomes.size() + " cases): ERROR or close, gateway up, sessions released",
                figures,
                held,
                BadFramesIT.class);
        outcomes.forEach(o -> System.out.println("[bad-frames] " + o.describe()));
        assertThat(outcomes)
                .allSatisfy(o -> assertThat(o.acceptable()).as(o.describe()).isTrue());
        assertThat(healthy).isEqualTo(outcomes.size());
        assertThat(controlsServed).isEqualTo(outcomes.size());
        assertThat(after).as("sessions after / before").isEqualTo(before);
    }

    /** A tolerated frame leaves a working session: a follow-up SUBSCRIBE gets its RECEIPT. */
    static boolean stillServed(RawWebSocket ws, String own) throws Exception {
        ws.sendText(frame("SUBSCRIBE", "", "id:after", "destination:" + scores(own), "receipt:after"));
        return Stomp.awaitFrame(ws, "RECEIPT", Duration.ofSeconds(15));
    }

    /** A well-behaved client still gets CONNECTED and a RECEIPT for its own topic. */
    static boolean control(SharedGateway.Instance gw, String own) throws Exception {
        try (RawWebSocket ws = Stomp.connect(gw.port(), token(own))) {
            ws.sendText(frame("SUBSCRIBE", "", "id:c", "destination:" + scores(own), "receipt:ok"));
            boolean ok = Stomp.awaitFrame(ws, "RECEIPT", Duration.ofSeconds(15));
            ws.sendText(frame("DISCONNECT", ""));
            return ok;
        }
    }

    static String token(String tenant) {
        return Tokens.hs256(
                SharedGateway.SECRET, Tokens.claims("eve", tenant, "analyst").build());
    }

    static String scores(String tenant) {
        return "/topic/" + tenant + ".scores";
    }

    static String subscribe(String id, String destination) {
        return frame("SUBSCRIBE", "", "id:" + id, "destination:" + destination);
    }

    static byte[] bytes(String head, byte[] middle, String tail) {
        byte[] a = head.getBytes(StandardCharsets.UTF_8);
        byte[] c = tail.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[a.length + middle.length + c.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(middle, 0, all, a.length, middle.length);
        System.arraycopy(c, 0, all, a.length + middle.length, c.length);
        return all;
    }
}
