package io.vigil.gateway.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * HTTP security: stateless bearer-token REST API; the WebSocket handshake, static files, health and
 * metrics and the API document are open (STOMP authenticates on CONNECT).
 */
@Configuration(proxyBeanMethods = false)
class HttpSecurityConfig {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, JwtAuthenticationConverter converter) throws Exception {
        http.csrf(csrf -> csrf.disable()) // bearer tokens only, no cookies: nothing for CSRF to ride on
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth.requestMatchers(
                                "/", "/index.html", "/favicon.ico", "/static/**", "/assets/**", "/*.js", "/*.css")
                        .permitAll()
                        .requestMatchers("/ws", "/ws/**", "/sockjs/**")
                        .permitAll()
                        .requestMatchers(
                                "/actuator/health", "/actuator/health/**", "/actuator/prometheus", "/actuator/info")
                        .permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        .permitAll()
                        // errors render with their real status (a missing endpoint is a 404, not a 401)
                        .requestMatchers("/error")
                        .permitAll()
                        // exists only in the demo profile; elsewhere this is a 404
                        .requestMatchers(HttpMethod.POST, "/api/demo/token")
                        .permitAll()
                        .requestMatchers("/api/tasks/**")
                        .hasRole("ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/alerts/**")
                        .hasRole("ANALYST")
                        .requestMatchers("/api/**")
                        .authenticated()
                        .anyRequest()
                        .denyAll())
                .oauth2ResourceServer(o -> o.jwt(jwt -> jwt.jwtAuthenticationConverter(converter)))
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable());
        return http.build();
    }
}
