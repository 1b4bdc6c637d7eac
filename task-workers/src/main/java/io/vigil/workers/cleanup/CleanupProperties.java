package io.vigil.workers.cleanup;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the cleanup job ({@code vigil.workers.cleanup.*}). The Redis key patterns are the
 * contract with the gateway, which writes those keys: change them together.
 *
 * @param stale entries that expire when nobody refreshed them
 * @param histories bounded histories and their lengths
 * @param deadLetterAge dead-lettered tasks older than this are reported
 * @param deadLetterScanLimit most messages inspected per dead-letter queue and run
 */
@Validated
@ConfigurationProperties("vigil.workers.cleanup")
record CleanupProperties(
        @NotNull List<@Valid Stale> stale,
        @NotNull List<@Valid History> histories,
        @NotNull Duration deadLetterAge,
        @Min(1) @Max(10_000) int deadLetterScanLimit) {

    /** How a stale entry is recognised. */
    enum Mode {
        /**
         * Sorted set whose scores are epoch milliseconds (a last-seen or an expiry time): members
         * scored before now − maxAge go.
         */
        SCORE,
        /** Any key without a TTL, untouched (OBJECT IDLETIME) for longer than maxAge, goes. */
        IDLE
    }

    record Stale(
            @NotBlank String pattern,
            @NotNull Mode mode,
            @NotNull Duration maxAge) {}

    /**
     * A bounded history: lists keep their first maxLength entries (newest first, LPUSH), sorted
     * sets their maxLength highest scores, streams their newest maxLength entries.
     */
    record History(@NotBlank String pattern, @Min(1) long maxLength) {}
}
