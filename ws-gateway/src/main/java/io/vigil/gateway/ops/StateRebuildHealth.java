package io.vigil.gateway.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.gateway.state.StoreGate;
import io.vigil.gateway.state.StoreStatus;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health indicator {@code stateRebuild}: whether the latest state in Redis is whole, or being
 * rebuilt from the compacted topics after a loss (with its progress), as the periodic marker check
 * last saw it. Always UP: live delivery works meanwhile and snapshots say when they are incomplete,
 * so the instance stays in service (it is not part of the readiness group). Also the gauge {@code
 * vigil.bridge.rebuild.active}.
 */
@Component("stateRebuild")
class StateRebuildHealth implements HealthIndicator {

    private final StoreGate gate;

    StateRebuildHealth(StoreGate gate, MeterRegistry meters) {
        this.gate = gate;
        Gauge.builder("vigil.bridge.rebuild.active", gate, g -> g.last().complete() ? 0 : 1)
                .description("1 while the gateway's Redis state is lost or being rebuilt from the compacted topics")
                .register(meters);
    }

    @Override
    public Health health() {
        StoreStatus status = gate.last();
        Health.Builder health =
                Health.up().withDetail("state", status.phase().name().toLowerCase(java.util.Locale.ROOT));
        if (status.epoch() != null) {
            health.withDetail("epoch", status.epoch())
                    .withDetail("rebuiltBy", status.owner())
                    .withDetail("startedAt", String.valueOf(status.startedAt()))
                    .withDetail("records", status.records())
                    .withDetail("partitions", status.partitionsDone() + "/" + status.partitionsTotal());
        }
        if (status.finishedAt() != null) {
            health.withDetail("finishedAt", status.finishedAt().toString());
        }
        return health.build();
    }
}
