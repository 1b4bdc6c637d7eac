package io.vigil.e2e;

import java.lang.reflect.Type;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/**
 * A real STOMP-over-WebSocket client (Spring's {@link WebSocketStompClient}) that records every
 * MESSAGE frame of its subscriptions with its headers and body: to a gateway's {@code /ws} with a
 * bearer token, or straight to RabbitMQ's Web-STOMP with a login.
 */
final class StompFeed implements AutoCloseable {

    /** One received MESSAGE frame. */
    record Frame(StompHeaders headers, String body) {
        String header(String name) {
            return headers.getFirst(name);
        }
    }

    private static final ThreadPoolTaskScheduler SCHEDULER = scheduler();

    private final StompSession session;
    /** What went wrong on the session (ERROR frames, frames that could not be read, transport errors). */
    final List<String> errors = new CopyOnWriteArrayList<>();

    private StompFeed(String url, StompHeaders connect) {
        WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
        client.setMessageConverter(new JsonAsText());
        client.setTaskScheduler(SCHEDULER);
        client.setInboundMessageSizeLimit(4 * 1024 * 1024);
        try {
            session = client.connectAsync(url, new WebSocketHttpHeaders(), connect, new ErrorRecorder())
                    .get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("STOMP CONNECT to " + url + " failed: " + e, e);
        }
    }

    /** A session on a gateway's {@code /ws}, authenticated with a bearer token. */
    static StompFeed gateway(String baseUrl, String token) {
        StompHeaders connect = new StompHeaders();
        connect.add("Authorization", "Bearer " + token);
        return new StompFeed(baseUrl.replaceFirst("^http", "ws") + "/ws", connect);
    }

    /** A session straight on RabbitMQ's Web-STOMP (127.0.0.1:15674, vhost vigil). */
    static StompFeed rabbitMq(String login, String passcode) {
        StompHeaders connect = new StompHeaders();
        connect.setLogin(login);
        connect.setPasscode(passcode);
        connect.setHost("vigil");
        return new StompFeed("ws://127.0.0.1:15674/ws", connect);
    }

    /**
     * Subscribes and waits for the broker's RECEIPT (so the binding exists before anything is
     * published); every MESSAGE frame from then on lands in the returned list.
     */
    List<Frame> subscribe(String destination) {
        List<Frame> frames = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> receipt = subscribe(destination, frames);
        try {
            receipt.get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("no RECEIPT for SUBSCRIBE " + destination, e);
        }
        return frames;
    }

    /**
     * Subscribes with a receipt request without waiting for it: every MESSAGE frame lands in
     * {@code frames}; the future completes with the RECEIPT.
     */
    CompletableFuture<Void> subscribe(String destination, List<Frame> frames) {
        StompHeaders headers = new StompHeaders();
        headers.setDestination(destination);
        headers.setReceipt("r-" + UUID.randomUUID());
        CompletableFuture<Void> receipt = new CompletableFuture<>();
        StompSession.Subscription subscription = session.subscribe(headers, new StompSessionHandlerAdapter() {
            @Override
            public Type getPayloadType(StompHeaders h) {
                return String.class;
            }

            @Override
            public void handleFrame(StompHeaders h, Object payload) {
                frames.add(new Frame(h, (String) payload));
            }
        });
        subscription.addReceiptTask(() -> receipt.complete(null));
        return receipt;
    }

    @Override
    public void close() {
        if (session.isConnected()) {
            session.disconnect();
        }
    }

    /** Keeps every failure the session reports instead of dropping it. */
    private final class ErrorRecorder extends StompSessionHandlerAdapter {
        @Override
        public Type getPayloadType(StompHeaders headers) {
            return String.class;
        }

        @Override
        public void handleFrame(StompHeaders headers, Object payload) {
            errors.add("ERROR frame: " + headers.getFirst("message") + " " + payload);
        }

        @Override
        public void handleException(
                StompSession s, StompCommand command, StompHeaders headers, byte[] payload, Throwable exception) {
            errors.add(command + " " + headers + ": " + exception);
        }

        @Override
        public void handleTransportError(StompSession s, Throwable exception) {
            errors.add("transport: " + exception);
        }
    }

    /** Bodies as text: JSON (what Vigil sends) as well as plain text. */
    private static final class JsonAsText extends StringMessageConverter {
        JsonAsText() {
            addSupportedMimeTypes(MimeTypeUtils.APPLICATION_JSON);
        }
    }

    private static ThreadPoolTaskScheduler scheduler() {
        ThreadPoolTaskScheduler s = new ThreadPoolTaskScheduler();
        s.setPoolSize(2);
        s.setDaemon(true);
        s.setThreadNamePrefix("e2e-stomp-");
        s.initialize();
        return s;
    }
}
