package io.vigil.gateway.snapshot;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vigil.gateway.state.StateEntry;
import java.time.Instant;
import java.util.List;

/**
 * The current state of one tenant stream, the one reply to {@code /app/snapshot/<kind>}. Each item
 * carries its key, version, partition and offset: a client applies live messages only if their
 * {@code vigil-version} is newer than the item's. {@code lastSeq} (event streams) is the position to
 * resume from. {@code complete} is false when the gateway's state store was still being rebuilt
 * after a loss (docs/gateway.md, "Redis lost its data"): items may be missing, {@code incomplete}
 * says why, and the client should ask for the snapshot again after {@code retryAfterMs}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Snapshot(
        String kind,
        String tenant,
        Instant takenAt,
        String lastSeq,
        boolean complete,
        String incomplete,
        Long retryAfterMs,
        List<StateEntry> items) {}
