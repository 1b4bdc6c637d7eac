package io.vigil.gateway.security;

/**
 * A frame the gateway refuses. Its message becomes the {@code message} header of the STOMP ERROR
 * frame the client gets before the connection closes.
 */
public class StompRefusal extends RuntimeException {

    public StompRefusal(String message) {
        super(message, null, false, false);
    }
}
