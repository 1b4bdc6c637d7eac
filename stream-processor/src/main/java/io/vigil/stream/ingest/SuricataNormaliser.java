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
 * Suricata EVE JSON ({@code eve.json}): alerts, flows and the protocol records. Alert severity
 * follows Suricata's scale where 1 is the most severe.
 */
final class SuricataNormaliser {

    private static final Map<String, String> CATEGORIES = Map.of(
            "alert", "intrusion_detection",
            "anomaly", "intrusion_detection",
            "flow", "network",
            "netflow", "network",
            "dns", "dns",
            "http", "web",
            "tls", "network",
            "ssh", "network",
            "fileinfo", "file",
            "smb", "network");

    private SuricataNormaliser() {}

    static SecurityEvent normalise(SourceRecord record) {
        JsonNode root = record.root();
        String type = lower(text(root, "event_type"));
        String category = CATEGORIES.get(type);
        if (category == null) {
            throw new Rejection(Rejection.NORMALISE, "unsupported Suricata event_type '" + type + "'");
        }
        var entities = new Entities(
                text(root, "http.hostname", "tls.sni"),
                null,
                text(root, "src_ip"),
                integer(root, "src_port"),
                text(root, "dest_ip"),
                integer(root, "dest_port"),
                lower(text(root, "app_proto", "proto")));
        String originalId = text(root, "flow_id");
        String time = "timestamp";
        if ("alert".equals(type)) {
            boolean blocked = "blocked".equalsIgnoreCase(text(root, "alert.action"));
            return new SecurityEvent(
                    record.idOr(null),
                    EventTimes.parse(root.get(time), time),
                    record.tenant(),
                    "suricata",
                    category,
                    blocked ? "alert_blocked" : "alert",
                    blocked ? Outcome.FAILURE : Outcome.UNKNOWN,
                    alertSeverity(integer(root, "alert.severity")),
                    entities,
                    text(root, "alert.signature", "alert.category"),
                    text(root, "alert.signature_id"),
                    record.raw(originalId));
        }
        return new SecurityEvent(
                record.idOr(null),
                EventTimes.parse(root.get(time), time),
                record.tenant(),
                "suricata",
                category,
                type,
                Outcome.UNKNOWN,
                "anomaly".equals(type) ? Severity.LOW : Severity.INFO,
                entities,
                type + (entities.protocol() == null ? "" : " " + entities.protocol()),
                null,
                record.raw(originalId));
    }

    /** 1 is Suricata's most severe priority; rules without one default to 3. */
    static Severity alertSeverity(Integer priority) {
        if (priority == null) return Severity.LOW;
        return switch (priority) {
            case 1 -> Severity.HIGH;
            case 2 -> Severity.MEDIUM;
            case 3 -> Severity.LOW;
            default -> Severity.INFO;
        };
    }
}
