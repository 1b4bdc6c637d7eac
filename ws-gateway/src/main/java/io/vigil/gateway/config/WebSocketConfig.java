package io.vigil.gateway.config;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.gateway.security.StompErrorHandler;
import io.vigil.gateway.security.StompGuard;
import io.vigil.gateway.session.SessionRegistry;
import io.vigil.gateway.stream.TenantTopicSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
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

    /** The profile of the benchmark baseline: Spring's in-memory broker instead of the relay. */
    static final String SIMPLE_BROKER = "simple-broker";

    private final GatewayProperties properties;
    private final Environment environment;
    private final StompGuard guard;
    private final StompErrorHandler errorHandler;
    private final SessionRegistry sessions;
    private final TenantTopicSource tenantTopics;
    private final Counter framesOut;

    WebSocketConfig(
            GatewayProperties properties,
            StompGuard guard,
            StompErrorHandler errorHandler,
            SessionRegistry sessions,
            TenantTopicSource tenantTopics,
            MeterRegistry meters,
            Environment environment) {
        this.properties = properties;
        this.environment = environment;
        this.guard = guard;
        this.errorHandler = errorHandler;
        this.sessions = sessions;
        this.tenantTopics = tenantTopics;
        this.framesOut =
                Counter.builder("vigil.stomp.frames").tag("direction", "out").register(meters);
    }

    /** Tomcat's per-session WebSocket message buffers, chars (text) and bytes (binary). */
    static final int CONTAINER_MESSAGE_BUFFER = 1024;

    /**
     * Tomcat allocates a text and a binary message buffer per session, up front, whether the
     * session ever sends anything; sized for a whole STOMP frame they were a third of the
     * gateway's memory per session. The STOMP handler takes partial messages instead
     * ({@link BrokerConfiguration}), so these buffers are only the chunk size in which a larger
     * message reaches Spring's STOMP decoder, which assembles frames and enforces
     * {@code vigil.websocket.max-frame-bytes} (an ERROR frame "Frame too large", then the close).
     */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(CONTAINER_MESSAGE_BUFFER);
        container.setMaxBinaryMessageBufferSize(CONTAINER_MESSAGE_BUFFER);
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
        registry.setApplicationDestinationPrefixes("/app");
        registry.setUserDestinationPrefix("/user");
        if (environment.acceptsProfiles(Profiles.of(SIMPLE_BROKER))) {
            // benchmark baseline only (docs/gateway.md): no RabbitMQ between the bridge and the sessions
            registry.enableSimpleBroker("/topic", "/queue");
            return;
        }
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
            public Message<?> preSend(Message<?> message, MessageChannel channel) {
                StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
                return accessor == null || tenantTopics.toClient(accessor) ? message : null;
            }

            @Override
            public void afterSendCompletion(Message<?> message, MessageChannel channel, boolean sent, Exception ex) {
                framesOut.increment();
            }
        });
    }
}
