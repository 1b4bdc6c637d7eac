package io.vigil.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * The outbound buffer with a drain that runs only when the test says so (a session that is not
 * being written to is a lagging one).
 */
class SessionOutboxTest {

    private final ArrayDeque<Runnable> drains = new ArrayDeque<>();
    private final List<String> sent = new ArrayList<>();
    private final FrameEncoder encoder = new FrameEncoder();
    private final DeliveryMetrics metrics = new DeliveryMetrics(new SimpleMeterRegistry(), () -> 0);
    private final RecordingSession session = new RecordingSession();

    private SharedFrame frame(String key, long version) {
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                .headers(Map.of("vigil-key", key, "vigil-version", Long.toString(version), "vigil-op", "upsert"))
                .build();
        return encoder.encode("/topic/a.scores", props, (key + "@" + version).getBytes(StandardCharsets.UTF_8));
    }

    private SessionOutbox outbox(int capacity, int conflateAbove) {
        return new SessionOutbox(
                session, drains::add, metrics, id -> {}, capacity, conflateAbove, TimeUnit.SECONDS.toNanos(30));
    }

    private void drain() {
        while (!drains.isEmpty()) {
            drains.poll().run();
        }
    }

    @Test
    void aLaggingSessionGetsTheLatestValuePerKeyInFirstSeenOrder() {
        SessionOutbox outbox = outbox(16, 0);
        assertThat(outbox.offer(frame("k1", 1), "s", true)).isEqualTo(SessionOutbox.Offer.QUEUED);
        assertThat(outbox.offer(frame("k2", 1), "s", true)).isEqualTo(SessionOutbox.Offer.QUEUED);
        assertThat(outbox.offer(frame("k1", 2), "s", true)).isEqualTo(SessionOutbox.Offer.CONFLATED);
        assertThat(outbox.offer(frame("k1", 3), "s", true)).isEqualTo(SessionOutbox.Offer.CONFLATED);
        assertThat(outbox.offer(frame("k2", 1), "s", true)).isEqualTo(SessionOutbox.Offer.CONFLATED);
        drain();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0)).endsWith("k1@3\0");
        assertThat(sent.get(1)).endsWith("k2@1\0");
        // once sent, the next value is queued again
        assertThat(outbox.offer(frame("k1", 4), "s", true)).isEqualTo(SessionOutbox.Offer.QUEUED);
    }

    @Test
    void aSessionThatKeepsUpGetsEveryFrameAndConflationStartsOnceItLags() {
        SessionOutbox outbox = outbox(16, 3);
        assertThat(outbox.offer(frame("k1", 1), "s", true)).isEqualTo(SessionOutbox.Offer.QUEUED);
        assertThat(outbox.offer(frame("k1", 2), "s", true)).isEqualTo(SessionOutbox.Offer.QUEUED);
        assertThat(outbox.offer(frame("k1", 3), "s", true)).isEqualTo(SessionOutbox.Offer.QUEUED);
        // three waiting: lagging now, the newest unsent value of k1 is replaced
        assertThat(outbox.offer(frame("k1", 4), "s", true)).isEqualTo(SessionOutbox.Offer.CONFLATED);
        drain();
        assertThat(sent).hasSize(3);
        assertThat(sent.get(0)).endsWith("k1@1\0");
        assertThat(sent.get(1)).endsWith("k1@2\0");
        assertThat(sent.get(2)).endsWith("k1@4\0");
    }

    @Test
    void anOlderVersionNeverReplacesANewerOne() {
        SessionOutbox outbox = outbox(16, 0);
        outbox.offer(frame("k1", 5), "s", true);
        outbox.offer(frame("k1", 4), "s", true);
        drain();
        assertThat(sent).singleElement().asString().endsWith("k1@5\0");
    }

    @Test
    void withoutConflationEveryFrameCountsAndAFullBufferOverflowsThenSendsTheErrorAndCloses() {
        SessionOutbox outbox = outbox(16, 0);
        for (int i = 0; i < 16; i++) {
            assertThat(outbox.offer(frame("k1", i), "s", false)).isEqualTo(SessionOutbox.Offer.QUEUED);
        }
        assertThat(outbox.offer(frame("k1", 99), "s", false)).isEqualTo(SessionOutbox.Offer.OVERFLOW);
        assertThat(outbox.dropped()).isEqualTo(17);
        assertThat(outbox.offer(frame("k1", 100), "s", false)).isEqualTo(SessionOutbox.Offer.CLOSED);
        outbox.finish(new TextMessage("ERROR\n\n\0"));
        drain();
        assertThat(sent).containsExactly("ERROR\n\n\0");
        assertThat(session.isOpen()).isFalse();
    }

    /** Records what is sent; open until closed. */
    private final class RecordingSession extends WebSocketSessionDecorator {
        private boolean open = true;

        RecordingSession() {
            super(new org.springframework.web.socket.adapter.standard.StandardWebSocketSession(null, null, null, null));
        }

        @Override
        public String getId() {
            return "session-1";
        }

        @Override
        public void sendMessage(WebSocketMessage<?> message) {
            sent.add(message instanceof EncodedText encoded ? encoded.text() : ((TextMessage) message).getPayload());
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close(org.springframework.web.socket.CloseStatus status) {
            open = false;
        }
    }
}
