package io.vigil.simulator.formats;

import static io.vigil.simulator.formats.Fields.putIfPresent;

import io.vigil.contracts.event.Outcome;
import io.vigil.contracts.event.Severity;
import io.vigil.simulator.population.Site;
import io.vigil.simulator.traffic.Activity;
import io.vigil.simulator.traffic.Kind;
import java.util.Locale;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Elastic Common Schema (8.x) documents as an Elastic Agent or Beat ships them, nested objects
 * rather than dotted keys: authentication, network connection, DNS and process events.
 */
public final class EcsWriter implements FormatWriter {

    static final String ECS_VERSION = "8.11.0";

    @Override
    public SourceFormat format() {
        return SourceFormat.ECS;
    }

    @Override
    public boolean supports(Activity a) {
        return switch (a.kind()) {
            case AUTHENTICATION, NETWORK, DNS, PROCESS -> true;
            default -> false;
        };
    }

    @Override
    public ObjectNode write(Activity a, Site site) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("@timestamp", a.time().toString());
        doc.putObject("ecs").put("version", ECS_VERSION);
        ObjectNode event = doc.putObject("event");
        event.put("kind", "event");
        event.putArray("category").add(category(a.kind()));
        event.putArray("type").add(type(a));
        event.put("action", action(a));
        if (a.outcome() != Outcome.UNKNOWN) {
            event.put("outcome", a.outcome().name().toLowerCase(Locale.ROOT));
        }
        event.put("dataset", dataset(a));
        if (a.severity() != Severity.INFO) {
            event.put("severity", ecsSeverity(a.severity()));
        }
        if (a.host() != null) {
            ObjectNode host = doc.putObject("host");
            host.put("name", site.fqdn(a.host()));
            host.put("hostname", a.host());
        }
        if (a.user() != null) {
            ObjectNode user = doc.putObject("user");
            user.put("name", a.user());
            user.put("domain", site.netbiosDomain());
        }
        endpoint(doc, "source", a.srcIp(), a.srcPort(), a.traffic().bytesOut());
        endpoint(doc, "destination", a.dstIp(), a.dstPort(), a.traffic().bytesIn());
        if (a.kind() == Kind.NETWORK || a.kind() == Kind.DNS) {
            ObjectNode network = doc.putObject("network");
            putIfPresent(network, "transport", a.transport());
            putIfPresent(network, "protocol", a.appProto());
            network.put("direction", Fields.isInternal(a.dstIp()) ? "internal" : "outbound");
            network.put("bytes", a.traffic().bytesOut() + a.traffic().bytesIn());
        }
        if (a.kind() == Kind.DNS) {
            ObjectNode question = doc.putObject("dns").putObject("question");
            question.put("name", a.detail());
            question.put("type", "A");
        }
        if (a.kind() == Kind.PROCESS) {
            ObjectNode process = doc.putObject("process");
            process.put("executable", a.process());
            process.put("name", baseName(a.process()));
            process.put("command_line", a.detail());
            process.put("pid", 1_000 + Math.floorMod(a.time().getNano(), 60_000));
            ObjectNode parent = process.putObject("parent");
            parent.put("executable", a.parentProcess());
            parent.put("name", baseName(a.parentProcess()));
        }
        return doc;
    }

    /** {@code event.severity} on the scale of Elastic's detection rules: 21 low ... 99 critical. */
    static int ecsSeverity(Severity severity) {
        return switch (severity) {
            case INFO -> 0;
            case LOW -> 21;
            case MEDIUM -> 47;
            case HIGH -> 73;
            case CRITICAL -> 99;
        };
    }

    private static void endpoint(ObjectNode doc, String field, String ip, Integer port, long bytes) {
        if (ip != null) {
            ObjectNode endpoint = doc.putObject(field);
            endpoint.put("ip", ip);
            putIfPresent(endpoint, "port", port);
            if (bytes > 0) {
                endpoint.put("bytes", bytes);
            }
        }
    }

    private static String category(Kind kind) {
        return switch (kind) {
            case AUTHENTICATION -> "authentication";
            case PROCESS -> "process";
            default -> "network";
        };
    }

    private static String type(Activity a) {
        return switch (a.kind()) {
            case AUTHENTICATION, PROCESS -> "start";
            case DNS -> "protocol";
            default -> a.outcome() == Outcome.FAILURE ? "denied" : "connection";
        };
    }

    private static String action(Activity a) {
        return switch (a.kind()) {
            case AUTHENTICATION -> a.outcome() == Outcome.FAILURE ? "logon-failed" : "logged-in";
            case PROCESS -> "process-started";
            case DNS -> "dns-query";
            default -> "network-flow";
        };
    }

    private static String dataset(Activity a) {
        return switch (a.kind()) {
            case AUTHENTICATION -> "ssh".equals(a.appProto()) ? "system.auth" : "system.security";
            case PROCESS -> "endpoint.events.process";
            case DNS -> "network_traffic.dns";
            default -> "network_traffic.flow";
        };
    }

    static String baseName(String path) {
        return path == null ? null : path.substring(path.lastIndexOf('\\') + 1);
    }
}
