package io.vigil.gateway.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.socket.EnableWebSocketSecurity;
import org.springframework.security.messaging.access.intercept.MessageMatcherDelegatingAuthorizationManager;

/**
 * Spring Security for STOMP, as a second line behind {@link StompGuard} (which gives the precise
 * refusal texts): every message but CONNECT, DISCONNECT and heart-beats needs an authenticated
 * session, ops topics need admin, alert commands need analyst.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketSecurity
class MessageSecurityConfig {

    @Bean
    AuthorizationManager<Message<?>> messageAuthorizationManager(
            MessageMatcherDelegatingAuthorizationManager.Builder messages) {
        messages.simpTypeMatchers(
                        SimpMessageType.CONNECT,
                        SimpMessageType.DISCONNECT,
                        SimpMessageType.HEARTBEAT,
                        SimpMessageType.UNSUBSCRIBE,
                        SimpMessageType.OTHER)
                .permitAll()
                .simpSubscribeDestMatchers("/topic/ops.*")
                .hasRole("ADMIN")
                .simpMessageDestMatchers("/app/alerts/**")
                .hasRole("ANALYST")
                .anyMessage()
                .authenticated();
        return messages.build();
    }

    /**
     * Replaces the CSRF check that {@code @EnableWebSocketSecurity} applies to CONNECT. Browsers
     * authenticate with a bearer token in the CONNECT frame, not with a cookie, so a cross-site page
     * cannot ride on ambient credentials; origins are allow-listed at the handshake as well. Spring
     * Security 7.1 has no switch for this: a bean with exactly this name is the known way.
     */
    @Bean(name = "csrfChannelInterceptor")
    ChannelInterceptor csrfChannelInterceptor() {
        return new ChannelInterceptor() {};
    }
}
