package io.vigil.contracts.topic;

import io.vigil.contracts.score.EntityType;
import java.time.Instant;

/**
 * Builds the record keys of Vigil's compacted topics. Keys are plain strings whose first segment is
 * always the tenant, so any consumer can route a record without decoding its value.
 */
public final class Keys {

    public static final char SEPARATOR = '/';

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

    /** The tenant segment of any of the keys above. */
    public static String tenantOf(String key) {
        int end = key.indexOf(SEPARATOR);
        return end < 0 ? key : key.substring(0, end);
    }
}
