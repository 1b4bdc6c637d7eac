package io.vigil.contracts.metrics;

import java.time.Instant;
import java.util.Map;

/**
 * Event counts of one tenant in one one-minute window along one dimension, the value of
 * {@code metrics.minute} (key: {@link io.vigil.contracts.topic.Keys#metrics}).
 *
 * @param tenant tenant
 * @param dimension severity, category, source or talkers (top source addresses)
 * @param windowStart inclusive window start
 * @param windowEnd exclusive window end
 * @param total all events in the window
 * @param counts count per value of the dimension (for talkers: the top N sources only)
 * @param isFinal true once the window has closed after its grace period; no update follows
 * @param version increases with every record emitted for this key
 */
public record MetricsWindow(
        String tenant,
        String dimension,
        Instant windowStart,
        Instant windowEnd,
        long total,
        Map<String, Long> counts,

        @com.fasterxml.jackson.annotation.JsonProperty("final")
        boolean isFinal,

        long version) {}
