package io.vigil.gateway.config;

import io.vigil.gateway.delivery.EncodedTextSession;
import io.vigil.gateway.session.SessionRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.SubscribableChannel;
import org.springframework.messaging.support.AbstractSubscribableChannel;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.DelegatingWebSocketMessageBrokerConfiguration;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.messaging.SubProtocolWebSocketHandler;

/**
 * Spring's STOMP message broker configuration (what {@code @EnableWebSocketMessageBroker} imports),
 * with two changes.
 *
 * <p>A session closed because of an ERROR frame first flushes what is still queued. Why: Spring's STOMP handler queues the ERROR frame and closes the session right away. If
 * another thread (the relay sending CONNECTED, say) still held the session's send lock at that
 * moment, the ERROR stayed in the queue and the close discarded it, so the client saw a bare close
 * instead of the reason. Seen under load when a client sends a forbidden frame right after
 * CONNECTED.
 *
 * <p>The STOMP handler takes partial WebSocket messages, so Tomcat's per-session message buffers
 * can be small ({@link WebSocketConfig#webSocketContainer}); Spring's STOMP decoder already
 * assembles frames from chunks (Tomcat's UTF-8 decoder never ends a chunk inside a surrogate pair:
 * {@code CommandsAndApiIT} sends emoji across chunk boundaries) and enforces the frame limit.
 */
@Configuration(proxyBeanMethods = false)
class BrokerConfiguration extends DelegatingWebSocketMessageBrokerConfiguration {

    @Bean
    @Override
    public WebSocketHandler subProtocolWebSocketHandler(
            AbstractSubscribableChannel clientInboundChannel, AbstractSubscribableChannel clientOutboundChannel) {
        SubProtocolWebSocketHandler handler = new ErrorFlushingHandler(clientInboundChannel, clientOutboundChannel);
        handler.setPhase(getPhase());
        return handler;
    }

    private static final class ErrorFlushingHandler extends SubProtocolWebSocketHandler {

        ErrorFlushingHandler(MessageChannel clientInboundChannel, SubscribableChannel clientOutboundChannel) {
            super(clientInboundChannel, clientOutboundChannel);
        }

        @Override
        public boolean supportsPartialMessages() {
            return true;
        }

        @Override
        protected WebSocketSession decorateSession(WebSocketSession session) {
            WebSocketSession decorated = new ErrorFlushingSession(
                    new EncodedTextSession(session), getSendTimeLimit(), getSendBufferSizeLimit());
            // shared delivery sends pre-encoded frames on it directly, with the same limits
            session.getAttributes().put(SessionRegistry.OUTBOUND, decorated);
            return decorated;
        }
    }

    private static final class ErrorFlushingSession extends ConcurrentWebSocketSessionDecorator {

        /** A STOMP heart-beat (an empty line): harmless to clients, and sending it flushes the queue. */
        private static final TextMessage NUDGE = new TextMessage("\n".getBytes(StandardCharsets.UTF_8));

        private static final long FLUSH_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

        ErrorFlushingSession(WebSocketSession delegate, int sendTimeLimit, int bufferSizeLimit) {
            super(delegate, sendTimeLimit, bufferSizeLimit);
        }

        /**
         * Left as configured: Spring's STOMP handler raises every session's text message buffer to
         * 16 KiB + 256 chars, for containers that deliver whole messages only. This handler takes
         * partial messages, so the buffer is just the chunk size; raised, it would cost 33 KB of
         * heap per session.
         */
        @Override
        public void setTextMessageSizeLimit(int messageSizeLimit) {}

        @Override
        public void close(CloseStatus status) throws IOException {
            if (CloseStatus.PROTOCOL_ERROR.equals(status)) {
                long deadline = System.nanoTime() + FLUSH_WAIT_NANOS;
                while (getBufferSize() > 0 && isOpen() && System.nanoTime() < deadline) {
                    sendMessage(NUDGE);
                    if (getBufferSize() > 0) {
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
                    }
                }
            }
            super.close(status);
        }
    }
}
