package io.vigil.gateway.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.gateway.session.SessionRegistry;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.messaging.simp.broker.AbstractBrokerMessageHandler;
import org.springframework.stereotype.Component;

/**
 * Health indicator {@code relay} (part of the readiness group: the gateway is not ready while the
 * broker relay has no system connection to RabbitMQ) and the session, subscription and relay
 * gauges.
 */
@Component("relay")
class RelayHealth implements HealthIndicator {

    private final AbstractBrokerMessageHandler relay;

    RelayHealth(
            @Qualifier("stompBrokerRelayMessageHandler") AbstractBrokerMessageHandler relay,
            SessionRegistry sessions,
            MeterRegistry meters) {
        this.relay = relay;
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
        return relay.isBrokerAvailable()
                ? Health.up().withDetail("broker", "connected").build()
                : Health.down()
                        .withDetail("broker", "STOMP relay not connected to RabbitMQ")
                        .build();
    }
}
