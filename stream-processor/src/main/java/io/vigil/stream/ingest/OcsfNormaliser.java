package io.vigil.stream.ingest;

import static io.vigil.stream.ingest.JsonFields.integer;
import static io.vigil.stream.ingest.JsonFields.lower;
import static io.vigil.stream.ingest.JsonFields.text;

import io.vigil.contracts.event.Entities;
import io.vigil.contracts.event.Outcome;
import io.vigil.contracts.event.SecurityEvent;
import io.vigil.contracts.event.Severity;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Open Cybersecurity Schema Framework events (OCSF 1.x, e.g. from AWS Security Lake). The class
 * decides the category; {@code severity_id} and {@code status_id} map onto Vigil's scales.
 */
final class OcsfNormaliser {

    private static final Map<Integer, String> CLASSES = Map.ofEntries(
            Map.entry(1001, "file"),
            Map.entry(1007, "process"),
            Map.entry(2001, "intrusion_detection"),
            Map.entry(2004, "intrusion_detection"),
            Map.entry(2005, "intrusion_detection"),
            Map.entry(3001, "iam"),
            Map.entry(3002, "authentication"),
            Map.entry(3003, "iam"),
            Map.entry(3005, "iam"),
            Map.entry(4001, "network"),
            Map.entry(4002, "web"),
            Map.entry(4003, "dns"),
            Map.entry(4004, "network"),
            Map.entry(4005, "network"));
    private static final Map<Integer, String> CATEGORIES =
            Map.of(1, "process", 2, "intrusion_detection", 3, "iam", 4, "network", 6, "other");

    private OcsfNormaliser() {}

    static SecurityEvent normalise(SourceRecord record) {
        JsonNode root = record.root();
        Integer classUid = integer(root, "class_uid");
        if (classUid == null) throw Rejection.missing("class_uid");
        Integer categoryUid = integer(root, "category_uid");
        // Map.of rejects a null key: an event without category_uid must not reach getOrDefault.
        String fallbackCategory = categoryUid == null ? "other" : CATEGORIES.getOrDefault(categoryUid, "other");
        String category = CLASSES.getOrDefault(classUid, fallbackCategory);
        String action = text(root, "activity_name", "type_name", "class_name");
        if (action == null) throw Rejection.missing("activity_name");
        var entities = new Entities(
                text(root, "device.hostname", "device.name", "dst_endpoint.hostname"),
                ZeekNormaliser.user(text(root, "user.name", "actor.user.name")),
                text(root, "src_endpoint.ip"),
                integer(root, "src_endpoint.port"),
                text(root, "dst_endpoint.ip"),
                integer(root, "dst_endpoint.port"),
                lower(text(root, "connection_info.protocol_name", "auth_protocol")));
        String product = text(root, "metadata.product.name");
        return new SecurityEvent(
                record.idOr(text(root, "metadata.uid", "finding_info.uid")),
                EventTimes.parse(root.get("time"), "time"),
                record.tenant(),
                product == null ? "ocsf" : lower(product),
                category,
                lower(action).replace(' ', '_'),
                outcome(integer(root, "status_id")),
                severity(integer(root, "severity_id")),
                entities,
                text(root, "finding_info.title", "finding.title", "message", "class_name"),
                text(root, "finding_info.uid", "finding.uid"),
                record.raw(text(root, "metadata.uid")));
    }

    private static Outcome outcome(Integer statusId) {
        if (statusId == null) return Outcome.UNKNOWN;
        return switch (statusId) {
            case 1 -> Outcome.SUCCESS;
            case 2 -> Outcome.FAILURE;
            default -> Outcome.UNKNOWN;
        };
    }

    private static Severity severity(Integer severityId) {
        if (severityId == null) return Severity.INFO;
        return switch (severityId) {
            case 2 -> Severity.LOW;
            case 3 -> Severity.MEDIUM;
            case 4 -> Severity.HIGH;
            case 5, 6 -> Severity.CRITICAL;
            default -> Severity.INFO;
        };
    }
}
