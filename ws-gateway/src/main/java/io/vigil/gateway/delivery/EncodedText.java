package io.vigil.gateway.delivery;

import java.nio.charset.StandardCharsets;
import org.springframework.web.socket.WebSocketMessage;

/**
 * A text message (a whole STOMP frame) already encoded as UTF-8, made once and sent to every local
 * subscriber that shares its subscription id ({@link SharedFrame}). Only
 * {@link EncodedTextSession} knows how to send it; on the wire it is an ordinary text message.
 */
public final class EncodedText implements WebSocketMessage<byte[]> {

    private final byte[] utf8;

    EncodedText(String text) {
        this.utf8 = text.getBytes(StandardCharsets.UTF_8);
    }

    /** The bytes; never modified (shared by every session it is sent to). */
    @Override
    public byte[] getPayload() {
        return utf8;
    }

    @Override
    public int getPayloadLength() {
        return utf8.length;
    }

    @Override
    public boolean isLast() {
        return true;
    }

    /** The text again (tests, diagnostics). */
    String text() {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "EncodedText[" + utf8.length + " bytes]";
    }
}
