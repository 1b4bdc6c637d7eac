package io.vigil.gateway.delivery;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * One session's bounded outbound buffer for shared subscriptions. The consumer thread only
 * enqueues (never blocks on a socket); a drain task sends in order through the session's
 * {@code ConcurrentWebSocketSessionDecorator}, so Spring's send time and buffer limits still apply.
 * The lock guards the queue only and is never held while sending.
 *
 * <p>For conflated kinds, once at least {@code conflateAbove} frames wait (the session is lagging),
 * a frame whose key still has an unsent frame in the buffer replaces the newest such frame in place
 * (latest value per key, per-key order kept); below that, every frame is sent, as with the relay. A session whose buffer is full, or
 * whose oldest unsent frame waited longer than the allowed lag, is hopelessly behind: its buffer is
 * dropped, and the ERROR frame given to {@link #finish} is sent after what is already on its way,
 * then the session is closed.
 */
final class SessionOutbox {

    /** What became of an offered frame. */
    enum Offer {
        QUEUED,
        CONFLATED,
        OVERFLOW,
        CLOSED
    }

    private record SlotKey(String subscriptionId, String key) {}

    private static final class Slot {
        SharedFrame frame;
        EncodedText text;
        final SlotKey key;

        Slot(SharedFrame frame, EncodedText text, SlotKey key) {
            this.frame = frame;
            this.text = text;
            this.key = key;
        }
    }

    private final WebSocketSession session;
    private final Executor drainer;
    private final DeliveryMetrics metrics;
    private final Consumer<String> sent;
    private final int capacity;
    private final int conflateAbove;
    private final long maxLagNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Slot> queue = new ArrayDeque<>();
    private final Map<SlotKey, Slot> unsent = new HashMap<>();
    private boolean draining;
    private boolean accepting = true;
    private boolean gone;
    private TextMessage last;
    private int dropped;

    SessionOutbox(
            WebSocketSession session,
            Executor drainer,
            DeliveryMetrics metrics,
            Consumer<String> sent,
            int capacity,
            int conflateAbove,
            long maxLagNanos) {
        this.session = session;
        this.drainer = drainer;
        this.metrics = metrics;
        this.sent = sent;
        this.capacity = capacity;
        this.conflateAbove = conflateAbove;
        this.maxLagNanos = maxLagNanos;
    }

    String sessionId() {
        return session.getId();
    }

    Offer offer(SharedFrame frame, String subscriptionId, boolean conflate) {
        EncodedText text = frame.forSubscription(subscriptionId);
        SlotKey key = conflate && frame.key() != null ? new SlotKey(subscriptionId, frame.key()) : null;
        lock.lock();
        try {
            if (!accepting) {
                return Offer.CLOSED;
            }
            if (key != null && queue.size() >= conflateAbove) {
                Slot waiting = unsent.get(key);
                if (waiting != null) {
                    if (frame.supersedes(waiting.frame)) {
                        waiting.frame = frame;
                        waiting.text = text;
                    }
                    return Offer.CONFLATED;
                }
            }
            Slot oldest = queue.peekFirst();
            if (queue.size() >= capacity
                    || (oldest != null && frame.createdNanos() - oldest.frame.createdNanos() > maxLagNanos)) {
                accepting = false;
                dropped = queue.size() + 1;
                queue.clear();
                unsent.clear();
                return Offer.OVERFLOW;
            }
            Slot slot = new Slot(frame, text, key);
            queue.addLast(slot);
            if (key != null) {
                unsent.put(key, slot);
            }
        } finally {
            lock.unlock();
        }
        startDrain();
        return Offer.QUEUED;
    }

    /** Frames dropped when the session overflowed. */
    int dropped() {
        return dropped;
    }

    /** After an overflow: sends {@code error} once what is already being sent is out, then closes. */
    void finish(TextMessage error) {
        lock.lock();
        try {
            last = error;
        } finally {
            lock.unlock();
        }
        startDrain();
    }

    /** Closes the session if it is still open (it never took its ERROR frame). */
    void forceClose() {
        if (session.isOpen()) {
            closeSession(CloseStatus.SESSION_NOT_RELIABLE);
        }
    }

    /** Stops delivery: the session is closed. */
    void close() {
        lock.lock();
        try {
            accepting = false;
            gone = true;
            queue.clear();
            unsent.clear();
        } finally {
            lock.unlock();
        }
    }

    private void startDrain() {
        lock.lock();
        try {
            if (draining || gone) {
                return;
            }
            draining = true;
        } finally {
            lock.unlock();
        }
        drainer.execute(this::drain);
    }

    private void drain() {
        while (true) {
            WebSocketMessage<?> next;
            boolean closing = false;
            lock.lock();
            try {
                Slot slot = gone ? null : queue.pollFirst();
                if (slot != null) {
                    if (slot.key != null) {
                        unsent.remove(slot.key, slot);
                    }
                    next = slot.text;
                } else if (last != null && !gone) {
                    next = last;
                    last = null;
                    closing = true;
                } else {
                    draining = false;
                    return;
                }
            } finally {
                lock.unlock();
            }
            try {
                session.sendMessage(next);
                metrics.sent();
                sent.accept(session.getId()); // no heart-beat needed for a while
            } catch (Exception e) {
                // closed socket, or Spring's send limits exceeded (it closes the session itself)
                close();
                return;
            }
            if (closing) {
                closeSession(CloseStatus.PROTOCOL_ERROR);
            }
        }
    }

    private void closeSession(CloseStatus status) {
        close();
        try {
            session.close(status);
        } catch (Exception e) {
            // already closed
        }
    }
}
