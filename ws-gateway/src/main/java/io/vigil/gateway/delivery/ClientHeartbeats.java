package io.vigil.gateway.delivery;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Supplier;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.scheduling.TaskScheduler;

/**
 * STOMP heart-beats of the sessions whose CONNECT the gateway answers itself (lazy relay
 * connection): what RabbitMQ does for a relayed session, done here, so that clients cannot tell the
 * modes apart. As in Spring's {@code SimpleBrokerMessageHandler}, one task on the shared broker
 * {@link TaskScheduler} checks every session: a heart-beat (an EOL) to a session that had no
 * outgoing frame for its send interval, and a close for one that sent nothing for {@value
 * #TOLERANCE} times its receive interval.
 */
final class ClientHeartbeats {

    /** Missed client heart-beats tolerated before closing; Spring's simple broker allows as many. */
    static final int TOLERANCE = 3;

    /** The relay's ERROR when RabbitMQ closes a session that stopped sending heart-beats. */
    static final String CLOSED = "Connection to broker closed.";

    private static final Duration TICK = Duration.ofMillis(250);
    private static final byte[] EMPTY = new byte[0];

    /** Negotiated intervals in milliseconds, 0 for none: server to client, client to server. */
    record Negotiated(long send, long receive) {

        /**
         * What RabbitMQ's STOMP plugin answers to the client's {@code heart-beat:cx,cy} (measured):
         * it sends every cy and expects every cx, each in whole seconds (below one second: one).
         */
        static Negotiated of(long[] client) {
            return new Negotiated(whole(client[1]), whole(client[0]));
        }

        private static long whole(long millis) {
            return millis <= 0 ? 0 : Math.max(1, millis / 1000) * 1000;
        }

        String header() {
            return send + "," + receive;
        }
    }

    private static final class Beat {
        final Negotiated negotiated;
        volatile long lastRead;
        volatile long lastWrite;

        Beat(Negotiated negotiated, long now) {
            this.negotiated = negotiated;
            this.lastRead = now;
            this.lastWrite = now;
        }
    }

    private final Map<String, Beat> sessions = new ConcurrentHashMap<>();
    private final Supplier<MessageChannel> clientOutbound;
    private volatile ScheduledFuture<?> task;

    ClientHeartbeats(Supplier<MessageChannel> clientOutbound) {
        this.clientOutbound = clientOutbound;
    }

    void start(TaskScheduler scheduler) {
        task = scheduler.scheduleWithFixedDelay(this::check, TICK);
    }

    void stop() {
        ScheduledFuture<?> running = task;
        if (running != null) {
            running.cancel(false);
        }
    }

    /** Starts watching a session whose CONNECTED (with {@code negotiated.header()}) is on its way. */
    void connected(String sessionId, Negotiated negotiated) {
        if (negotiated.send() > 0 || negotiated.receive() > 0) {
            sessions.put(sessionId, new Beat(negotiated, System.nanoTime()));
        }
    }

    /** Any frame or heart-beat from the client. */
    void read(String sessionId) {
        Beat beat = sessionId == null ? null : sessions.get(sessionId);
        if (beat != null) {
            beat.lastRead = System.nanoTime();
        }
    }

    /** Any frame sent to the client. */
    void wrote(String sessionId) {
        Beat beat = sessionId == null ? null : sessions.get(sessionId);
        if (beat != null) {
            beat.lastWrite = System.nanoTime();
        }
    }

    void closed(String sessionId) {
        sessions.remove(sessionId);
    }

    private void check() {
        long now = System.nanoTime();
        long tick = TICK.toMillis();
        sessions.forEach((sessionId, beat) -> {
            // in milliseconds: the negotiated values may be huge, nanoseconds would overflow
            long receive = beat.negotiated.receive();
            if (receive > 0 && (now - beat.lastRead) / 1_000_000 > TOLERANCE * receive) {
                sessions.remove(sessionId);
                send(StompHeaderAccessor.create(StompCommand.ERROR), sessionId, true);
                return;
            }
            long send = beat.negotiated.send();
            // a tick early rather than late: the client may expect one at least every send interval
            if (send > 0 && (now - beat.lastWrite) / 1_000_000 >= send - tick) {
                beat.lastWrite = now;
                send(SimpMessageHeaderAccessor.create(SimpMessageType.HEARTBEAT), sessionId, false);
            }
        });
    }

    private void send(SimpMessageHeaderAccessor accessor, String sessionId, boolean error) {
        accessor.setSessionId(sessionId);
        if (error) {
            // the STOMP handler closes the session after an ERROR frame, as after the relay's
            ((StompHeaderAccessor) accessor).setMessage(CLOSED);
        }
        accessor.setLeaveMutable(true);
        try {
            clientOutbound.get().send(MessageBuilder.createMessage(EMPTY, accessor.getMessageHeaders()));
        } catch (RuntimeException e) {
            // the session is going away; its close removes it here
        }
    }
}
