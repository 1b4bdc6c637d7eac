package org.apache.tomcat.websocket;

import jakarta.websocket.RemoteEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Sends a WebSocket text message whose UTF-8 bytes are already made, on Tomcat's blocking remote
 * endpoint: the step of {@code sendText(String)} after its encoding, with the same frame header,
 * send timeout, locking and statistics.
 *
 * <p>Why it lives in Tomcat's package: the shared delivery mode sends the same MESSAGE frame to
 * many sessions, and {@code sendText(String)} encodes it again for each of them, through a
 * {@code CharBuffer} over the string that the JDK's encoder can only walk char by char (2.8 µs per
 * 1.3 KB frame, more than the rest of the send). The standard API has no way to send text bytes;
 * Tomcat's own next step, {@code sendMessageBlock(byte, ByteBuffer, boolean)}, is package-private.
 * Only {@code io.vigil.gateway.delivery.EncodedTextSession} calls this, and it falls back to
 * {@code sendText} when the session is not Tomcat's.
 */
public final class EncodedTextSender {

    private EncodedTextSender() {}

    /** Whether {@code remote} is Tomcat's, so {@link #send} can be used on it. */
    public static boolean supports(RemoteEndpoint.Basic remote) {
        return remote instanceof WsRemoteEndpointBase;
    }

    /**
     * Sends {@code utf8} (a whole, valid UTF-8 text message) as one text message. The caller
     * serialises sends on the session, as for any blocking send.
     */
    public static void send(RemoteEndpoint.Basic remote, ByteBuffer utf8) throws IOException {
        ((WsRemoteEndpointBase) remote).base.sendMessageBlock(Constants.OPCODE_TEXT, utf8, true);
    }
}
