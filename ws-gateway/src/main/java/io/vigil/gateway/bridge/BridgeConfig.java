package io.vigil.gateway.bridge;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Failure policy of the bridge: a batch that could not be stored or confirmed is retried with
 * exponential backoff (capped at 10 s) for as long as it takes, so no record is ever skipped
 * while RabbitMQ or Redis is away.
 */
@Configuration(proxyBeanMethods = false)
class BridgeConfig {

    private static final Logger log = LoggerFactory.getLogger(BridgeConfig.class);

    @Bean
    DefaultErrorHandler bridgeErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(10_000);
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        DefaultErrorHandler handler = new DefaultErrorHandler(
                (record, e) -> log.error("Bridge gave up on {} (should not happen: unlimited retries)", record, e),
                backOff);
        handler.setRetryListeners((record, e, attempt) ->
                log.warn("Bridge batch failed (attempt {}), retrying: {}", attempt, e.getMessage()));
        return handler;
    }
}
