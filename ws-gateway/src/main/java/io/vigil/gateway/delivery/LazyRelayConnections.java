package io.vigil.gateway.delivery;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Shared mode with {@code vigil.delivery.lazy-relay-connection}: a session gets a RabbitMQ STOMP
 * connection only when it first sends a frame that needs the broker (a relayed SUBSCRIBE such as
 * {@code /topic/ops.tasks}). Until then the gateway answers CONNECT itself, because a broker
 * connection per session is what costs RabbitMQ most (docs/gateway.md, "Delivery modes").
 *
 * <p>On the first relayed frame the remembered CONNECT goes to the relay; frames wait until the
 * broker's CONNECTED comes back, which is not passed to the client (it already has one), then
 * they follow in order. The client's heart-beats stay with the gateway ({@link ClientHeartbeats}):
 * the broker connection is opened without any.
 */
final class LazyRelayConnections {

    private enum State {
        NONE,
        CONNECTING,
        CONNECTED,
        /** closed while its broker connection was being opened: that one is closed once it is up */
        CLOSED
    }

    private static final class Session {
        final Message<byte[]> connect;
        State state = State.NONE;
        final List<Message<?>> waiting = new ArrayList<>();

        Session(Message<byte[]> connect) {
            this.connect = connect;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Supplier<MessageHandler> relay;
    private final Supplier<MessageChannel> clientOutbound;
    private final BooleanSupplier brokerAvailable;

    LazyRelayConnections(
            Supplier<MessageHandler> relay, Supplier<MessageChannel> clientOutbound, BooleanSupplier brokerAvailable) {
        this.relay = relay;
        this.clientOutbound = clientOutbound;
        this.brokerAvailable = brokerAvailable;
    }

    /**
     * Remembers the (already authenticated) CONNECT and answers it as RabbitMQ would (its {@code
     * server} value, a broker-style {@code session} name, the negotiated heart-beats, which this
     * gateway then keeps); false if the broker is away.
     */
    boolean connect(StompHeaderAccessor frame, Message<?> message, String server, ClientHeartbeats.Negotiated beats) {
        if (!brokerAvailable.getAsBoolean()) {
            return false;
        }
        StompHeaderAccessor copy = StompHeaderAccessor.wrap(message);
        // the later broker connection is this gateway's business: no heart-beats on it (the client's
        // are kept by ClientHeartbeats), and its CONNECTED is never passed on
        copy.setHeartbeat(0, 0);
        sessions.put(
                frame.getSessionId(), new Session(MessageBuilder.createMessage(new byte[0], copy.getMessageHeaders())));
        StompHeaderAccessor connected = StompHeaderAccessor.create(StompCommand.CONNECTED);
        connected.setSessionId(frame.getSessionId());
        connected.setNativeHeader("server", server);
        connected.setNativeHeader("session", sessionName());
        connected.setHeartbeat(beats.send(), beats.receive());
        connected.setVersion("1.2");
        connected.setLeaveMutable(true);
        clientOutbound.get().send(MessageBuilder.createMessage(new byte[0], connected.getMessageHeaders()));
        return true;
    }

    /** Like RabbitMQ's: "session-" and 16 random bytes, URL-safe base64. */
    private static String sessionName() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "session-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * A frame for the relay: returned to go on now, or null when it waits for (or, for a DISCONNECT
     * of a session that never needed the broker, has no) broker connection.
     */
    Message<?> toRelay(StompHeaderAccessor frame, Message<?> message) {
        Session session = sessions.get(frame.getSessionId());
        if (session == null) {
            return message;
        }
        boolean start = false;
        synchronized (session) {
            switch (session.state) {
                case CONNECTED -> {
                    return message;
                }
                case CONNECTING -> {
                    session.waiting.add(message);
                    return null;
                }
                case CLOSED -> {
                    return null;
                }
                case NONE -> {
                    if (frame.getCommand() == StompCommand.DISCONNECT) {
                        return null;
                    }
                    session.state = State.CONNECTING;
                    session.waiting.add(message);
                    start = true;
                }
            }
        }
        if (start) {
            relay.get().handleMessage(session.connect);
        }
        return null;
    }

    /** The relay's CONNECTED for a session: true if it was one of ours (then it is not passed on). */
    boolean relayConnected(String sessionId) {
        Session session = sessionId == null ? null : sessions.get(sessionId);
        if (session == null) {
            return false;
        }
        List<Message<?>> flush;
        synchronized (session) {
            if (session.state == State.CLOSED) {
                sessions.remove(sessionId);
                StompHeaderAccessor disconnect = StompHeaderAccessor.create(StompCommand.DISCONNECT);
                disconnect.setSessionId(sessionId);
                relay.get().handleMessage(MessageBuilder.createMessage(new byte[0], disconnect.getMessageHeaders()));
                return true;
            }
            if (session.state != State.CONNECTING) {
                return false;
            }
            session.state = State.CONNECTED;
            flush = List.copyOf(session.waiting);
            session.waiting.clear();
        }
        flush.forEach(relay.get()::handleMessage);
        return true;
    }

    /** Whether the session has no broker connection (its DISCONNECT receipt is then ours to send). */
    boolean withoutBroker(String sessionId) {
        Session session = sessions.get(sessionId);
        return session != null && session.state == State.NONE;
    }

    void closed(String sessionId) {
        Session session = sessions.get(sessionId);
        if (session == null) {
            return;
        }
        synchronized (session) {
            if (session.state == State.CONNECTING) {
                session.state = State.CLOSED;
                session.waiting.clear();
            } else {
                sessions.remove(sessionId);
            }
        }
    }
}
