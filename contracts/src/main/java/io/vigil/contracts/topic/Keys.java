package io.vigil.contracts.topic;

import io.vigil.contracts.score.EntityType;
import java.time.Instant;

/**
 * Builds the record keys of Vigil's compacted topics. Keys are plain strings whose first segment is
 * always the tenant, so any consumer can route a record without decoding its value.
 */
public final class Keys {

    public static final char SEPARATOR = '/';
    public static final char ALERT_SEQUENCE_SEPARATOR = '-';

    private Keys() {}

    /** {@code tenant/type/id}, e.g. {@code acme/ip/10.0.0.5}. */
    public static String entity(String tenant, EntityType type, String id) {
        return tenant + SEPARATOR + type.keyPart() + SEPARATOR + id;
    }

    /** {@code tenant/dimension/windowStart}, e.g. {@code acme/severity/2026-11-22T10:15:00Z}. */
    public static String metrics(String tenant, String dimension, Instant windowStart) {
        return tenant + SEPARATOR + dimension + SEPARATOR + windowStart;
    }

    /** {@code tenant/detector/subject/windowStart}. */
    public static String anomaly(String tenant, String detector, String subject, Instant windowStart) {
        return tenant + SEPARATOR + detector + SEPARATOR + subject + SEPARATOR + windowStart;
    }

    /** {@code tenant/model}, e.g. {@code acme/baseline}. */
    public static String model(String tenant, String model) {
        return tenant + SEPARATOR + model;
    }

    /**
     * The stable part of the ids of successive alerts for one cause on one subject:
     * {@code tenant/<cause>.<subject>.<hash>}, e.g. {@code acme/fan_out.ip_10.0.0.5.3fa2c1d9}.
     * After the tenant it holds only {@code [A-Za-z0-9._-]}, so an alert id fits in a STOMP
     * destination or URL path segment as it is; the hash keeps subjects apart that the
     * sanitising would make equal.
     */
    public static String alertSeries(String tenant, String causeKind, String subject) {
        String readable = (causeKind + "." + subject).replaceAll("[^A-Za-z0-9._-]", "_");
        if (readable.length() > 64) {
            readable = readable.substring(0, 64);
        }
        String hash = Integer.toHexString((causeKind + "|" + subject).hashCode() | 0x10000000);
        return tenant + SEPARATOR + readable + "." + hash;
    }

    /** The id of the {@code sequence}-th alert of a series: {@code <series>-<sequence>}. */
    public static String alert(String series, long sequence) {
        return series + ALERT_SEQUENCE_SEPARATOR + sequence;
    }

    /** The series of an alert id made by {@link #alert}, or null when the id is not one. */
    public static String alertSeriesOf(String alertId) {
        if (alertId == null) {
            return null;
        }
        int dash = alertId.lastIndexOf(ALERT_SEQUENCE_SEPARATOR);
        int slash = alertId.indexOf(SEPARATOR);
        if (slash <= 0 || dash <= slash + 1 || dash == alertId.length() - 1) {
            return null;
        }
        for (int i = dash + 1; i < alertId.length(); i++) {
            if (!Character.isDigit(alertId.charAt(i))) {
                return null;
            }
        }
        return alertId.substring(0, dash);
    }

    /** The tenant segment of any of the keys above. */
    public static String tenantOf(String key) {
        int end = key.indexOf(SEPARATOR);
        return end < 0 ? key : key.substring(0, end);
    }
}
