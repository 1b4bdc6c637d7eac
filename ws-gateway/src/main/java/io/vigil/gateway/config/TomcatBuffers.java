package io.vigil.gateway.config;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat's per-connection buffers, sized for what a STOMP session holds: mostly idle, small
 * inbound command frames, outbound frames of a kilobyte or two.
 *
 * <p>Why: an upgraded WebSocket connection keeps every buffer Tomcat gave it for as long as it is
 * open, whether it ever uses it. With the defaults that is 8 KiB each for the socket's read and
 * write buffers and for the WebSocket frame input, output and encoder buffers: 40 KiB per session,
 * most of the gateway's memory per session (docs/benchmarks.md). Smaller buffers cost nothing for
 * small frames; a larger frame is read or written in more steps (an outbound message larger than
 * the WebSocket buffer is sent as continuation frames, which every client reassembles).
 */
@Configuration(proxyBeanMethods = false)
class TomcatBuffers {

    /** Tomcat's WebSocket buffer size (frame input, output and encoder buffers), bytes. */
    static final String WEBSOCKET_BUFFER_PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

    static final int WEBSOCKET_BUFFER_BYTES = 2048;

    static final int SOCKET_BUFFER_BYTES = 2048;

    @Bean
    TomcatConnectorCustomizer sessionSizedSocketBuffers() {
        // Tomcat reads this system property once, when its WebSocket container starts, which is
        // after the connector customizers run: the only hook it offers. An operator's -D wins. It is
        // JVM-wide: a Tomcat WebSocket client in the same JVM (the ITs' clients) takes it as its
        // default message size limit unless it sets its own.
        if (System.getProperty(WEBSOCKET_BUFFER_PROPERTY) == null) {
            System.setProperty(WEBSOCKET_BUFFER_PROPERTY, Integer.toString(WEBSOCKET_BUFFER_BYTES));
        }
        return connector -> {
            connector.setProperty("socket.appReadBufSize", Integer.toString(SOCKET_BUFFER_BYTES));
            connector.setProperty("socket.appWriteBufSize", Integer.toString(SOCKET_BUFFER_BYTES));
        };
    }
}
