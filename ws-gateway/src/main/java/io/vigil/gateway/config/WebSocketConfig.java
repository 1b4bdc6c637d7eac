package io.vigil.gateway.config;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.gateway.security.StompErrorHandler;
import io.vigil.gateway.security.StompGuard;
import io.vigil.gateway.session.SessionRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * STOMP over WebSocket at {@code /ws} (SockJS at {@code /sockjs}), relayed to RabbitMQ's STOMP
 * plugin on the {@code vigil} virtual host; {@code /app} goes to the gateway's own handlers.
 * Ordered before Spring Security's configurer so {@link StompGuard} authenticates CONNECT first.
 * The broker configuration itself is {@link BrokerConfiguration} (in place of
 * {@code @EnableWebSocketMessageBroker}).
 */
@Configuration(proxyBeanMethods = false)
@Order(Ordered.HIGHEST_PRECEDENCE + 99)
class WebSocketConfig implements WebSocketMessageBrokerConfigurer {

    private final GatewayProperties properties;
    private final StompGuard guard;
    private final StompErrorHandler errorHandler;
    private final SessionRegistry sessions;
    private final Counter framesOut;

    WebSocketConfig(
            GatewayProperties properties,
            StompGuard guard,
            StompErrorHandler errorHandler,
            SessionRegistry sessions,
            MeterRegistry meters) {
        this.properties = properties;
        this.guard = guard;
        this.errorHandler = errorHandler;
        this.sessions = sessions;
        this.framesOut =
                Counter.builder("vigil.stomp.frames").tag("direction", "out").register(meters);
    }

    /**
     * The servlet container's own WebSocket buffer (Tomcat: 8 KiB by default) must hold a full
     * STOMP frame; it is set above the STOMP limit so that an oversized frame reaches the STOMP
     * decoder and gets an ERROR frame instead of a bare close (1009) from the container.
     */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        int buffer = properties.websocket().maxFrameBytes() * 4;
        container.setMaxTextMessageBufferSize(buffer);
        container.setMaxBinaryMessageBufferSize(buffer);
        return container;
    }

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        String[] origins = properties.websocket().allowedOrigins().toArray(String[]::new);
        registry.addEndpoint("/ws").setAllowedOriginPatterns(origins);
        registry.addEndpoint("/sockjs").setAllowedOriginPatterns(origins).withSockJS();
        registry.setErrorHandler(errorHandler);
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        GatewayProperties.Relay relay = properties.relay();
        long heartbeat = relay.systemHeartbeat().toMillis();
        registry.enableStompBrokerRelay("/topic", "/queue")
                .setRelayHost(relay.host())
                .setRelayPort(relay.port())
                // Spring 7 always sends a host header; RabbitMQ reads it as the virtual host
                .setVirtualHost(relay.virtualHost())
                .setSystemLogin(relay.systemLogin())
                .setSystemPasscode(relay.systemPasscode())
                .setClientLogin(relay.clientLogin())
                .setClientPasscode(relay.clientPasscode())
                .setSystemHeartbeatSendInterval(heartbeat)
                .setSystemHeartbeatReceiveInterval(heartbeat);
        registry.setApplicationDestinationPrefixes("/app");
        registry.setUserDestinationPrefix("/user");
    }

    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        GatewayProperties.WebSocket ws = properties.websocket();
        registration
                .setMessageSizeLimit(ws.maxFrameBytes())
                .setSendTimeLimit((int) ws.sendTimeLimit().toMillis())
                .setSendBufferSizeLimit(ws.sendBufferSizeLimit())
                .addDecoratorFactory(sessions);
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(guard);
    }

    @Override
    public void configureClientOutboundChannel(ChannelRegistration registration) {
        registration.interceptors(new ChannelInterceptor() {
            @Override
            public void afterSendCompletion(Message<?> message, MessageChannel channel, boolean sent, Exception ex) {
                framesOut.increment();
            }
        });
    }
}
