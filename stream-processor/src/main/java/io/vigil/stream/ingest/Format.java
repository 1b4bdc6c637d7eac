package io.vigil.stream.ingest;

import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * The input formats {@code siem.events} accepts, with how each is recognised from its content. The
 * order of the constants is the order of detection: the most specific shapes first.
 */
enum Format {
    CANONICAL("canonical"),
    OCSF("ocsf"),
    SURICATA("suricata"),
    ZEEK("zeek"),
    WINSEC("winsec"),
    ECS("ecs");

    private final String id;

    Format(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }

    /** The format a {@code vigil-format} header names, or null for an unknown name. */
    static Format named(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (Format format : values()) {
            if (format.id.equals(wanted)) return format;
        }
        return switch (wanted) {
            case "eve", "suricata-eve" -> SURICATA;
            case "windows", "windows-security", "wineventlog" -> WINSEC;
            case "vigil" -> CANONICAL;
            default -> null;
        };
    }

    /** Recognises the format of a JSON object from its fields, or returns null. */
    static Format detect(JsonNode root) {
        for (Format format : values()) {
            if (format.matches(root)) return format;
        }
        return null;
    }

    private boolean matches(JsonNode root) {
        return switch (this) {
            case CANONICAL -> root.has("time") && root.has("category") && root.has("severity") && root.has("action");
            case OCSF -> root.has("class_uid") && root.has("time");
            case SURICATA -> root.has("event_type") && root.has("timestamp");
            case ZEEK -> root.has("ts") && (root.has("uid") || root.has("id.orig_h") || root.has("_path"));
            case WINSEC ->
                (root.has("EventID") || root.has("EventId") || root.has("event_id"))
                        && (root.has("Computer")
                                || root.has("TimeCreated")
                                || root.has("Hostname")
                                || root.has("EventTime"));
            case ECS ->
                root.has("@timestamp")
                        && (root.has("event")
                                || root.has("ecs")
                                || root.has("event.category")
                                || root.has("event.action")
                                || root.has("ecs.version"));
        };
    }
}
