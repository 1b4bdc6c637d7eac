package io.vigil.gateway.stream;

import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of live tenant stream a client can follow: {@code /topic/<tenant>.<kind>}. Event
 * streams (anomalies, alerts) keep a bounded history for resume; state streams (scores, metrics)
 * are recovered with a fresh snapshot.
 */
public enum Kind {
    SCORES(false),
    METRICS(false),
    ANOMALIES(true),
    ALERTS(true),
    PRESENCE(false);

    private final boolean eventStream;

    Kind(boolean eventStream) {
        this.eventStream = eventStream;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean eventStream() {
        return eventStream;
    }

    /** True for the kinds fed from Kafka (and so kept in Redis). */
    public boolean bridged() {
        return this != PRESENCE;
    }

    public static Optional<Kind> fromId(String id) {
        for (Kind kind : values()) {
            if (kind.id().equals(id)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
