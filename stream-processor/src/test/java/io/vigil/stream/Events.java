package io.vigil.stream;

import io.vigil.contracts.event.Entities;
import io.vigil.contracts.event.Outcome;
import io.vigil.contracts.event.RawReference;
import io.vigil.contracts.event.SecurityEvent;
import io.vigil.contracts.event.Severity;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Builds canonical events for topology tests. */
public final class Events {

    private static final AtomicLong IDS = new AtomicLong();

    private Events() {}

    public static SecurityEvent ids(String tenant, Instant time, Severity severity, String src, String dst, int port) {
        return event(
                tenant,
                time,
                "intrusion_detection",
                "alert",
                Outcome.UNKNOWN,
                severity,
                new Entities(null, null, src, 40000, dst, port, "tcp"),
                "ET SCAN test");
    }

    public static SecurityEvent auth(String tenant, Instant time, Outcome outcome, String user, String src) {
        return event(
                tenant,
                time,
                "authentication",
                "logon",
                outcome,
                outcome == Outcome.FAILURE ? Severity.LOW : Severity.INFO,
                new Entities("dc-1", user, src, null, null, null, null),
                "logon");
    }

    public static SecurityEvent event(
            String tenant,
            Instant time,
            String category,
            String action,
            Outcome outcome,
            Severity severity,
            Entities entities,
            String signature) {
        return new SecurityEvent(
                "e-" + IDS.incrementAndGet(),
                time,
                tenant,
                "test",
                category,
                action,
                outcome,
                severity,
                entities,
                signature,
                null,
                new RawReference("canonical", "siem.events", 0, 0L, null));
    }
}
