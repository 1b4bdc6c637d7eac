package io.vigil.gateway.delivery;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.tomcat.websocket.EncodedTextSender;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * The innermost session decorator: sends an {@link EncodedText} as it is (its bytes straight to
 * Tomcat, {@link EncodedTextSender}) and every other message as Spring would. It sits below the
 * session's {@code ConcurrentWebSocketSessionDecorator}, so encoded frames share the send lock,
 * buffer and time limits with everything else sent to the session.
 */
public final class EncodedTextSession extends WebSocketSessionDecorator {

    private volatile RemoteEndpoint.Basic tomcat;
    private volatile boolean resolved;

    public EncodedTextSession(WebSocketSession delegate) {
        super(delegate);
    }

    @Override
    public void sendMessage(WebSocketMessage<?> message) throws IOException {
        if (!(message instanceof EncodedText encoded)) {
            super.sendMessage(message);
            return;
        }
        RemoteEndpoint.Basic remote = remote();
        if (remote != null) {
            EncodedTextSender.send(remote, ByteBuffer.wrap(encoded.getPayload()));
        } else {
            super.sendMessage(new TextMessage(encoded.getPayload()));
        }
    }

    /** Tomcat's remote endpoint of this session, or null on another container. */
    private RemoteEndpoint.Basic remote() {
        if (!resolved) {
            WebSocketSession inner = WebSocketSessionDecorator.unwrap(getDelegate());
            Session nativeSession =
                    inner instanceof NativeWebSocketSession n ? n.getNativeSession(Session.class) : null;
            RemoteEndpoint.Basic basic = nativeSession == null ? null : nativeSession.getBasicRemote();
            tomcat = basic != null && EncodedTextSender.supports(basic) ? basic : null;
            resolved = true;
        }
        return tomcat;
    }
}
