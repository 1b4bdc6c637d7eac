package io.vigil.stream.ingest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Parses the time formats the supported sources write: ISO-8601 with or without an offset (no
 * offset means UTC, as Suricata and many collectors write it), offsets without a colon
 * ({@code -0600}, Suricata), a space instead of 'T', epoch seconds with fractions (Zeek),
 * epoch milliseconds (OCSF) and .NET's {@code /Date(ms)/} (PowerShell exports).
 */
final class EventTimes {

    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .toFormatter();
    private static final DateTimeFormatter OFFSET = new DateTimeFormatterBuilder()
            .append(LOCAL)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter();
    private static final Pattern DOTNET = Pattern.compile("/Date\\((-?\\d+)\\)/");
    /** Below this an epoch number is seconds, above it milliseconds (year 2286 in seconds). */
    private static final long MILLIS_FROM = 10_000_000_000L;

    private EventTimes() {}

    /** The instant in {@code node}, or a rejection saying which field could not be read. */
    static Instant parse(JsonNode node, String field) {
        if (node == null || node.isNull() || node.isContainer()) {
            throw Rejection.missing(field);
        }
        try {
            if (node.isNumber()) {
                return fromEpoch(node.decimalValue());
            }
            return parse(node.asString().trim());
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new Rejection(Rejection.NORMALISE, "unreadable time in '" + field + "': " + node);
        }
    }

    static Instant parse(String text) {
        Matcher dotnet = DOTNET.matcher(text);
        if (dotnet.matches()) {
            return Instant.ofEpochMilli(Long.parseLong(dotnet.group(1)));
        }
        if (!text.isEmpty() && (Character.isDigit(text.charAt(0)) && text.indexOf('-') < 0)) {
            return fromEpoch(new BigDecimal(text));
        }
        var parsed = OFFSET.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
        if (parsed instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((LocalDateTime) parsed).toInstant(java.time.ZoneOffset.UTC);
    }

    private static Instant fromEpoch(BigDecimal value) {
        if (value.abs().compareTo(BigDecimal.valueOf(MILLIS_FROM)) >= 0) {
            return Instant.ofEpochMilli(value.longValue());
        }
        long seconds = value.longValue();
        long nanos = value.subtract(BigDecimal.valueOf(seconds)).movePointRight(9).longValue();
        return Instant.ofEpochSecond(seconds, nanos);
    }
}
