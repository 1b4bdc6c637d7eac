package io.vigil.workers.report;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the report job ({@code vigil.workers.report.*}).
 *
 * @param rateWindow events per minute are averaged over this window of metrics.minute
 * @param topEntities entities listed per tenant
 * @param consumerGroups component name to Kafka consumer group whose lag is reported
 * @param management the RabbitMQ management API (queue depths)
 */
@Validated
@ConfigurationProperties("vigil.workers.report")
record ReportProperties(
        @NotNull Duration rateWindow,
        @Min(1) @Max(100) int topEntities,
        @NotNull Map<String, String> consumerGroups,
        @Valid @NotNull Management management) {

    /**
     * @param url base URL, e.g. http://127.0.0.1:15672
     * @param vhost virtual host whose queues are listed
     */
    record Management(
            @NotNull URI url,
            @NotBlank String username,
            @NotBlank String password,
            @NotBlank String vhost,
            @NotNull Duration timeout) {}
}
