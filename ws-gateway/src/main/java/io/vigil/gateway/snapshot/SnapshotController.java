package io.vigil.gateway.snapshot;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.gateway.config.GatewayProperties;
import io.vigil.gateway.security.GatewayUser;
import io.vigil.gateway.session.GatewaySession;
import io.vigil.gateway.session.SessionReplies;
import io.vigil.gateway.state.ResumeResult;
import io.vigil.gateway.state.StateEntry;
import io.vigil.gateway.state.StateStore;
import io.vigil.gateway.state.StoreGate;
import io.vigil.gateway.state.StoreStatus;
import io.vigil.gateway.stream.Kind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.annotation.SubscribeMapping;
import org.springframework.stereotype.Controller;

/**
 * Snapshots and resume, answered straight to the subscribing session (never through the broker).
 * {@code /app/snapshot/<kind>}: the tenant's current state (waiting, bounded, for a rebuild of the
 * state store). {@code /app/resume/<kind>/<since>}: the
 * event-stream entries after position {@code since}, or an explicit too-old answer.
 */
@Controller
class SnapshotController {

    private final StateStore state;
    private final StoreGate gate;
    private final SessionReplies replies;
    private final Counter incomplete;
    private final long retryAfterMs;
    /** Snapshots released by a finished rebuild are read off the checking thread. */
    private final Executor readers = Executors.newVirtualThreadPerTaskExecutor();

    SnapshotController(
            StateStore state,
            StoreGate gate,
            SessionReplies replies,
            GatewayProperties properties,
            MeterRegistry meters) {
        this.state = state;
        this.gate = gate;
        this.replies = replies;
        this.retryAfterMs =
                properties.state().rebuild().checkInterval().multipliedBy(2).toMillis();
        this.incomplete = Counter.builder("vigil.snapshot.incomplete")
                .description("Snapshots answered with complete=false: the state store was still being rebuilt")
                .register(meters);
    }

    /**
     * The tenant's current state. While the state store is being rebuilt after a loss the answer
     * waits (without holding a thread) until the rebuild is done, at most {@code
     * vigil.state.rebuild.snapshot-wait}; then it is sent flagged {@code complete: false}.
     */
    @SubscribeMapping("/snapshot/{kind}")
    CompletableFuture<Snapshot> snapshot(@DestinationVariable String kind, SimpMessageHeaderAccessor headers) {
        GatewayUser user = user(headers);
        Kind k = bridgedKind(kind);
        CompletableFuture<StoreStatus> whole = gate.whenComplete();
        return whole.isDone()
                ? whole.thenApply(status -> take(user, k, status))
                : whole.thenApplyAsync(status -> take(user, k, status), readers);
    }

    private Snapshot take(GatewayUser user, Kind k, StoreStatus before) {
        // position first: anything written after it is also either in the items or delivered live
        String lastSeq = k.eventStream() ? state.lastSeq(user.tenant(), k) : null;
        List<StateEntry> items = state.latest(user.tenant(), k);
        // whole only if the store was complete before and still is, in the same epoch, after the read
        StoreStatus after = before.complete() ? gate.now() : before;
        boolean complete = after.complete() && Objects.equals(after.epoch(), before.epoch());
        if (complete) {
            return new Snapshot(k.id(), user.tenant(), Instant.now(), lastSeq, true, null, null, items);
        }
        incomplete.increment();
        String why = after.phase() == StoreStatus.Phase.REBUILDING
                ? "the gateway's state store is being rebuilt from Kafka (" + after.partitionsDone() + " of "
                        + after.partitionsTotal() + " partitions read): items may be missing, ask again"
                : "the gateway's state store lost its data and its rebuild has not started yet: items may be"
                        + " missing, ask again";
        return new Snapshot(k.id(), user.tenant(), Instant.now(), lastSeq, false, why, retryAfterMs, items);
    }

    @SubscribeMapping("/resume/{kind}/{since}")
    ResumeResult resume(
            @DestinationVariable String kind, @DestinationVariable String since, SimpMessageHeaderAccessor headers) {
        GatewayUser user = user(headers);
        Kind k = bridgedKind(kind);
        if (!k.eventStream()) {
            return new ResumeResult(
                    k.id(),
                    since,
                    true,
                    "too old, take a fresh snapshot: " + k.id() + " is a state stream without history",
                    List.of(),
                    null);
        }
        try {
            return state.since(user.tenant(), k, since);
        } catch (IllegalArgumentException e) {
            return new ResumeResult(
                    k.id(),
                    since,
                    true,
                    "too old, take a fresh snapshot: " + e.getMessage(),
                    List.of(),
                    state.lastSeq(user.tenant(), k));
        }
    }

    /** A bad request on a subscription is answered on /user/queue/errors, the session stays open. */
    @MessageExceptionHandler(IllegalArgumentException.class)
    void onBadRequest(IllegalArgumentException e, SimpMessageHeaderAccessor headers) {
        replies.send(
                headers.getSessionId(),
                SessionReplies.ERRORS,
                Map.of("error", e.getMessage(), "destination", String.valueOf(headers.getDestination())));
    }

    private static Kind bridgedKind(String id) {
        return Kind.fromId(id)
                .filter(Kind::bridged)
                .orElseThrow(() ->
                        new IllegalArgumentException("unknown kind '" + id + "' (scores, metrics, anomalies, alerts)"));
    }

    private static GatewayUser user(SimpMessageHeaderAccessor headers) {
        return GatewaySession.of(headers.getSessionAttributes())
                .orElseThrow(() -> new IllegalStateException("no authenticated session"))
                .user();
    }
}
