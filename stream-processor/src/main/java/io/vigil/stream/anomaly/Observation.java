package io.vigil.stream.anomaly;

import io.vigil.contracts.event.Outcome;
import io.vigil.contracts.event.SecurityEvent;
import io.vigil.contracts.topic.VigilSerdes;
import io.vigil.stream.codec.CompactSerde;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;

/**
 * The few fields of an event that a per-subject detector needs, keyed by
 * {@code tenant/detector/subject} for the repartition (so only these cross the network).
 */
record Observation(
        String tenant, String detector, String subject, Instant time, String dstIp, Integer dstPort, Outcome outcome) {

    static final String FAN_OUT = "fan_out";
    static final String AUTH_BURST = "auth_burst";

    /** Compact binary, for the repartition topic (JSON values written before still read). */
    static final CompactSerde<Observation> SERDE = CompactSerde.of(
            (o, out) -> {
                out.writeString(o.tenant);
                out.writeString(o.detector);
                out.writeString(o.subject);
                out.writeInstant(o.time);
                out.writeString(o.dstIp);
                out.writeNullableInt(o.dstPort);
                out.writeEnum(o.outcome);
            },
            in -> new Observation(
                    in.readString(),
                    in.readString(),
                    in.readString(),
                    in.readInstant(),
                    in.readString(),
                    in.readNullableInt(),
                    in.readEnum(Outcome.class)),
            VigilSerdes.json(Observation.class));

    static List<KeyValue<String, Observation>> of(SecurityEvent event) {
        List<KeyValue<String, Observation>> out = new ArrayList<>(3);
        var e = event.entities();
        if (e.srcIp() != null && (e.dstIp() != null || e.dstPort() != null)) {
            add(out, event, FAN_OUT, "ip/" + e.srcIp());
        }
        if ("authentication".equals(event.category()) && event.outcome() != Outcome.UNKNOWN) {
            if (e.user() != null) add(out, event, AUTH_BURST, "user/" + e.user());
            if (e.srcIp() != null) add(out, event, AUTH_BURST, "ip/" + e.srcIp());
        }
        return out;
    }

    private static void add(
            List<KeyValue<String, Observation>> out, SecurityEvent event, String detector, String subject) {
        var e = event.entities();
        out.add(KeyValue.pair(
                event.tenant() + "/" + detector + "/" + subject,
                new Observation(
                        event.tenant(), detector, subject, event.time(), e.dstIp(), e.dstPort(), event.outcome())));
    }
}
