package io.vigil.stream.ingest;

import io.vigil.contracts.event.SecurityEvent;
import io.vigil.stream.config.VigilProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the bytes of one input record into a canonical {@link SecurityEvent}, or throws a
 * {@link Rejection} that says at which stage and why not. Pure: no Kafka, so each rule is testable
 * on its own.
 */
final class Normalisation {

    /** Tenants end up in record keys and STOMP routing keys: no dots, slashes or spaces. */
    static final Pattern TENANT = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** Reserved by the gateway for {@code /topic/ops.*}. */
    static final String RESERVED_TENANT = "ops";

    private final JsonMapper mapper;
    private final VigilProperties.Ingest config;

    Normalisation(JsonMapper mapper, VigilProperties.Ingest config) {
        this.mapper = mapper;
        this.config = config;
    }

    /** What a normalised record is: the event, and the format it was read as. */
    record Result(SecurityEvent event, Format format) {}

    Result normalise(
            byte[] value,
            String formatHeader,
            String tenantHeader,
            String topic,
            int partition,
            long offset,
            Instant now) {
        if (value == null || value.length == 0) {
            throw new Rejection(Rejection.PARSE, "empty record");
        }
        if (value.length > config.maxRecordBytes()) {
            throw new Rejection(
                    Rejection.SIZE,
                    "record of " + value.length + " bytes exceeds the limit of " + config.maxRecordBytes() + " bytes");
        }
        JsonNode root;
        try {
            root = mapper.readTree(value);
        } catch (JacksonException e) {
            throw new Rejection(Rejection.PARSE, "malformed JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new Rejection(
                    Rejection.PARSE, "expected a JSON object, got " + (root == null ? "nothing" : root.getNodeType()));
        }
        Format format = formatOf(root, formatHeader);
        String tenant = tenantOf(root, tenantHeader);
        var record = new SourceRecord(root, format, tenant, fallbackId(value), topic, partition, offset);
        SecurityEvent event = switch (format) {
            case CANONICAL -> CanonicalNormaliser.normalise(record, mapper);
            case SURICATA -> SuricataNormaliser.normalise(record);
            case ZEEK -> ZeekNormaliser.normalise(record);
            case ECS -> EcsNormaliser.normalise(record);
            case OCSF -> OcsfNormaliser.normalise(record);
            case WINSEC -> WindowsSecurityNormaliser.normalise(record);
        };
        validateTime(event.time(), now);
        return new Result(event, format);
    }

    private static Format formatOf(JsonNode root, String header) {
        if (header != null && !header.isBlank()) {
            Format named = Format.named(header);
            if (named == null) {
                throw new Rejection(Rejection.DETECT, "unknown format '" + header + "' named by header vigil-format");
            }
            return named;
        }
        Format detected = Format.detect(root);
        if (detected == null) {
            throw new Rejection(
                    Rejection.DETECT,
                    "unknown format: no supported format matches fields "
                            + abbreviate(root.propertyNames().toString()));
        }
        return detected;
    }

    private String tenantOf(JsonNode root, String header) {
        String tenant = header;
        if (tenant == null || tenant.isBlank()) {
            tenant = JsonFields.text(root, "tenant", "organization.id", "metadata.tenant_uid");
        }
        if (tenant == null) {
            tenant = config.defaultTenant();
        }
        if (!TENANT.matcher(tenant).matches()) {
            throw new Rejection(
                    Rejection.VALIDATE,
                    "invalid tenant '" + abbreviate(tenant) + "': expected 1-64 letters, digits, '_' or '-'");
        }
        if (RESERVED_TENANT.equals(tenant)) {
            // The gateway routes /topic/ops.* to administrators: events of a tenant "ops" would be
            // published where no analyst may subscribe, and would collide with the operations feed.
            throw new Rejection(Rejection.VALIDATE, "invalid tenant 'ops': reserved for operations destinations");
        }
        return tenant;
    }

    private void validateTime(Instant time, Instant now) {
        if (time.isBefore(config.earliestEventTime())) {
            throw new Rejection(
                    Rejection.VALIDATE, "absurd timestamp " + time + ": before " + config.earliestEventTime());
        }
        if (time.isAfter(now.plus(config.maxClockSkew()))) {
            throw new Rejection(
                    Rejection.VALIDATE,
                    "absurd timestamp " + time + ": more than " + config.maxClockSkew() + " in the future");
        }
    }

    /** A stable id for sources without one: the same bytes always get the same id. */
    private static String fallbackId(byte[] value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value);
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    static String utf8(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
