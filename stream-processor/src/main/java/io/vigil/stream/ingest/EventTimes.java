package io.vigil.stream.ingest;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
public final class EventTimes {

    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart()
            .appendLiteral('T')
            .optionalEnd()
            .optionalStart()
            .appendLiteral(' ')
            .optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .toFormatter();
    private static final DateTimeFormatter OFFSET = new DateTimeFormatterBuilder()
            .append(LOCAL)
            .optionalStart()
            .appendOffset("+HH:MM", "Z")
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HHMM", "Z")
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HH", "Z")
            .optionalEnd()
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
        Instant common = parseCommonIso(text);
        if (common != null) {
            return common;
        }
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
        return ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
    }

    /**
     * An instant written as {@link Instant#toString()} writes it ({@code 2026-11-22T10:00:00[.fraction]Z}),
     * or null for any other shape (the caller then reads it the general way).
     */
    public static Instant parseUtc(String text) {
        return text.length() > 19 && text.charAt(text.length() - 1) == 'Z' ? parseCommonIso(text) : null;
    }

    /**
     * The shape nearly every source writes ({@code 2026-11-22T10:00:00[.fraction][Z|+HH:MM|+HHMM]},
     * no offset meaning UTC), read without the general formatter, which costs several times more per
     * event. Anything else, and any out-of-range field, returns null and goes the general way, so
     * results and error messages are the formatter's.
     */
    private static Instant parseCommonIso(String t) {
        int n = t.length();
        if (n < 19
                || t.charAt(4) != '-'
                || t.charAt(7) != '-'
                || t.charAt(10) != 'T'
                || t.charAt(13) != ':'
                || t.charAt(16) != ':') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) return null;
        int i = 19;
        int nanos = 0;
        if (i < n && t.charAt(i) == '.') {
            int from = ++i;
            while (i < n && i - from < 9 && Character.isDigit(t.charAt(i))) i++;
            if (i == from) return null;
            nanos = digits(t, from, i - from);
            for (int scale = i - from; scale < 9; scale++) nanos *= 10;
        }
        ZoneOffset offset;
        if (i == n) {
            offset = ZoneOffset.UTC;
        } else if (t.charAt(i) == 'Z' && i + 1 == n) {
            offset = ZoneOffset.UTC;
        } else if ((t.charAt(i) == '+' || t.charAt(i) == '-') && (n - i == 6 && t.charAt(i + 3) == ':' || n - i == 5)) {
            int hours = digits(t, i + 1, 2);
            int minutes = digits(t, n - 2, 2);
            if ((hours | minutes) < 0) return null;
            int sign = t.charAt(i) == '-' ? -1 : 1;
            try {
                offset = ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
            } catch (DateTimeException e) {
                return null;
            }
        } else {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
                    .toInstant(offset);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The non-negative number written by {@code count} ASCII digits at {@code from}, or -1. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') return -1;
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static Instant fromEpoch(BigDecimal value) {
        if (value.abs().compareTo(BigDecimal.valueOf(MILLIS_FROM)) >= 0) {
            return Instant.ofEpochMilli(value.longValue());
        }
        long seconds = value.longValue();
        long nanos =
                value.subtract(BigDecimal.valueOf(seconds)).movePointRight(9).longValue();
        return Instant.ofEpochSecond(seconds, nanos);
    }
}
