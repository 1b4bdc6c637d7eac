package io.vigil.simulator.formats;

import static io.vigil.simulator.formats.Fields.putIfPresent;

import io.vigil.contracts.event.Outcome;
import io.vigil.contracts.event.Severity;
import io.vigil.simulator.population.Site;
import io.vigil.simulator.traffic.Activity;
import io.vigil.simulator.traffic.Kind;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Suricata EVE JSON: {@code event_type} "alert" for IDS alerts and "flow" for finished
 * connections. Field names, nesting and the local timestamp with a UTC offset follow the real
 * samples in shared/data/suricata (and the EVE documentation for flow records).
 */
public final class SuricataWriter implements FormatWriter {

    /** EVE writes local time with microseconds and a numeric offset: 2015-03-29T11:01:38.221126-0600. */
    static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSZ", Locale.ROOT);

    @Override
    public SourceFormat format() {
        return SourceFormat.SURICATA;
    }

    @Override
    public boolean supports(Activity activity) {
        return (activity.kind() == Kind.IDS_ALERT || activity.kind() == Kind.NETWORK)
                && activity.srcIp() != null
                && activity.dstIp() != null;
    }

    @Override
    public ObjectNode write(Activity a, Site site) {
        boolean alert = a.kind() == Kind.IDS_ALERT;
        ObjectNode eve = JsonNodeFactory.instance.objectNode();
        eve.put("timestamp", timestamp(a.time(), site));
        eve.put("flow_id", FlowIdentity.flowId(a));
        eve.put("in_iface", site.sensorInterface());
        eve.put("event_type", alert ? "alert" : "flow");
        eve.put("src_ip", a.srcIp());
        putIfPresent(eve, "src_port", a.srcPort());
        eve.put("dest_ip", a.dstIp());
        putIfPresent(eve, "dest_port", a.dstPort());
        eve.put("proto", a.transport() == null ? "TCP" : a.transport().toUpperCase(Locale.ROOT));
        putIfPresent(eve, "app_proto", a.appProto());
        if (alert) {
            ObjectNode rule = eve.putObject("alert");
            rule.put("action", "allowed");
            rule.put("gid", 1);
            rule.put("signature_id", a.signatureId());
            rule.put("rev", 1 + Math.floorMod(a.signatureId(), 20));
            rule.put("signature", a.detail());
            rule.put("category", a.signatureCategory());
            rule.put("severity", severity(a.severity()));
        }
        ObjectNode flow = eve.putObject("flow");
        flow.put("pkts_toserver", a.traffic().packetsOut());
        flow.put("pkts_toclient", a.traffic().packetsIn());
        flow.put("bytes_toserver", a.traffic().bytesOut());
        flow.put("bytes_toclient", a.traffic().bytesIn());
        flow.put("start", timestamp(a.time(), site));
        if (!alert) {
            long micros = (long) (a.traffic().durationSeconds() * 1_000_000);
            flow.put("end", timestamp(a.time().plusNanos(micros * 1_000), site));
            flow.put("age", micros / 1_000_000);
            flow.put("state", a.outcome() == Outcome.FAILURE ? "closed" : "established");
            flow.put("reason", "timeout");
            flow.put("alerted", false);
        }
        return eve;
    }

    static String timestamp(Instant time, Site site) {
        return TIMESTAMP.format(time.atOffset(site.offset()));
    }

    /** Suricata's scale runs the other way: 1 is the most severe, 3 the least. */
    static int severity(Severity severity) {
        return switch (severity) {
            case CRITICAL, HIGH -> 1;
            case MEDIUM -> 2;
            case LOW, INFO -> 3;
        };
    }
}
