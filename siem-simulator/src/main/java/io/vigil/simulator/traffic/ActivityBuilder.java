package io.vigil.simulator.traffic;

import io.vigil.contracts.event.Outcome;
import io.vigil.contracts.event.Severity;
import java.time.Instant;

/** Fluent construction of an {@link Activity}: most kinds set only a handful of its fields. */
public final class ActivityBuilder {

    private final Instant time;
    private final String tenant;
    private final Kind kind;
    private String host;
    private String user;
    private String srcIp;
    private Integer srcPort;
    private String dstIp;
    private Integer dstPort;
    private String transport;
    private String appProto;
    private Outcome outcome;
    private Activity.Traffic traffic;
    private String detail;
    private String process;
    private String parentProcess;
    private Integer signatureId;
    private String signatureCategory;
    private Severity severity;

    ActivityBuilder(Instant time, String tenant, Kind kind) {
        this.time = time;
        this.tenant = tenant;
        this.kind = kind;
    }

    public ActivityBuilder host(String value) {
        host = value;
        return this;
    }

    public ActivityBuilder user(String value) {
        user = value;
        return this;
    }

    public ActivityBuilder source(String ip, Integer port) {
        srcIp = ip;
        srcPort = port;
        return this;
    }

    public ActivityBuilder destination(String ip, Integer port) {
        dstIp = ip;
        dstPort = port;
        return this;
    }

    public ActivityBuilder protocol(String transportProtocol, String applicationProtocol) {
        transport = transportProtocol;
        appProto = applicationProtocol;
        return this;
    }

    public ActivityBuilder outcome(Outcome value) {
        outcome = value;
        return this;
    }

    public ActivityBuilder traffic(long bytesOut, long bytesIn, long packetsOut, long packetsIn, double seconds) {
        traffic = new Activity.Traffic(bytesOut, bytesIn, packetsOut, packetsIn, seconds);
        return this;
    }

    public ActivityBuilder detail(String value) {
        detail = value;
        return this;
    }

    public ActivityBuilder process(String image, String parentImage) {
        process = image;
        parentProcess = parentImage;
        return this;
    }

    public ActivityBuilder signature(int id, String name, String category) {
        signatureId = id;
        detail = name;
        signatureCategory = category;
        return this;
    }

    public ActivityBuilder severity(Severity value) {
        severity = value;
        return this;
    }

    public Activity build() {
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
                null);
    }
}
