package io.vigil.gateway.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.IntSupplier;

/** The shared delivery's meters (docs/gateway.md, "Metrics"). */
final class DeliveryMetrics {

    private final Counter framesOut;
    private final Counter fanOut;
    private final Counter conflated;
    private final Counter dropped;
    private final Counter slowClosed;
    private final Counter gaps;

    DeliveryMetrics(MeterRegistry meters, IntSupplier sharedSubscriptions) {
        // the same meter the outbound channel interceptor counts relayed frames with
        framesOut =
                Counter.builder("vigil.stomp.frames").tag("direction", "out").register(meters);
        fanOut = Counter.builder("vigil.delivery.fanout.frames")
                .description("Frames fanned out locally from shared subscriptions (before conflation)")
                .register(meters);
        conflated = Counter.builder("vigil.delivery.conflated.frames")
                .description("Frames replaced by a newer value of the same key before a lagging session got them")
                .register(meters);
        dropped = Counter.builder("vigil.delivery.dropped.frames")
                .description("Frames dropped because their session was hopelessly behind and was closed")
                .register(meters);
        slowClosed = Counter.builder("vigil.delivery.slow.sessions.closed")
                .description("Sessions closed because they stayed hopelessly behind")
                .register(meters);
        gaps = Counter.builder("vigil.delivery.shared.gaps")
                .description("Losses of the shared broker subscriptions (sessions were told to resume)")
                .register(meters);
        Gauge.builder("vigil.delivery.shared.subscriptions", sharedSubscriptions::getAsInt)
                .description("Broker subscriptions (bindings) this instance holds for local fan-out")
                .register(meters);
    }

    void sent() {
        framesOut.increment();
    }

    void fannedOut() {
        fanOut.increment();
    }

    void conflated() {
        conflated.increment();
    }

    void closedSlow(int droppedFrames) {
        slowClosed.increment();
        dropped.increment(droppedFrames);
    }

    void gap() {
        gaps.increment();
    }
}
