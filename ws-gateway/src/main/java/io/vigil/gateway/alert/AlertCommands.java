package io.vigil.gateway.alert;

import io.vigil.contracts.alert.AlertAction;
import io.vigil.contracts.alert.AlertCommand;
import io.vigil.contracts.topic.VigilSerdes;
import io.vigil.gateway.config.GatewayProperties;
import io.vigil.gateway.security.AlertIds;
import io.vigil.gateway.security.GatewayUser;
import io.vigil.gateway.state.StateStore;
import io.vigil.gateway.stream.Kind;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes analysts' acknowledge and resolve commands to {@code alert.commands} (key: alert id), for
 * both STOMP and REST. Only well-formed ids ({@link AlertIds}) of alerts of the analyst's own tenant
 * that are still open or acknowledged are accepted; the write is awaited, so "accepted" means Kafka has it.
 */
@Component
public class AlertCommands implements DisposableBean {

    private static final long SEND_TIMEOUT_SECONDS = 5;

    private final DefaultKafkaProducerFactory<String, AlertCommand> producers;
    private final KafkaTemplate<String, AlertCommand> kafka;
    private final StateStore state;
    private final String topic;

    AlertCommands(KafkaProperties kafkaProperties, StateStore state, GatewayProperties properties) {
        Map<String, Object> config = kafkaProperties.buildProducerProperties();
        // plain JSON of the contract record, no type headers (VigilSerdes)
        this.producers = new DefaultKafkaProducerFactory<>(
                config, new StringSerializer(), VigilSerdes.alertCommand().serializer());
        this.kafka = new KafkaTemplate<>(producers);
        this.state = state;
        this.topic = properties.topics().alertCommands();
    }

    @Override
    public void destroy() {
        producers.destroy();
    }

    public AlertReply submit(GatewayUser user, String alertId, AlertAction action, String note) {
        String commandId = UUID.randomUUID().toString();
        String actionId = action.name().toLowerCase(java.util.Locale.ROOT);
        var refusal = AlertIds.refusal(user, alertId);
        if (refusal.isPresent()) {
            return new AlertReply(commandId, alertId, actionId, false, refusal.get());
        }
        if (state.get(user.tenant(), Kind.ALERTS, alertId).isEmpty()) {
            return new AlertReply(
                    commandId,
                    alertId,
                    actionId,
                    false,
                    "Unknown alert '" + alertId + "' for tenant '" + user.tenant() + "' (or already resolved)");
        }
        AlertCommand command =
                new AlertCommand(commandId, alertId, user.tenant(), action, user.name(), Instant.now(), note);
        try {
            kafka.send(topic, alertId, command).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return new AlertReply(commandId, alertId, actionId, false, "Command not stored, try again: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new AlertReply(commandId, alertId, actionId, false, "Command not stored: interrupted");
        }
        return new AlertReply(
                commandId,
                alertId,
                actionId,
                true,
                "Accepted; the new state follows on /topic/" + user.tenant() + ".alerts");
    }
}
