package io.vigil.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * STOMP heart-beats as negotiated in CONNECTED, both ways: an idle session gets them, a client that
 * keeps sending them stays connected, one that stops is closed with an ERROR frame.
 */
class HeartbeatIT extends GatewayItBase {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void connectedNegotiatesHeartbeats() {
        RawStompClient client = RawStompClient.connect(port, It.token("hb", It.tenant(), "viewer"), "1000,20000");
        await().atMost(WAIT).until(() -> client.first("CONNECTED") != null);
        // the gateway sends every 20 s, as the client wants, and expects one every second
        assertThat(client.first("CONNECTED").headers())
                .containsEntry("heart-beat", "20000,1000")
                .containsEntry("version", "1.2")
                .containsEntry("user-name", "hb")
                .containsKeys("server", "session");
        client.abort();
    }

    @Test
    void idleSessionGetsHeartbeatsWhileItSendsItsOwn() {
        RawStompClient client = RawStompClient.connect(port, It.token("hb", It.tenant(), "viewer"), "1000,1000");
        await().atMost(WAIT).until(() -> client.first("CONNECTED") != null);
        // each poll is a client heart-beat (well within the promised second)
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            client.heartbeat();
            return client.heartbeats.get() >= 5;
        });
        assertThat(client.closed).isNotDone();
        assertThat(client.frames).extracting(RawStompClient.Frame::command).containsExactly("CONNECTED");
        client.abort();
    }

    @Test
    void clientWhoseHeartbeatsStopIsDisconnected() {
        RawStompClient client = RawStompClient.connect(port, It.token("hb", It.tenant(), "viewer"), "1000,0");
        await().atMost(WAIT).until(() -> client.closed.isDone());
        assertThat(client.frames).extracting(RawStompClient.Frame::command).containsExactly("CONNECTED", "ERROR");
        assertThat(client.first("ERROR").headers()).containsEntry("message", "Connection to broker closed.");
    }
}
