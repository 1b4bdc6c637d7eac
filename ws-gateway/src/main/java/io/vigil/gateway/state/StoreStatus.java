package io.vigil.gateway.state;

import java.time.Instant;
import java.util.Map;

/**
 * Whether the latest state in Redis is whole, as recorded in the state marker (a hash under the
 * gateway's prefix, {@code P:state}, see {@link StateMarker}). The marker is written when a rebuild
 * starts; Redis that lost its data has no marker, so its absence is how a loss is noticed.
 *
 * @param phase {@code LOST} (no marker: Redis lost its data, or this prefix was never filled), {@code
 *     REBUILDING} (an instance is reading the compacted topics into Redis) or {@code COMPLETE}
 * @param epoch names one filling of Redis: a new epoch starts with every rebuild after a loss
 * @param owner the instance that rebuilds (or rebuilt) it
 * @param attempt the current rebuild attempt (a new one when another instance takes a lapsed lease over)
 * @param claimed true if this very check made the caller the owner: it must now rebuild
 */
public record StoreStatus(
        Phase phase,
        String epoch,
        String owner,
        String attempt,
        Instant startedAt,
        Instant finishedAt,
        Instant leaseUntil,
        long records,
        int partitionsDone,
        int partitionsTotal,
        boolean claimed) {

    /** The store as nobody has seen it yet (before the first check), treated like a loss. */
    public static final StoreStatus UNKNOWN =
            new StoreStatus(Phase.LOST, null, null, null, null, null, null, 0, 0, 0, false);

    /** The state of the store. */
    public enum Phase {
        LOST,
        REBUILDING,
        COMPLETE
    }

    public boolean complete() {
        return phase == Phase.COMPLETE;
    }

    static StoreStatus from(Map<String, String> fields) {
        String phase = fields.get("phase");
        return new StoreStatus(
                phase == null ? Phase.LOST : Phase.valueOf(phase.toUpperCase(java.util.Locale.ROOT)),
                fields.get("epoch"),
                fields.get("owner"),
                fields.get("attempt"),
                instant(fields.get("startedAt")),
                instant(fields.get("finishedAt")),
                instant(fields.get("leaseUntil")),
                number(fields.get("records")),
                (int) number(fields.get("partitionsDone")),
                (int) number(fields.get("partitionsTotal")),
                "1".equals(fields.get("claimed")));
    }

    private static Instant instant(String millis) {
        return millis == null ? null : Instant.ofEpochMilli(Long.parseLong(millis));
    }

    private static long number(String value) {
        return value == null ? 0 : Long.parseLong(value);
    }
}
