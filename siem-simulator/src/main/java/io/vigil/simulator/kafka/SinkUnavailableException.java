package io.vigil.simulator.kafka;

/** Kafka cannot be used as configured; the message says why and what to do about it. */
public final class SinkUnavailableException extends RuntimeException {

    public SinkUnavailableException(String message) {
        super(message);
    }
}
