package io.vigil.simulator.formats;

import io.vigil.contracts.event.Entities;
import io.vigil.contracts.event.SecurityEvent;
import io.vigil.simulator.population.Site;
import io.vigil.simulator.traffic.Activity;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Vigil's own {@link SecurityEvent} JSON (contracts), as a producer that already normalises would
 * write it. Supports every kind of activity.
 */
public final class CanonicalWriter implements FormatWriter {

    private final ObjectMapper mapper;

    public CanonicalWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public SourceFormat format() {
        return SourceFormat.CANONICAL;
    }

    @Override
    public boolean supports(Activity activity) {
        return true;
    }

    @Override
    public ObjectNode write(Activity a, Site site) {
        return mapper.valueToTree(toEvent(a, site));
    }

    static SecurityEvent toEvent(Activity a, Site site) {
        String id = UUID.nameUUIDFromBytes(a.toString().getBytes(StandardCharsets.UTF_8))
                .toString();
        Entities entities = new Entities(
                site.fqdn(a.host()),
                a.user(),
                a.srcIp(),
                a.srcPort(),
                a.dstIp(),
                a.dstPort(),
                a.appProto() != null ? a.appProto() : a.transport());
        return new SecurityEvent(
                id,
                a.time(),
                a.tenant(),
                source(a),
                category(a),
                action(a),
                a.outcome(),
                a.severity(),
                entities,
                signature(a),
                a.signatureId() == null ? null : a.signatureId().toString(),
                null);
    }

    private static String source(Activity a) {
        return switch (a.kind()) {
            case AUTHENTICATION -> "ssh".equals(a.appProto()) ? "sshd" : "windows";
            case NETWORK -> "firewall";
            case DNS -> "dns";
            case PROCESS -> "edr";
            case USER_CREATED -> "windows";
            case IDS_ALERT -> "suricata";
            case NOTICE -> "zeek";
        };
    }

    private static String category(Activity a) {
        return switch (a.kind()) {
            case AUTHENTICATION -> "authentication";
            case NETWORK -> "network";
            case DNS -> "dns";
            case PROCESS -> "process";
            case USER_CREATED -> "iam";
            case IDS_ALERT, NOTICE -> "intrusion_detection";
        };
    }

    private static String action(Activity a) {
        return switch (a.kind()) {
            case AUTHENTICATION -> "logon";
            case NETWORK -> "connection";
            case DNS -> "query";
            case PROCESS -> "process_start";
            case USER_CREATED -> "user_created";
            case IDS_ALERT -> "alert";
            case NOTICE -> "notice";
        };
    }

    private static String signature(Activity a) {
        return switch (a.kind()) {
            case IDS_ALERT -> a.detail();
            case NOTICE -> a.signatureCategory() + ": " + a.detail();
            case USER_CREATED -> "User account created: " + a.detail();
            case DNS -> "DNS query " + a.detail();
            default -> null;
        };
    }
}
