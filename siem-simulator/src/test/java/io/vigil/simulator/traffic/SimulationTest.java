package io.vigil.simulator.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.simulator.population.PopulationFactory;
import io.vigil.simulator.population.TenantPopulation;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Drives the simulation on made-up time: rate, daily shape, mix of kinds, scenario release. */
class SimulationTest {

    private static final Instant NOON_UTC = Instant.parse("2026-11-23T12:00:00Z");
    private static final List<TenantPopulation> TENANTS =
            List.of(PopulationFactory.create("acme"), PopulationFactory.create("globex"));

    @Test
    void flatShapeProducesTheAskedRateSplitOverTenants() {
        Simulation simulation = new Simulation(TENANTS, 40, DailyShape.FLAT, new Random(1));

        List<Activity> all = drive(simulation, NOON_UTC, Duration.ofSeconds(60), Duration.ofMillis(100));

        assertThat(all).hasSizeBetween(2_390, 2_400);
        Map<String, Long> perTenant =
                all.stream().collect(Collectors.groupingBy(Activity::tenant, Collectors.counting()));
        assertThat(perTenant.get("acme")).isBetween(1_195L, 1_200L);
        assertThat(all).allMatch(a -> !a.time().isBefore(NOON_UTC) && !a.time().isAfter(NOON_UTC.plusSeconds(60)));
        assertThat(all).allMatch(a -> a.scenario() == null);
    }

    @Test
    void backgroundIsARealisticMixOfKinds() {
        Simulation simulation = new Simulation(TENANTS, 100, DailyShape.FLAT, new Random(2));

        List<Activity> all = drive(simulation, NOON_UTC, Duration.ofSeconds(60), Duration.ofSeconds(1));
        Map<Kind, Long> perKind = all.stream().collect(Collectors.groupingBy(Activity::kind, Collectors.counting()));

        Set<Kind> background = EnumSet.of(Kind.NETWORK, Kind.DNS, Kind.AUTHENTICATION, Kind.PROCESS, Kind.IDS_ALERT);
        assertThat(perKind.keySet()).containsAll(background);
        assertThat(perKind.get(Kind.NETWORK)).isGreaterThan(perKind.get(Kind.IDS_ALERT) * 5);
        long failures = all.stream()
                .filter(a -> a.kind() == Kind.AUTHENTICATION && a.outcome() == io.vigil.contracts.event.Outcome.FAILURE)
                .count();
        assertThat(failures).isPositive().isLessThan(perKind.get(Kind.AUTHENTICATION) / 4);
    }

    /**
     * The stream processor's fan-out detector fires at 5 distinct ports or 10 distinct hosts per
     * source address in a minute, and its auth-burst detector at 10 failures per user or address:
     * ordinary traffic, even at a high rate, must stay below both so only the attacks trip them.
     */
    @Test
    void backgroundStaysBelowTheFanOutAndAuthBurstThresholdsEvenAtHighRates() {
        Simulation simulation =
                new Simulation(List.of(PopulationFactory.create("acme")), 500, DailyShape.FLAT, new Random(6));

        List<Activity> minute = drive(simulation, NOON_UTC, Duration.ofSeconds(59), Duration.ofMillis(500));

        assertThat(minute).hasSizeGreaterThan(29_000);
        Map<String, List<Activity>> bySource = minute.stream()
                .filter(a -> a.srcIp() != null && a.dstIp() != null)
                .collect(Collectors.groupingBy(Activity::srcIp));
        bySource.forEach((source, activities) -> {
            if (activities.size() < 5) {
                return; // internet noise: one probe per random address
            }
            assertThat(activities.stream().map(Activity::dstPort).distinct().count())
                    .as(source)
                    .isLessThan(5);
            assertThat(activities.stream().map(Activity::dstIp).distinct().count())
                    .as(source)
                    .isLessThan(10);
        });
        Map<String, Long> failuresPerUser = minute.stream()
                .filter(a -> a.kind() == Kind.AUTHENTICATION && a.outcome() == io.vigil.contracts.event.Outcome.FAILURE)
                .collect(Collectors.groupingBy(Activity::user, Collectors.counting()));
        assertThat(failuresPerUser.values()).allMatch(count -> count < 10);
    }

    @Test
    void officeHoursAreBusierThanNights() {
        DailyShape shape = DailyShape.OFFICE_HOURS;
        ZoneOffset utc = ZoneOffset.UTC;
        double night = shape.factor(Instant.parse("2026-11-23T03:00:00Z"), utc);
        double morning = shape.factor(Instant.parse("2026-11-23T10:30:00Z"), utc);
        assertThat(morning).isGreaterThan(night * 4);
        // The same instant is office hours in acme (UTC-5) but night in initech (UTC+9).
        Instant instant = Instant.parse("2026-11-23T15:00:00Z");
        assertThat(shape.factor(instant, PopulationFactory.create("acme").site().offset()))
                .isGreaterThan(shape.factor(
                                instant,
                                PopulationFactory.create("initech").site().offset())
                        * 3);
        double mean = 0;
        for (int minute = 0; minute < 24 * 60; minute++) {
            mean += shape.factor(Instant.parse("2026-11-23T00:00:00Z").plusSeconds(minute * 60L), utc) / (24 * 60);
        }
        assertThat(mean).isBetween(0.98, 1.02);
    }

    @Test
    void scheduledActivitiesAreReleasedWhenTheirTimeComesAndNotBefore() {
        Simulation simulation = new Simulation(TENANTS, 0.0001, DailyShape.FLAT, new Random(3));
        Activity later = Activity.builder(NOON_UTC.plusSeconds(10), "acme", Kind.NETWORK)
                .build()
                .inScenario("x");
        simulation.schedule(List.of(later));

        assertThat(simulation.advance(NOON_UTC)).isEmpty();
        assertThat(simulation.advance(NOON_UTC.plusSeconds(9))).isEmpty();
        assertThat(simulation.pendingScenarioActivities()).isEqualTo(1);
        assertThat(simulation.advance(NOON_UTC.plusSeconds(10))).containsExactly(later);
        assertThat(simulation.pendingScenarioActivities()).isZero();
    }

    @Test
    void aLongPauseDoesNotCauseAHugeCatchUpBurst() {
        Simulation simulation = new Simulation(TENANTS, 50, DailyShape.FLAT, new Random(4));
        simulation.advance(NOON_UTC);

        assertThat(simulation.advance(NOON_UTC.plusSeconds(600))).hasSizeLessThanOrEqualTo(250);
    }

    @Test
    void theSameSeedGivesTheSameEvents() {
        Function<Long, List<Activity>> run = seed -> drive(
                new Simulation(TENANTS, 20, DailyShape.OFFICE_HOURS, new Random(seed)),
                NOON_UTC,
                Duration.ofSeconds(5),
                Duration.ofMillis(250));
        assertThat(run.apply(9L)).isEqualTo(run.apply(9L));
    }

    private static List<Activity> drive(Simulation simulation, Instant start, Duration length, Duration step) {
        List<Activity> all = new ArrayList<>();
        for (Instant now = start; !now.isAfter(start.plus(length)); now = now.plus(step)) {
            all.addAll(simulation.advance(now));
        }
        return all;
    }
}
