package io.vigil.gateway.delivery;

import java.util.HashMap;
import java.util.Map;

/**
 * One broker message, encoded once as a STOMP MESSAGE frame for every local subscriber: only the
 * {@code subscription} header (and the {@code message-id}, which names it) differs between
 * sessions, so the text is built once per distinct subscription id (clients number their
 * subscriptions alike: {@code sub-0}, {@code sub-1}, ...), encoded to UTF-8 once, and the same
 * {@link EncodedText} is sent to every session that uses that id.
 *
 * <p>Not thread-safe: built and specialised on the broker consumer's thread only.
 */
final class SharedFrame {

    private static final String START = "MESSAGE\nsubscription:";

    private final String destinationPart;
    private final String tail;
    private final String key;
    private final long version;
    private final boolean removal;
    private final long createdNanos;
    private final Map<String, EncodedText> bySubscription = new HashMap<>(4);

    /**
     * @param destinationPart {@code \ndestination:<d>\nmessage-id:T_} (escaped)
     * @param tail {@code @@<instance>@@<n>\n<headers>\n\n<body>\0}
     */
    SharedFrame(String destinationPart, String tail, String key, long version, boolean removal) {
        this.destinationPart = destinationPart;
        this.tail = tail;
        this.key = key;
        this.version = version;
        this.removal = removal;
        this.createdNanos = System.nanoTime();
    }

    EncodedText forSubscription(String subscriptionId) {
        EncodedText text = bySubscription.get(subscriptionId);
        if (text == null) {
            String id = StompText.escape(subscriptionId);
            StringBuilder frame =
                    new StringBuilder(START.length() + destinationPart.length() + tail.length() + 2 * id.length());
            frame.append(START).append(id).append(destinationPart).append(id).append(tail);
            text = new EncodedText(frame.toString());
            bySubscription.put(subscriptionId, text);
        }
        return text;
    }

    /** The {@code vigil-key} header; null for messages without one (presence). */
    String key() {
        return key;
    }

    long createdNanos() {
        return createdNanos;
    }

    /**
     * Whether this frame may replace {@code older} (same key, not yet sent) for a lagging session:
     * a removal always wins; otherwise the version must not go backwards (a redelivered older
     * record never replaces a newer one).
     */
    boolean supersedes(SharedFrame older) {
        return removal || version >= older.version;
    }
}
