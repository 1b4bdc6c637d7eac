package io.vigil.simulator.run;

import io.vigil.simulator.population.TenantPopulation;
import io.vigil.simulator.scenario.Scenario;
import io.vigil.simulator.scenario.ScenarioKind;
import io.vigil.simulator.traffic.Activity;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Decides when an attack starts, against whom, and which one: either periodically (a random
 * scenario for a random tenant every period, the first soon after the start so a demo moves
 * early) or once (one given scenario shortly after the start).
 */
final class ScenarioInjector {

    /** A scenario that has been planned: what, against whom, and until when. */
    record Injected(String scenario, String tenant, Instant start, Instant end, int activities) {
        @Override
        public String toString() {
            return scenario + " on " + tenant + " (" + activities + " events, " + start.truncatedTo(ChronoUnit.SECONDS)
                    + " to " + end.truncatedTo(ChronoUnit.SECONDS) + ")";
        }
    }

    private final List<TenantPopulation> tenants;
    private final Optional<ScenarioKind> fixed;
    private final Duration period;
    private final Duration firstDelay;
    private final RandomGenerator random;
    private Instant next;
    private Injected current;

    private ScenarioInjector(
            List<TenantPopulation> tenants,
            Optional<ScenarioKind> fixed,
            Duration period,
            Duration firstDelay,
            RandomGenerator random) {
        this.tenants = tenants;
        this.fixed = fixed;
        this.period = period;
        this.firstDelay = firstDelay;
        this.random = random;
    }

    static ScenarioInjector periodic(List<TenantPopulation> tenants, Duration period, RandomGenerator random) {
        Duration first = period.compareTo(Duration.ofSeconds(20)) < 0 ? period : Duration.ofSeconds(20);
        return new ScenarioInjector(tenants, Optional.empty(), period, first, random);
    }

    static ScenarioInjector once(TenantPopulation tenant, ScenarioKind kind, Duration delay, RandomGenerator random) {
        return new ScenarioInjector(List.of(tenant), Optional.of(kind), null, delay, random);
    }

    /** The activities of a scenario that starts by {@code now}, or nothing. */
    List<Activity> due(Instant now) {
        if (next == null) {
            next = now.plus(firstDelay);
        }
        if (now.isBefore(next)) {
            return List.of();
        }
        Instant start = next;
        next = period == null ? Instant.MAX : next.plus(period);
        ScenarioKind kind = fixed.orElseGet(() -> ScenarioKind.values()[random.nextInt(ScenarioKind.values().length)]);
        TenantPopulation tenant = tenants.get(random.nextInt(tenants.size()));
        Scenario scenario = kind.create();
        List<Activity> plan = scenario.plan(start, tenant, random);
        current = new Injected(scenario.name(), tenant.tenant(), start, start.plus(scenario.length()), plan.size());
        return plan;
    }

    /** The latest scenario if it is still running at {@code now}. */
    Optional<Injected> running(Instant now) {
        return Optional.ofNullable(current).filter(c -> !now.isAfter(c.end().plusSeconds(2)));
    }

    /** The latest scenario started, running or not. */
    Optional<Injected> latest() {
        return Optional.ofNullable(current);
    }
}
