package io.vigil.contracts.anomaly;

import io.vigil.contracts.event.Severity;
import java.time.Instant;

/**
 * Something a windowed detector found unusual, the value of {@code anomalies} (key:
 * {@link io.vigil.contracts.topic.Keys#anomaly}).
 *
 * @param tenant tenant
 * @param detector rate_spike, fan_out or auth_burst
 * @param subject what it is about, e.g. "category/authentication" or "ip/10.0.0.5"
 * @param windowStart window start
 * @param windowEnd window end
 * @param observed the observed value (count, distinct count)
 * @param expected what the model expected (baseline mean, threshold)
 * @param score how far off, e.g. a z-score or observed/threshold
 * @param severity normalised severity of the finding
 * @param reason one sentence a person can read: why it fired
 * @param detectedAt stream time when it fired
 * @param version increases with every record emitted for this key
 */
public record Anomaly(
        String tenant,
        String detector,
        String subject,
        Instant windowStart,
        Instant windowEnd,
        double observed,
        double expected,
        double score,
        Severity severity,
        String reason,
        Instant detectedAt,
        long version) {}
