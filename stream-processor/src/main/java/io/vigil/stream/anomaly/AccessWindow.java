package io.vigil.stream.anomaly;

import java.util.HashSet;
import java.util.Set;

/**
 * The state of one subject's detector window: distinct destination ports and hosts (fan-out),
 * failed logons and the first success after a burst (auth burst), and the version of the last
 * anomaly emitted. The distinct sets stop growing at a cap far above the thresholds, so a scan of
 * every port costs a bounded amount of state.
 */
record AccessWindow(
        String tenant,
        String detector,
        String subject,
        long start,
        Set<Integer> ports,
        Set<String> hosts,
        long failures,
        long successAt,
        long version) {

    static AccessWindow open(Observation o, long start) {
        return new AccessWindow(o.tenant(), o.detector(), o.subject(), start, new HashSet<>(), new HashSet<>(), 0, 0, 0);
    }

    AccessWindow withFailure() {
        return new AccessWindow(tenant, detector, subject, start, ports, hosts, failures + 1, successAt, version);
    }

    AccessWindow withSuccessAt(long time) {
        return new AccessWindow(tenant, detector, subject, start, ports, hosts, failures, time, version);
    }

    AccessWindow withVersion(long next) {
        return new AccessWindow(tenant, detector, subject, start, ports, hosts, failures, successAt, next);
    }
}
