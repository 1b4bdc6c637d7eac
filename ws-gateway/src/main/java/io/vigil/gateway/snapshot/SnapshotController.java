package io.vigil.gateway.snapshot;

import io.vigil.gateway.security.GatewayUser;
import io.vigil.gateway.session.GatewaySession;
import io.vigil.gateway.session.SessionReplies;
import io.vigil.gateway.state.ResumeResult;
import io.vigil.gateway.state.StateStore;
import io.vigil.gateway.stream.Kind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.annotation.SubscribeMapping;
import org.springframework.stereotype.Controller;

/**
 * Snapshots and resume, answered straight to the subscribing session (never through the broker).
 * {@code /app/snapshot/<kind>}: the tenant's current state. {@code /app/resume/<kind>/<since>}: the
 * event-stream entries after position {@code since}, or an explicit too-old answer.
 */
@Controller
class SnapshotController {

    private final StateStore state;
    private final SessionReplies replies;

    SnapshotController(StateStore state, SessionReplies replies) {
        this.state = state;
        this.replies = replies;
    }

    @SubscribeMapping("/snapshot/{kind}")
    Snapshot snapshot(@DestinationVariable String kind, SimpMessageHeaderAccessor headers) {
        GatewayUser user = user(headers);
        Kind k = bridgedKind(kind);
        // position first: anything written after it is also either in the items or delivered live
        String lastSeq = k.eventStream() ? state.lastSeq(user.tenant(), k) : null;
        List<io.vigil.gateway.state.StateEntry> items = state.latest(user.tenant(), k);
        return new Snapshot(k.id(), user.tenant(), Instant.now(), lastSeq, items);
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
