package io.vigil.gateway;

import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;
import java.lang.reflect.Type;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.messaging.converter.ByteArrayMessageConverter;
import org.springframework.messaging.converter.CompositeMessageConverter;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;
import tools.jackson.databind.JsonNode;

/**
 * A real-socket STOMP client for the tests: connects with a bearer token, collects frames per
 * subscription and remembers the ERROR frame (and the close) the gateway sends.
 */
public final class StompTestClient {

    private static final ThreadPoolTaskScheduler SCHEDULER = scheduler();

    /** One received MESSAGE frame. */
    public record Frame(StompHeaders headers, JsonNode body) {}

    final CompletableFuture<String> error = new CompletableFuture<>();
    final CompletableFuture<StompHeaders> errorHeaders = new CompletableFuture<>();
    Throwable connectFailure;
    final CompletableFuture<Throwable> closed = new CompletableFuture<>();
    private final WebSocketStompClient client;
    private StompSession session;

    private StompTestClient() {
        this(new StandardWebSocketClient(roomyContainer()));
    }

    /**
     * A client container that takes large messages whole, as a browser does. Needed because the
     * gateway under test runs in this JVM and lowers Tomcat's default WebSocket buffer size for the
     * whole JVM (config/TomcatBuffers), which Tomcat's client would otherwise take as its message
     * size limit and close on a large snapshot with 1009.
     */
    private static WebSocketContainer roomyContainer() {
        WebSocketContainer container = ContainerProvider.getWebSocketContainer();
        container.setDefaultMaxTextMessageBufferSize(4 * 1024 * 1024);
        container.setDefaultMaxBinaryMessageBufferSize(4 * 1024 * 1024);
        return container;
    }

    private StompTestClient(StandardWebSocketClient webSocket) {
        client = new WebSocketStompClient(webSocket);
        // byte[] payloads are sent as they are; JSON frames are read as JsonNode
        client.setMessageConverter(new CompositeMessageConverter(
                List.of(new ByteArrayMessageConverter(), new JacksonJsonMessageConverter())));
        client.setTaskScheduler(SCHEDULER);
        client.setInboundMessageSizeLimit(4 * 1024 * 1024);
    }

    /** Connects; the returned client has a session if CONNECT was accepted, else only an error. */
    public static StompTestClient connect(int port, String token) {
        return connect(port, token, new WebSocketHttpHeaders(), true);
    }

    /**
     * Connects without heart-beats and with room for large frames: for a client that stops reading
     * on purpose (a slow consumer of large updates), which must not be taken for a dead connection
     * meanwhile.
     */
    public static StompTestClient connectSlow(int port, String token) {
        StompHeaders connect = new StompHeaders();
        connect.setHeartbeat(new long[] {0, 0});
        StompTestClient c = new StompTestClient(new StandardWebSocketClient(roomyContainer()));
        return c.open(port, token, new WebSocketHttpHeaders(), true, connect);
    }

    /** Connects with handshake headers; a failed handshake is kept in {@code connectFailure}. */
    public static StompTestClient connect(int port, String token, WebSocketHttpHeaders handshake, boolean mustAnswer) {
        return connect(port, token, handshake, mustAnswer, new StompHeaders());
    }

    private static StompTestClient connect(
            int port, String token, WebSocketHttpHeaders handshake, boolean mustAnswer, StompHeaders connect) {
        return new StompTestClient().open(port, token, handshake, mustAnswer, connect);
    }

    private StompTestClient open(
            int port, String token, WebSocketHttpHeaders handshake, boolean mustAnswer, StompHeaders connect) {
        StompTestClient c = this;
        if (token != null) {
            connect.add("Authorization", "Bearer " + token);
        }
        CompletableFuture<StompSession> future =
                c.client.connectAsync("ws://127.0.0.1:" + port + "/ws", handshake, connect, c.new Handler());
        try {
            c.session = future.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            c.connectFailure = e;
            if (mustAnswer && !c.error.isDone() && !c.closed.isDone()) {
                throw new IllegalStateException("connect failed without ERROR frame", e);
            }
        }
        return c;
    }

    public StompSession session() {
        if (session == null) {
            throw new IllegalStateException("not connected: " + error.getNow("no error"));
        }
        return session;
    }

    public boolean connected() {
        return session != null && session.isConnected();
    }

    /** Subscribes and collects every frame of the subscription. */
    public List<Frame> subscribe(String destination) {
        return subscribe(destination, new StompHeaders());
    }

    /** Subscribes to a broker destination and waits for RabbitMQ's receipt (the binding exists). */
    public List<Frame> subscribeConfirmed(String destination) {
        StompHeaders headers = new StompHeaders();
        String receipt = "r-" + java.util.UUID.randomUUID();
        headers.setReceipt(receipt);
        CompletableFuture<Void> done = new CompletableFuture<>();
        List<Frame> frames = subscribe(destination, headers, done);
        try {
            done.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("no RECEIPT for SUBSCRIBE " + destination, e);
        }
        return frames;
    }

    public List<Frame> subscribe(String destination, StompHeaders extra) {
        return subscribe(destination, extra, null);
    }

    /** Subscribes, collecting every frame into {@code frames}; the handle can UNSUBSCRIBE. */
    public StompSession.Subscription subscribe(String destination, List<Frame> frames) {
        return subscribeInto(destination, new StompHeaders(), frames);
    }

    private List<Frame> subscribe(String destination, StompHeaders extra, CompletableFuture<Void> receipt) {
        List<Frame> frames = new CopyOnWriteArrayList<>();
        StompSession.Subscription subscription = subscribeInto(destination, extra, frames);
        if (receipt != null) {
            subscription.addReceiptTask(() -> receipt.complete(null));
        }
        return frames;
    }

    private StompSession.Subscription subscribeInto(String destination, StompHeaders extra, List<Frame> frames) {
        StompHeaders headers = new StompHeaders();
        headers.putAll(extra);
        headers.setDestination(destination);
        StompSession.Subscription subscription = session().subscribe(headers, new StompSessionHandlerAdapter() {
            @Override
            public Type getPayloadType(StompHeaders h) {
                return JsonNode.class;
            }

            @Override
            public void handleFrame(StompHeaders h, Object payload) {
                frames.add(new Frame(h, (JsonNode) payload));
            }
        });
        return subscription;
    }

    /**
     * Subscribes with a handler that, after each frame, waits for {@code gate} to open: the client
     * stops reading its socket meanwhile, as a slow browser would.
     */
    public List<Frame> subscribeStalled(String destination, CountDownLatch gate) {
        List<Frame> frames = new CopyOnWriteArrayList<>();
        StompHeaders headers = new StompHeaders();
        headers.setDestination(destination);
        String receipt = "r-" + java.util.UUID.randomUUID();
        headers.setReceipt(receipt);
        CompletableFuture<Void> done = new CompletableFuture<>();
        session()
                .subscribe(headers, new StompSessionHandlerAdapter() {
                    @Override
                    public Type getPayloadType(StompHeaders h) {
                        return JsonNode.class;
                    }

                    @Override
                    public void handleFrame(StompHeaders h, Object payload) {
                        frames.add(new Frame(h, (JsonNode) payload));
                        try {
                            gate.await(2, TimeUnit.MINUTES);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                })
                .addReceiptTask(() -> done.complete(null));
        try {
            done.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("no RECEIPT for SUBSCRIBE " + destination, e);
        }
        return frames;
    }

    public void disconnect() {
        if (session != null && session.isConnected()) {
            session.disconnect();
        }
    }

    private static ThreadPoolTaskScheduler scheduler() {
        ThreadPoolTaskScheduler s = new ThreadPoolTaskScheduler();
        s.setPoolSize(2);
        s.setDaemon(true);
        s.setThreadNamePrefix("stomp-it-");
        s.initialize();
        return s;
    }

    private final class Handler extends StompSessionHandlerAdapter {
        @Override
        public Type getPayloadType(StompHeaders headers) {
            return byte[].class;
        }

        @Override
        public void handleFrame(StompHeaders headers, Object payload) {
            // only ERROR frames reach the session handler
            errorHeaders.complete(headers);
            error.complete(String.valueOf(headers.getFirst("message")));
        }

        @Override
        public void handleException(
                StompSession s, StompCommand command, StompHeaders headers, byte[] payload, Throwable exception) {
            if (command == StompCommand.ERROR && headers != null) {
                errorHeaders.complete(headers);
                error.complete(String.valueOf(headers.getFirst("message")));
            } else {
                error.complete("client-side exception: " + exception);
            }
        }

        @Override
        public void handleTransportError(StompSession s, Throwable exception) {
            closed.complete(exception);
        }
    }
}
