package io.vigil.simulator.run;

import io.vigil.simulator.formats.FormatMix;
import io.vigil.simulator.kafka.EventSink;
import io.vigil.simulator.population.PopulationFactory;
import io.vigil.simulator.population.TenantPopulation;
import io.vigil.simulator.scenario.ScenarioKind;
import io.vigil.simulator.traffic.Activity;
import io.vigil.simulator.traffic.DailyShape;
import io.vigil.simulator.traffic.Simulation;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drives a {@link Simulation} in real time for the {@code run} and {@code simulate} commands:
 * every few milliseconds it injects due scenarios, sends what fell due, and every 10 seconds of
 * its clock prints a status line. {@link #step(Instant)} does one round for a given instant, so
 * tests run it on made-up time.
 */
public final class TrafficLoop {

    static final Duration STATUS_EVERY = Duration.ofSeconds(10);
    private static final long TICK_MILLIS = 20;

    private final Simulation simulation;
    private final Optional<ScenarioInjector> injector;
    private final Emitter emitter;
    private final SendStats stats = new SendStats();
    private final PrintStream out;
    private Instant nextStatus;
    private long sentAtLastStatus;

    private TrafficLoop(
            List<TenantPopulation> tenants,
            double rate,
            DailyShape shape,
            Function<List<TenantPopulation>, Optional<ScenarioInjector>> injector,
            RandomGenerator random,
            EventSink sink,
            PrintStream out) {
        this.simulation = new Simulation(tenants, rate, shape, random);
        this.injector = injector.apply(tenants);
        this.emitter = new Emitter(
                new FormatMix(JsonMapper.builder().build(), random),
                tenants.stream().collect(Collectors.toMap(TenantPopulation::tenant, TenantPopulation::site)),
                sink,
                stats);
        this.out = out;
    }

    /** Several tenants, office-hours shaped, a random scenario every {@code scenarioEvery}. */
    public static TrafficLoop continuous(
            List<String> tenants,
            double rate,
            Duration scenarioEvery,
            RandomGenerator random,
            EventSink sink,
            PrintStream out) {
        return new TrafficLoop(
                populations(tenants),
                rate,
                DailyShape.OFFICE_HOURS,
                t -> Optional.of(ScenarioInjector.periodic(t, scenarioEvery, random)),
                random,
                sink,
                out);
    }

    /** One tenant at a flat rate (the rate asked for), and the given scenario {@code delay} after the start. */
    public static TrafficLoop single(
            String tenant,
            double rate,
            Optional<ScenarioKind> scenario,
            Duration delay,
            RandomGenerator random,
            EventSink sink,
            PrintStream out) {
        return new TrafficLoop(
                populations(List.of(tenant)),
                rate,
                DailyShape.FLAT,
                t -> scenario.map(kind -> ScenarioInjector.once(t.getFirst(), kind, delay, random)),
                random,
                sink,
                out);
    }

    private static List<TenantPopulation> populations(List<String> tenants) {
        return tenants.stream().map(PopulationFactory::create).toList();
    }

    /** Runs until {@code end} (null: no end) or until {@code stop} says so; returns the counts. */
    public SendStats runUntil(Clock clock, Instant end, BooleanSupplier stop) {
        while (!stop.getAsBoolean()) {
            Instant now = clock.instant();
            if (end != null && now.isAfter(end)) {
                break;
            }
            step(now);
            try {
                Thread.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return stats;
    }

    /** One round at {@code now}: start due scenarios, send due activities, print status if due. */
    public void step(Instant now) {
        injector.ifPresent(i -> {
            List<Activity> planned = i.due(now);
            if (!planned.isEmpty()) {
                simulation.schedule(planned);
                out.println(now.truncatedTo(ChronoUnit.SECONDS) + " scenario started: "
                        + i.latest().orElseThrow());
            }
        });
        for (Activity activity : simulation.advance(now)) {
            emitter.emit(activity);
        }
        if (nextStatus == null) {
            nextStatus = now.plus(STATUS_EVERY);
        } else if (!now.isBefore(nextStatus)) {
            printStatus(now);
            nextStatus = nextStatus.plus(STATUS_EVERY);
        }
    }

    private void printStatus(Instant now) {
        long total = stats.total();
        double perSecond = (total - sentAtLastStatus) / (double) STATUS_EVERY.toSeconds();
        sentAtLastStatus = total;
        String scenario =
                injector.flatMap(i -> i.running(now)).map(Object::toString).orElse("none");
        out.printf(
                "%s sent=%d (%.1f/s) %s | scenario running: %s%n",
                now.truncatedTo(ChronoUnit.SECONDS), total, perSecond, stats.perFormat(), scenario);
    }

    public SendStats stats() {
        return stats;
    }

    /** A one-line description of the last scenario injected, or "none". */
    public String lastScenario() {
        return injector.flatMap(ScenarioInjector::latest).map(Object::toString).orElse("none");
    }

    /** Scenario activities planned but not yet sent (a run that ended too early for its scenario). */
    public int unsentScenarioActivities() {
        return simulation.pendingScenarioActivities();
    }
}
