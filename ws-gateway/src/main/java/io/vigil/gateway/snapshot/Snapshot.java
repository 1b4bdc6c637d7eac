package io.vigil.gateway.snapshot;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vigil.gateway.state.StateEntry;
import java.time.Instant;
import java.util.List;

/**
 * The current state of one tenant stream, the one reply to {@code /app/snapshot/<kind>}. Each item
 * carries its key, version, partition and offset: a client applies live messages only if their
 * {@code vigil-version} is newer than the item's. {@code lastSeq} (event streams) is the position to
 * resume from.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Snapshot(String kind, String tenant, Instant takenAt, String lastSeq, List<StateEntry> items) {}
