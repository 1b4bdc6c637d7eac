package io.vigil.stream.anomaly;

import io.vigil.contracts.event.Outcome;
import io.vigil.contracts.event.SecurityEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;

/**
 * The few fields of an event that a per-subject detector needs, keyed by
 * {@code tenant/detector/subject} for the repartition (so only these cross the network).
 */
record Observation(String tenant, String detector, String subject, Instant time, String dstIp, Integer dstPort,
        Outcome outcome) {

    static final String FAN_OUT = "fan_out";
    static final String AUTH_BURST = "auth_burst";

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

    private static void add(List<KeyValue<String, Observation>> out, SecurityEvent event, String detector,
            String subject) {
        var e = event.entities();
        out.add(KeyValue.pair(event.tenant() + "/" + detector + "/" + subject,
                new Observation(event.tenant(), detector, subject, event.time(), e.dstIp(), e.dstPort(),
                        event.outcome())));
    }
}
