package io.vigil.gateway.state;

import io.vigil.gateway.config.GatewayProperties;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Lets readers of the latest state (snapshots) wait, for a bounded time, until the store is complete
 * again after a loss. It holds the status last seen by the periodic marker check ({@link #observed}),
 * which completes the waiters once a rebuild (on any instance) has finished.
 */
@Component
public class StoreGate {

    private final StateMarker marker;
    private final Duration wait;
    private final Queue<CompletableFuture<StoreStatus>> waiters = new ConcurrentLinkedQueue<>();
    private volatile StoreStatus last = StoreStatus.UNKNOWN;

    StoreGate(StateMarker marker, GatewayProperties properties) {
        this.marker = marker;
        this.wait = properties.state().rebuild().snapshotWait();
    }

    /** The status as last seen by the periodic check (or by a reader). */
    public StoreStatus last() {
        return last;
    }

    /** A fresh look at the marker, as a reader needs it to tell whether what it read was whole. */
    public StoreStatus now() {
        return marker.read();
    }

    /** Called with every status the periodic check sees; releases the waiters once the store is complete. */
    public void observed(StoreStatus status) {
        last = status;
        if (status.complete()) {
            CompletableFuture<StoreStatus> waiter;
            while ((waiter = waiters.poll()) != null) {
                waiter.complete(status);
            }
        }
    }

    /**
     * Completes with the status once the store is complete: at once if it is (looked up in Redis, so
     * a loss is noticed by the reader itself and not only by the next periodic check), else when a
     * rebuild finishes, at the latest after {@code vigil.state.rebuild.snapshot-wait} with the
     * status then (not complete).
     */
    public CompletableFuture<StoreStatus> whenComplete() {
        StoreStatus current = marker.read();
        if (current.complete()) {
            return CompletableFuture.completedFuture(current);
        }
        CompletableFuture<StoreStatus> waiter = new CompletableFuture<>();
        waiters.add(waiter);
        // the rebuild may have finished between the read and the registration
        StoreStatus again = marker.read();
        if (again.complete()) {
            waiter.complete(again);
        }
        CompletableFuture<StoreStatus> bounded = waiter.completeOnTimeout(null, wait.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(status -> status != null ? status : last);
        bounded.whenComplete((status, error) -> waiters.remove(waiter));
        return bounded;
    }
}
