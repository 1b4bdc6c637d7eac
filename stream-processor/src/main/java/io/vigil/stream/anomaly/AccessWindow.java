package io.vigil.stream.anomaly;

import io.vigil.contracts.topic.VigilSerdes;
import io.vigil.stream.codec.BinaryIn;
import io.vigil.stream.codec.BinaryOut;
import io.vigil.stream.codec.CompactSerde;
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

    /** Compact binary, for the store and its changelog (JSON values written before still read). */
    static final CompactSerde<AccessWindow> SERDE =
            CompactSerde.of(AccessWindow::write, AccessWindow::read, VigilSerdes.json(AccessWindow.class));

    static AccessWindow open(Observation o, long start) {
        return new AccessWindow(
                o.tenant(), o.detector(), o.subject(), start, new HashSet<>(), new HashSet<>(), 0, 0, 0);
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

    private static void write(AccessWindow w, BinaryOut out) {
        out.writeString(w.tenant);
        out.writeString(w.detector);
        out.writeString(w.subject);
        out.writeLong(w.start);
        out.writeInt(w.ports.size());
        for (int port : w.ports) out.writeInt(port);
        out.writeInt(w.hosts.size());
        for (String host : w.hosts) out.writeString(host);
        out.writeLong(w.failures);
        out.writeLong(w.successAt);
        out.writeLong(w.version);
    }

    private static AccessWindow read(BinaryIn in) {
        String tenant = in.readString();
        String detector = in.readString();
        String subject = in.readString();
        long start = in.readLong();
        int portCount = in.readInt();
        Set<Integer> ports = new HashSet<>(2 * portCount);
        for (int i = 0; i < portCount; i++) ports.add(in.readInt());
        int hostCount = in.readInt();
        Set<String> hosts = new HashSet<>(2 * hostCount);
        for (int i = 0; i < hostCount; i++) hosts.add(in.readString());
        return new AccessWindow(
                tenant, detector, subject, start, ports, hosts, in.readLong(), in.readLong(), in.readLong());
    }
}
