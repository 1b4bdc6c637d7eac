package io.vigil.simulator.traffic;

import io.vigil.contracts.event.Outcome;
import io.vigil.contracts.event.Severity;
import java.time.Instant;

/**
 * One simulated thing that happened, independent of any output format. Background traffic and
 * attack scenarios produce activities; a format writer turns each into the JSON of one product.
 * Fields that do not apply to a kind are null (or zero for counters).
 *
 * @param time event time
 * @param tenant owning tenant
 * @param kind what kind of activity
 * @param host the host it happened on (logon target, process host, or the internal end of a flow)
 * @param user the account involved
 * @param srcIp source address
 * @param srcPort source port
 * @param dstIp destination address
 * @param dstPort destination port
 * @param transport tcp or udp
 * @param appProto application protocol (ssh, http, tls, dns, rdp, smb, kerberos ...)
 * @param outcome success or failure (authentication, connection)
 * @param traffic byte and packet counters of a flow
 * @param detail kind-specific text: DNS query name, process command line, or signature name
 * @param process process image path (process starts)
 * @param parentProcess parent image path (process starts)
 * @param signatureId rule id (IDS alerts, notices)
 * @param signatureCategory rule category, or notice name
 * @param severity normalised severity
 * @param scenario the scenario that produced it, or null for background traffic
 */
public record Activity(
        Instant time,
        String tenant,
        Kind kind,
        String host,
        String user,
        String srcIp,
        Integer srcPort,
        String dstIp,
        Integer dstPort,
        String transport,
        String appProto,
        Outcome outcome,
        Traffic traffic,
        String detail,
        String process,
        String parentProcess,
        Integer signatureId,
        String signatureCategory,
        Severity severity,
        String scenario) {

    /** Byte and packet counters of a flow, as the sensor saw them. */
    public record Traffic(long bytesOut, long bytesIn, long packetsOut, long packetsIn, double durationSeconds) {
        public static final Traffic NONE = new Traffic(0, 0, 0, 0, 0);
    }

    public Activity {
        traffic = traffic == null ? Traffic.NONE : traffic;
        outcome = outcome == null ? Outcome.UNKNOWN : outcome;
        severity = severity == null ? Severity.INFO : severity;
    }

    public static ActivityBuilder builder(Instant time, String tenant, Kind kind) {
        return new ActivityBuilder(time, tenant, kind);
    }

    /**
     * The entity whose events must stay in order, used in the record key: the user of a logon,
     * the host of a process or account change, otherwise the source address.
     */
    public String primaryEntity() {
        String entity = switch (kind) {
            case AUTHENTICATION -> user != null ? user : srcIp;
            case PROCESS, USER_CREATED -> host;
            default -> srcIp != null ? srcIp : host;
        };
        return entity == null ? "unknown" : entity;
    }

    /** The same activity tagged with the scenario that produced it. */
    public Activity inScenario(String name) {
        return new Activity(
                time,
                tenant,
                kind,
                host,
                user,
                srcIp,
                srcPort,
                dstIp,
                dstPort,
                transport,
                appProto,
                outcome,
                traffic,
                detail,
                process,
                parentProcess,
                signatureId,
                signatureCategory,
                severity,
                name);
    }
}
