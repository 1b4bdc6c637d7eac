package io.vigil.stream.anomaly;

import io.vigil.contracts.event.Outcome;
import io.vigil.contracts.event.SecurityEvent;
import io.vigil.contracts.score.EntityType;
import io.vigil.contracts.topic.Keys;
import io.vigil.stream.codec.BinaryIn;
import io.vigil.stream.codec.BinaryOut;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The few fields of an event that a per-subject detector needs (so only these cross the network in
 * the entity repartition); the detector's state is keyed by {@link #subjectKey()}.
 */
public record Observation(
        String tenant, String detector, String subject, Instant time, String dstIp, Integer dstPort, Outcome outcome) {

    static final String FAN_OUT = "fan_out";
    static final String AUTH_BURST = "auth_burst";
    private static final String IP = "ip/";
    private static final String USER = "user/";

    /** Writes the fields in the compact format (also embedded in the entity repartition records). */
    public static void write(Observation o, BinaryOut out) {
        out.writeString(o.tenant);
        out.writeString(o.detector);
        out.writeString(o.subject);
        out.writeInstant(o.time);
        out.writeString(o.dstIp);
        out.writeNullableInt(o.dstPort);
        out.writeEnum(o.outcome);
    }

    public static Observation read(BinaryIn in) {
        return new Observation(
                in.readString(),
                in.readString(),
                in.readString(),
                in.readInstant(),
                in.readString(),
                in.readNullableInt(),
                in.readEnum(Outcome.class));
    }

    /** The detector's state key, {@code tenant/detector/subject}. */
    public String subjectKey() {
        return tenant + "/" + detector + "/" + subject;
    }

    /**
     * The threat-score entity this subject is ({@code ip/x} a source address, {@code user/x} an
     * account), so that one repartition by entity serves both the scores and the detectors.
     */
    public String entityKey() {
        return subject.startsWith(IP)
                ? Keys.entity(tenant, EntityType.IP, subject.substring(IP.length()))
                : Keys.entity(tenant, EntityType.USER, subject.substring(USER.length()));
    }

    /** The observations of one event for the per-subject detectors (none, one or a few). */
    public static List<Observation> of(SecurityEvent event) {
        List<Observation> out = new ArrayList<>(3);
        var e = event.entities();
        if (e.srcIp() != null && (e.dstIp() != null || e.dstPort() != null)) {
            add(out, event, FAN_OUT, IP + e.srcIp());
        }
        if ("authentication".equals(event.category()) && event.outcome() != Outcome.UNKNOWN) {
            if (e.user() != null) add(out, event, AUTH_BURST, USER + e.user());
            if (e.srcIp() != null) add(out, event, AUTH_BURST, IP + e.srcIp());
        }
        return out;
    }

    private static void add(List<Observation> out, SecurityEvent event, String detector, String subject) {
        var e = event.entities();
        out.add(new Observation(
                event.tenant(), detector, subject, event.time(), e.dstIp(), e.dstPort(), event.outcome()));
    }
}
