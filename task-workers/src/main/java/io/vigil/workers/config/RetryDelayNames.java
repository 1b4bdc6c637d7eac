package io.vigil.workers.config;

import java.time.Duration;

/**
 * How a retry delay appears in queue names and routing keys: in the largest unit that divides it
 * exactly ({@code 500ms}, {@code 25s}, {@code 1m}, {@code 2h}), as infra/rabbitmq/definitions.json
 * names its retry queues ({@code tasks.report.retry.25s}).
 */
final class RetryDelayNames {

    private RetryDelayNames() {}

    static String of(Duration delay) {
        long millis = delay.toMillis();
        if (millis % 3_600_000 == 0) return millis / 3_600_000 + "h";
        if (millis % 60_000 == 0) return millis / 60_000 + "m";
        if (millis % 1_000 == 0) return millis / 1_000 + "s";
        return millis + "ms";
    }
}
