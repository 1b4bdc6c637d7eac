package io.vigil.simulator.formats;

import io.vigil.simulator.traffic.Activity;

/**
 * Sensor-assigned connection identifiers, derived from the connection itself so that the same
 * connection gets the same id in every format and run: Suricata's numeric {@code flow_id} and
 * Zeek's {@code uid} (a "C" followed by 17 base-62 characters).
 */
final class FlowIdentity {

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private FlowIdentity() {}

    static long flowId(Activity a) {
        return hash(a) & 0x7_FFFF_FFFF_FFFFL;
    }

    static String zeekUid(Activity a) {
        long value = hash(a) & Long.MAX_VALUE;
        StringBuilder uid = new StringBuilder("C");
        for (int i = 0; i < 17; i++) {
            uid.append(BASE62.charAt((int) (value % 62)));
            value = value / 62 == 0 ? hash(a) >>> (i + 1) & Long.MAX_VALUE : value / 62;
        }
        return uid.toString();
    }

    private static long hash(Activity a) {
        long h = 1125899906842597L;
        for (Object part : new Object[] {a.srcIp(), a.srcPort(), a.dstIp(), a.dstPort(), a.time()}) {
            h = 31 * h + (part == null ? 0 : part.hashCode());
        }
        return h ^ (h >>> 29) * 0x9E3779B97F4A7C15L;
    }
}
