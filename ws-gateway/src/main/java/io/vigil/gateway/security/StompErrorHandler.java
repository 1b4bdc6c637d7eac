package io.vigil.gateway.security;

import java.nio.charset.StandardCharsets;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompConversionException;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.StompSubProtocolErrorHandler;

/**
 * Turns every refused or failed client frame into an ERROR frame whose {@code message} header says
 * why (Spring's default would be "Failed to send message to ExecutorSubscribableChannel"). The
 * STOMP handler closes the connection after it.
 */
@Component
public class StompErrorHandler extends StompSubProtocolErrorHandler {

    @Override
    public Message<byte[]> handleClientMessageProcessingError(Message<byte[]> clientMessage, Throwable ex) {
        String reason = reason(ex);
        StompHeaderAccessor accessor = StompHeaderAccessor.create(StompCommand.ERROR);
        accessor.setMessage(reason);
        accessor.setLeaveMutable(true);
        StompHeaderAccessor client = clientMessage == null
                ? null
                : MessageHeaderAccessor.getAccessor(clientMessage, StompHeaderAccessor.class);
        return handleInternal(accessor, reason.getBytes(StandardCharsets.UTF_8), ex, client);
    }

    static String reason(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof StompRefusal) {
                return t.getMessage();
            }
            if (t instanceof AccessDeniedException) {
                return "Forbidden: access denied";
            }
            if (t instanceof StompConversionException
                    && t.getMessage() != null
                    // "... limit of N bytes has been exceeded", or a content-length that "exceeds" it
                    && t.getMessage().contains("exceed")) {
                return "Frame too large: " + t.getMessage();
            }
        }
        Throwable root = ex;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return "Refused: " + (root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage());
    }
}
