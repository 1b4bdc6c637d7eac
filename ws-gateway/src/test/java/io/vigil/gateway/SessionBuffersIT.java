package io.vigil.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.gateway.session.SessionRegistry;
import jakarta.websocket.Session;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * Tomcat's per-session buffers keep the sizes chosen for memory per session (config/TomcatBuffers,
 * WebSocketConfig#webSocketContainer) once a session is in use: Spring's STOMP handler would
 * otherwise raise the text message buffer to 16 KiB + 256 chars (33 KB) on every session.
 * Frames larger than these buffers are covered by CommandsAndApiIT and SecurityIT.
 */
class SessionBuffersIT extends GatewayItBase {

    @Autowired
    SessionRegistry sessions;

    @Autowired
    WebServerApplicationContext context;

    @Test
    void sessionsKeepSmallContainerBuffers() {
        String tenant = It.tenant();
        StompTestClient client = connect(It.token("buffers", tenant, "viewer"));
        client.subscribeConfirmed("/topic/" + tenant + ".scores");

        assertThat(sessions.sessions())
                .isNotEmpty()
                .map(SessionBuffersIT::nativeSession)
                .allSatisfy(session -> {
                    assertThat(session.getMaxTextMessageBufferSize()).isEqualTo(1024);
                    assertThat(session.getMaxBinaryMessageBufferSize()).isEqualTo(1024);
                });
        assertThat(System.getProperty("org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE"))
                .isEqualTo("2048");
        Connector connector =
                ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();
        assertThat(connector.getProperty("socket.appReadBufSize")).hasToString("2048");
        assertThat(connector.getProperty("socket.appWriteBufSize")).hasToString("2048");
        // sessions per instance: Tomcat's default (8192) would refuse the 8,193rd
        assertThat(connector.getProperty("maxConnections")).hasToString("20000");
        client.disconnect();
    }

    private static Session nativeSession(WebSocketSession session) {
        return ((NativeWebSocketSession) WebSocketSessionDecorator.unwrap(session)).getNativeSession(Session.class);
    }
}
