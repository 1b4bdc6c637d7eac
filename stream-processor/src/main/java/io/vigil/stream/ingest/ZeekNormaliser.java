package io.vigil.stream.ingest;

import static io.vigil.stream.ingest.JsonFields.bool;
import static io.vigil.stream.ingest.JsonFields.integer;
import static io.vigil.stream.ingest.JsonFields.lower;
import static io.vigil.stream.ingest.JsonFields.text;

import io.vigil.contracts.event.Entities;
import io.vigil.contracts.event.Outcome;
import io.vigil.contracts.event.SecurityEvent;
import io.vigil.contracts.event.Severity;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Zeek JSON logs (conn, notice, ssh, rdp, ntlm). The log is named by {@code _path} when the writer
 * adds it, and otherwise recognised from the fields only that log has.
 */
final class ZeekNormaliser {

    /** Connection states in which the responder never accepted the connection. */
    private static final Set<String> REFUSED = Set.of("S0", "REJ", "RSTOS0", "RSTRH", "SH", "SHR", "OTH");

    private ZeekNormaliser() {}

    static SecurityEvent normalise(SourceRecord record) {
        JsonNode root = record.root();
        String log = logOf(root);
        var entities = new Entities(
                text(root, "hostname", "server_nb_computer_name"),
                user(text(root, "username", "cookie", "user")),
                text(root, "id.orig_h", "src"),
                integer(root, "id.orig_p", "p"),
                text(root, "id.resp_h", "dst"),
                integer(root, "id.resp_p"),
                lower(text(root, "service", "proto")));
        String category;
        String action;
        Outcome outcome = Outcome.UNKNOWN;
        Severity severity = Severity.INFO;
        String signature;
        switch (log) {
            case "conn" -> {
                category = "network";
                action = "connection";
                String state = text(root, "conn_state");
                if (state != null) outcome = REFUSED.contains(state) ? Outcome.FAILURE : Outcome.SUCCESS;
                signature = "conn " + (state == null ? "" : state);
            }
            case "notice" -> {
                category = "intrusion_detection";
                action = "notice";
                severity = Severity.MEDIUM;
                String note = text(root, "note");
                if (note == null) throw Rejection.missing("note");
                String msg = text(root, "msg");
                signature = msg == null ? note : note + ": " + msg;
            }
            case "ssh" -> {
                category = "authentication";
                action = "ssh_login";
                outcome = outcome(bool(root, "auth_success"));
                severity = outcome == Outcome.FAILURE ? Severity.LOW : Severity.INFO;
                signature = "ssh " + (text(root, "client") == null ? "login" : text(root, "client"));
                entities = withProtocol(entities, "ssh");
            }
            case "rdp" -> {
                category = "authentication";
                action = "rdp_login";
                String result = text(root, "result");
                outcome = result == null
                        ? Outcome.UNKNOWN
                        : "success".equalsIgnoreCase(result) ? Outcome.SUCCESS : Outcome.FAILURE;
                severity = outcome == Outcome.FAILURE ? Severity.LOW : Severity.INFO;
                signature = "rdp " + (result == null ? "connection" : result);
                entities = withProtocol(entities, "rdp");
            }
            case "ntlm" -> {
                category = "authentication";
                action = "ntlm_auth";
                outcome = outcome(bool(root, "success"));
                severity = outcome == Outcome.FAILURE ? Severity.LOW : Severity.INFO;
                signature = "ntlm " + (text(root, "status") == null ? "auth" : text(root, "status"));
                entities = withProtocol(entities, "ntlm");
            }
            default -> throw new Rejection(Rejection.NORMALISE, "unsupported Zeek log '" + log + "'");
        }
        return new SecurityEvent(
                record.idOr(null),
                EventTimes.parse(root.get("ts"), "ts"),
                record.tenant(),
                "zeek",
                category,
                action,
                outcome,
                severity,
                entities,
                signature.trim(),
                "notice".equals(log) ? text(root, "note") : null,
                record.raw(text(root, "uid")));
    }

    static String logOf(JsonNode root) {
        String path = lower(text(root, "_path"));
        if (path != null) return path;
        if (root.has("note")) return "notice";
        if (root.has("auth_success") || root.has("auth_attempts")) return "ssh";
        if (root.has("cookie") || root.has("security_protocol")) return "rdp";
        if (root.has("domainname") || root.has("server_nb_computer_name")) return "ntlm";
        if (root.has("conn_state") || root.has("orig_bytes") || root.has("duration")) return "conn";
        return "unknown";
    }

    static String user(String name) {
        if (name == null) return null;
        int slash = name.lastIndexOf('\\');
        return slash >= 0 ? name.substring(slash + 1) : name;
    }

    private static Outcome outcome(Boolean success) {
        return success == null ? Outcome.UNKNOWN : success ? Outcome.SUCCESS : Outcome.FAILURE;
    }

    private static Entities withProtocol(Entities e, String protocol) {
        return new Entities(e.host(), e.user(), e.srcIp(), e.srcPort(), e.dstIp(), e.dstPort(), protocol);
    }
}
