package io.vigil.workers.config;

import io.vigil.contracts.topic.TopicNames;
import java.time.Clock;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.redis.spring.RedisLockProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/** Wiring of the shared infrastructure beans: clock, Kafka topic names, the Redis lock provider. */
@Configuration(proxyBeanMethods = false)
class InfrastructureConfig {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    TopicNames topicNames(WorkersProperties properties) {
        return TopicNames.DEFAULTS.withPrefix(properties.topicPrefix());
    }

    @Bean
    LockingTaskExecutor lockingTaskExecutor(RedisConnectionFactory redis, WorkersProperties properties) {
        var scheduling = properties.scheduling();
        return new DefaultLockingTaskExecutor(
                new RedisLockProvider(redis, scheduling.lockEnvironment(), scheduling.lockPrefix()));
    }
}
