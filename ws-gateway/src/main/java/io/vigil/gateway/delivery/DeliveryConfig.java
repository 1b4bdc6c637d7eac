package io.vigil.gateway.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.gateway.config.GatewayProperties;
import io.vigil.gateway.session.SessionRegistry;
import io.vigil.gateway.session.SessionReplies;
import io.vigil.gateway.stream.RelayTenantTopicSource;
import io.vigil.gateway.stream.TenantTopicSource;
import java.util.Locale;
import org.springframework.amqp.rabbit.connection.AbstractConnectionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Profiles;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.broker.AbstractBrokerMessageHandler;
import org.springframework.scheduling.TaskScheduler;

/**
 * Chooses the tenant-topic delivery: shared subscriptions with local fan-out ({@code
 * vigil.delivery.mode=shared}, the default) or the plain relay ({@code relay}, and always in the
 * benchmark baseline profile {@code simple-broker}, where there is no RabbitMQ to share).
 */
@Configuration(proxyBeanMethods = false)
class DeliveryConfig {

    @Bean
    @Conditional(SharedMode.class)
    SharedTenantTopicSource sharedTenantTopicSource(
            GatewayProperties properties,
            AbstractConnectionFactory rabbit,
            ObjectProvider<SessionRegistry> registry,
            ObjectProvider<SessionReplies> replies,
            @Qualifier("stompBrokerRelayMessageHandler") ObjectProvider<AbstractBrokerMessageHandler> relay,
            @Qualifier("clientOutboundChannel") ObjectProvider<MessageChannel> clientOutbound,
            @Qualifier("messageBrokerTaskScheduler") ObjectProvider<TaskScheduler> scheduler,
            MeterRegistry meters) {
        // the same host, port, virtual host and user as spring.rabbitmq.*, on a connection of its own
        return new SharedTenantTopicSource(
                properties,
                rabbit.getRabbitConnectionFactory(),
                registry,
                replies,
                relay,
                clientOutbound,
                scheduler,
                meters);
    }

    @Bean
    @Conditional(RelayMode.class)
    TenantTopicSource relayTenantTopicSource() {
        return new RelayTenantTopicSource();
    }

    static final class SharedMode implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String mode = context.getEnvironment().getProperty("vigil.delivery.mode", "shared");
            return "shared".equals(mode.trim().toLowerCase(Locale.ROOT))
                    && !context.getEnvironment().acceptsProfiles(Profiles.of("simple-broker"));
        }
    }

    static final class RelayMode implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !new SharedMode().matches(context, metadata);
        }
    }
}
