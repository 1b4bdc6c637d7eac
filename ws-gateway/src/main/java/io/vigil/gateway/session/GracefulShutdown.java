package io.vigil.gateway.session;

import io.vigil.gateway.config.GatewayProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketSession;

/**
 * On shutdown, before the web server and the relay stop: refuse new CONNECTs, tell every client to
 * reconnect elsewhere (an ERROR frame with a {@code retry-after-ms} hint) and wait, bounded, for
 * the sessions to drain.
 */
@Component
class GracefulShutdown {

    private static final Logger log = LoggerFactory.getLogger(GracefulShutdown.class);

    private final SessionRegistry registry;
    private final GatewayProperties.WebSocket config;

    GracefulShutdown(SessionRegistry registry, GatewayProperties properties) {
        this.registry = registry;
        this.config = properties.websocket();
    }

    @EventListener(ContextClosedEvent.class)
    void onClose() {
        registry.startShutdown();
        List<WebSocketSession> open = List.copyOf(registry.sessions());
        if (open.isEmpty()) {
            return;
        }
        log.info("Shutting down: telling {} sessions to reconnect elsewhere", open.size());
        Map<String, String> hint = Map.of(
                "retry-after-ms", Long.toString(config.shutdownRetryHint().toMillis()));
        for (WebSocketSession session : open) {
            registry.closeWithError(session.getId(), "Gateway shutting down: reconnect (to another instance)", hint);
        }
        long deadline = System.nanoTime() + config.shutdownDrain().toNanos();
        while (registry.size() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(Duration.ofMillis(50)); // bounded drain wait in production code, not a test
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        log.info("Shutdown drain finished with {} sessions still open", registry.size());
    }
}
