package io.vigil.gateway.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.gateway.session.SessionRegistry;
import io.vigil.gateway.stream.SharedSubscriptionHealth;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.messaging.simp.broker.AbstractBrokerMessageHandler;
import org.springframework.stereotype.Component;

/**
 * Health indicator {@code relay} (part of the readiness group: the gateway is not ready while the
 * broker relay has no system connection to RabbitMQ, or, in shared delivery mode, while the shared
 * subscriptions do not consume) and the session, subscription and relay
 * gauges.
 */
@Component("relay")
class RelayHealth implements HealthIndicator {

    private final AbstractBrokerMessageHandler relay;
    private final SharedSubscriptionHealth shared;

    /**
     * @param brokers the broker handlers that exist: the relay, or, in the benchmark baseline profile
     *     {@code simple-broker}, Spring's in-memory broker (the other bean is null and left out)
     */
    RelayHealth(
            Map<String, AbstractBrokerMessageHandler> brokers,
            ObjectProvider<SharedSubscriptionHealth> shared,
            SessionRegistry sessions,
            MeterRegistry meters) {
        this.relay = brokers.containsKey("stompBrokerRelayMessageHandler")
                ? brokers.get("stompBrokerRelayMessageHandler")
                : brokers.get("simpleBrokerMessageHandler");
        this.shared = shared.getIfAvailable(() -> () -> true);
        Gauge.builder("vigil.relay.available", relay, r -> r.isBrokerAvailable() ? 1 : 0)
                .description("1 while the STOMP broker relay is connected to RabbitMQ")
                .register(meters);
        Gauge.builder("vigil.stomp.sessions", sessions, SessionRegistry::size)
                .description("Open WebSocket sessions on this instance")
                .register(meters);
        Gauge.builder(
                        "vigil.stomp.subscriptions",
                        sessions,
                        s -> s.sessions().stream()
                                .mapToInt(ws -> io.vigil.gateway.session.GatewaySession.of(ws.getAttributes())
                                        .map(io.vigil.gateway.session.GatewaySession::subscriptionCount)
                                        .orElse(0))
                                .sum())
                .description("Client subscriptions on this instance")
                .register(meters);
    }

    @Override
    public Health health() {
        if (!relay.isBrokerAvailable()) {
            return Health.down()
                    .withDetail("broker", "STOMP relay not connected to RabbitMQ")
                    .build();
        }
        if (!shared.consuming()) {
            return Health.down()
                    .withDetail("broker", "connected")
                    .withDetail("shared", "shared subscriptions not consuming from RabbitMQ")
                    .build();
        }
        return Health.up().withDetail("broker", "connected").build();
    }
}
