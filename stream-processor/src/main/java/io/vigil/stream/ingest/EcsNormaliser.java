package io.vigil.stream.ingest;

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
 * Elastic Common Schema documents (Beats, Elastic Agent, Logstash), nested or with dotted keys.
 * {@code event.severity} is read on Elastic's detection-rule scale (21 low, 47 medium, 73 high,
 * 99 critical); an {@code event.kind: alert} without one counts as medium.
 */
final class EcsNormaliser {

    private static final Set<String> KNOWN = Set.of(
            "authentication", "network", "intrusion_detection", "process", "iam", "malware", "file", "web", "dns");

    private EcsNormaliser() {}

    static SecurityEvent normalise(SourceRecord record) {
        JsonNode root = record.root();
        String ecsCategory = lower(text(root, "event.category"));
        String category = ecsCategory == null ? "other" : KNOWN.contains(ecsCategory) ? ecsCategory : "other";
        String action = text(root, "event.action", "event.type", "event.kind");
        if (action == null) throw Rejection.missing("event.action");
        var entities = new Entities(
                text(root, "host.name", "host.hostname"),
                ZeekNormaliser.user(text(root, "user.name")),
                text(root, "source.ip", "client.ip"),
                integer(root, "source.port", "client.port"),
                text(root, "destination.ip", "server.ip"),
                integer(root, "destination.port", "server.port"),
                lower(text(root, "network.protocol", "network.transport")));
        return new SecurityEvent(
                record.idOr(text(root, "event.id")),
                EventTimes.parse(JsonFields.node(root, "@timestamp"), "@timestamp"),
                record.tenant(),
                lower(
                        text(root, "observer.product", "agent.type", "event.module", "event.dataset") == null
                                ? "ecs"
                                : text(root, "observer.product", "agent.type", "event.module", "event.dataset")),
                category,
                lower(action),
                outcome(lower(text(root, "event.outcome"))),
                severity(root),
                entities,
                text(root, "rule.name", "message", "event.action"),
                text(root, "rule.id", "event.code"),
                record.raw(text(root, "event.id")));
    }

    private static Outcome outcome(String value) {
        if ("success".equals(value)) return Outcome.SUCCESS;
        if ("failure".equals(value)) return Outcome.FAILURE;
        return Outcome.UNKNOWN;
    }

    private static Severity severity(JsonNode root) {
        Integer score = integer(root, "event.severity");
        if (score == null) {
            return "alert".equalsIgnoreCase(text(root, "event.kind")) ? Severity.MEDIUM : Severity.INFO;
        }
        if (score >= 99) return Severity.CRITICAL;
        if (score >= 73) return Severity.HIGH;
        if (score >= 47) return Severity.MEDIUM;
        if (score >= 21) return Severity.LOW;
        return Severity.INFO;
    }
}
