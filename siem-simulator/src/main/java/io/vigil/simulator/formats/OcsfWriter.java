package io.vigil.simulator.formats;

import static io.vigil.simulator.formats.Fields.putIfPresent;

import io.vigil.contracts.event.Outcome;
import io.vigil.contracts.event.Severity;
import io.vigil.simulator.population.Site;
import io.vigil.simulator.traffic.Activity;
import io.vigil.simulator.traffic.Kind;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * OCSF 1.1 events: Authentication (class_uid 3002, activity Logon) and Network Activity
 * (class_uid 4001, activity Traffic; Refuse for rejected connections). {@code time} is epoch
 * milliseconds and {@code type_uid} is class_uid * 100 + activity_id, as the schema defines.
 */
public final class OcsfWriter implements FormatWriter {

    static final String SCHEMA_VERSION = "1.1.0";

    @Override
    public SourceFormat format() {
        return SourceFormat.OCSF;
    }

    @Override
    public boolean supports(Activity a) {
        return a.kind() == Kind.AUTHENTICATION || a.kind() == Kind.NETWORK;
    }

    @Override
    public ObjectNode write(Activity a, Site site) {
        return a.kind() == Kind.AUTHENTICATION ? authentication(a, site) : networkActivity(a);
    }

    private static ObjectNode authentication(Activity a, Site site) {
        boolean ssh = "ssh".equals(a.appProto());
        ObjectNode event = base(a, 3, "Identity & Access Management", 3002, "Authentication", 1, "Logon");
        ObjectNode user = event.putObject("user");
        user.put("name", a.user());
        putIfPresent(user, "domain", ssh ? null : site.netbiosDomain());
        event.put("auth_protocol", ssh ? "Other" : "NTLM");
        event.put("auth_protocol_id", ssh ? 99 : 1);
        event.put("logon_type", "Network");
        event.put("logon_type_id", 3);
        event.put("is_remote", true);
        endpoint(event, "src_endpoint", a.srcIp(), a.srcPort(), null);
        endpoint(event, "dst_endpoint", a.dstIp(), a.dstPort(), site.fqdn(a.host()));
        event.putObject("service").put("name", ssh ? "sshd" : "Microsoft-Windows-Security-Auditing");
        return event;
    }

    private static ObjectNode networkActivity(Activity a) {
        boolean refused = a.outcome() == Outcome.FAILURE;
        ObjectNode event = base(
                a, 4, "Network Activity", 4001, "Network Activity", refused ? 5 : 6, refused ? "Refuse" : "Traffic");
        endpoint(event, "src_endpoint", a.srcIp(), a.srcPort(), null);
        endpoint(event, "dst_endpoint", a.dstIp(), a.dstPort(), null);
        ObjectNode connection = event.putObject("connection_info");
        boolean udp = "udp".equals(a.transport());
        connection.put("protocol_name", udp ? "udp" : "tcp");
        connection.put("protocol_num", udp ? 17 : 6);
        boolean outbound = !Fields.isInternal(a.dstIp());
        connection.put("direction", outbound ? "Outbound" : "Lateral");
        connection.put("direction_id", outbound ? 2 : 3);
        ObjectNode traffic = event.putObject("traffic");
        traffic.put("bytes_out", a.traffic().bytesOut());
        traffic.put("bytes_in", a.traffic().bytesIn());
        traffic.put("packets_out", a.traffic().packetsOut());
        traffic.put("packets_in", a.traffic().packetsIn());
        traffic.put("bytes", a.traffic().bytesOut() + a.traffic().bytesIn());
        event.put("duration", (long) (a.traffic().durationSeconds() * 1_000));
        return event;
    }

    private static ObjectNode base(
            Activity a,
            int categoryUid,
            String categoryName,
            int classUid,
            String className,
            int activityId,
            String activityName) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("category_uid", categoryUid);
        event.put("category_name", categoryName);
        event.put("class_uid", classUid);
        event.put("class_name", className);
        event.put("activity_id", activityId);
        event.put("activity_name", activityName);
        event.put("type_uid", classUid * 100L + activityId);
        event.put("time", a.time().toEpochMilli());
        event.put("severity_id", severityId(a.severity()));
        boolean failed = a.outcome() == Outcome.FAILURE;
        event.put("status", failed ? "Failure" : "Success");
        event.put("status_id", failed ? 2 : 1);
        ObjectNode metadata = event.putObject("metadata");
        metadata.put("version", SCHEMA_VERSION);
        metadata.put("uid", Long.toHexString(FlowIdentity.flowId(a)));
        ObjectNode product = metadata.putObject("product");
        product.put("name", classUid == 3002 ? "Identity Provider" : "Network Firewall");
        product.put("vendor_name", "Vigil Simulator");
        return event;
    }

    private static void endpoint(ObjectNode event, String field, String ip, Integer port, String hostname) {
        if (ip != null) {
            ObjectNode endpoint = event.putObject(field);
            endpoint.put("ip", ip);
            putIfPresent(endpoint, "port", port);
            putIfPresent(endpoint, "hostname", hostname);
        }
    }

    /** OCSF severity_id: 1 Informational, 2 Low, 3 Medium, 4 High, 5 Critical. */
    static int severityId(Severity severity) {
        return severity.ordinal() + 1;
    }
}
