package io.vigil.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.contracts.event.Outcome;
import io.vigil.simulator.population.PopulationFactory;
import io.vigil.simulator.population.TenantPopulation;
import io.vigil.simulator.traffic.Activity;
import io.vigil.simulator.traffic.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The attacks have the shapes the stream processor's detectors look for. Scenarios are planned on
 * made-up time, so nothing here waits.
 */
class ScenarioShapeTest {

    private static final Instant START = Instant.parse("2026-11-22T10:00:00Z");
    private static final TenantPopulation ACME = PopulationFactory.create("acme");

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void portScanHitsManyDistinctPortsFromOneSourceWithinAMinute(long seed) {
        List<Activity> plan = ScenarioKind.PORT_SCAN.create().plan(START, ACME, new Random(seed));
        List<Activity> probes = within(plan, Duration.ofSeconds(60)).stream()
                .filter(a -> a.kind() == Kind.NETWORK)
                .toList();

        assertThat(probes.stream().map(Activity::srcIp).distinct()).hasSize(1);
        assertThat(probes.stream().map(Activity::dstPort).distinct().count()).isGreaterThanOrEqualTo(200);
        assertThat(probes.stream().map(Activity::dstIp).distinct().count()).isGreaterThanOrEqualTo(5);
        assertThat(probes.stream().filter(a -> a.outcome() == Outcome.FAILURE).count())
                .isGreaterThan(probes.size() / 2);
        assertThat(plan).anyMatch(a -> a.kind() == Kind.IDS_ALERT).anyMatch(a -> a.kind() == Kind.NOTICE);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void bruteForceIsABurstOfFailuresForOneUserAndSourceThenOneSuccess(long seed) {
        List<Activity> logons = ScenarioKind.BRUTE_FORCE.create().plan(START, ACME, new Random(seed)).stream()
                .filter(a -> a.kind() == Kind.AUTHENTICATION)
                .sorted(Comparator.comparing(Activity::time))
                .toList();
        List<Activity> failures =
                logons.stream().filter(a -> a.outcome() == Outcome.FAILURE).toList();

        assertThat(failures).hasSizeGreaterThanOrEqualTo(50);
        assertThat(within(failures, Duration.ofSeconds(60))).hasSameSizeAs(failures);
        assertThat(logons.stream().map(Activity::user).distinct()).hasSize(1);
        assertThat(logons.stream().map(Activity::srcIp).distinct()).hasSize(1);
        assertThat(logons.getLast().outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(logons.stream().filter(a -> a.outcome() == Outcome.SUCCESS)).hasSize(1);
        // More than 10 failures in any 10 seconds: a burst, not background noise.
        assertThat(within(failures, Duration.ofSeconds(10))).hasSizeGreaterThan(10);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void beaconingIsPeriodicWithBoundedJitterToOneExternalAddress(long seed) {
        List<Activity> plan = ScenarioKind.BEACONING.create().plan(START, ACME, new Random(seed));
        List<Activity> beacons = plan.stream()
                .filter(a -> a.kind() == Kind.NETWORK)
                .sorted(Comparator.comparing(Activity::time))
                .toList();

        assertThat(beacons).hasSizeGreaterThanOrEqualTo(15);
        assertThat(beacons.stream().map(Activity::dstIp).distinct()).hasSize(1);
        assertThat(beacons.stream().map(Activity::srcIp).distinct()).hasSize(1);
        assertThat(beacons.getFirst().dstIp()).doesNotStartWith("10.");
        long period = Beaconing.PERIOD.toMillis();
        long maxJitter = (long) (Beaconing.JITTER * period);
        for (int i = 1; i < beacons.size(); i++) {
            long gap = Duration.between(
                            beacons.get(i - 1).time(), beacons.get(i).time())
                    .toMillis();
            assertThat(gap).isBetween(period - 2 * maxJitter, period + 2 * maxJitter);
        }
        assertThat(beacons)
                .allMatch(a -> a.traffic().bytesOut() < 1_000 && a.traffic().bytesIn() < 1_000);
        assertThat(plan.stream().filter(a -> a.kind() == Kind.IDS_ALERT)).hasSizeBetween(1, 2);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void exfiltrationIsABurstOfLargeUploadsToOneExternalAddress(long seed) {
        List<Activity> plan = ScenarioKind.EXFILTRATION.create().plan(START, ACME, new Random(seed));
        List<Activity> uploads = within(plan, Duration.ofSeconds(60)).stream()
                .filter(a -> a.kind() == Kind.NETWORK)
                .toList();

        assertThat(uploads).hasSizeGreaterThanOrEqualTo(30);
        assertThat(uploads).allMatch(a -> a.traffic().bytesOut() >= Exfiltration.MIN_BYTES);
        assertThat(uploads.stream().mapToLong(a -> a.traffic().bytesOut()).sum())
                .isGreaterThan(500_000_000L);
        assertThat(uploads.stream().map(Activity::dstIp).collect(Collectors.toSet()))
                .hasSize(1);
        assertThat(uploads.stream().map(Activity::srcIp).collect(Collectors.toSet()))
                .hasSize(1);
        assertThat(plan).anyMatch(a -> a.kind() == Kind.IDS_ALERT);
    }

    @ParameterizedTest
    @EnumSource(ScenarioKind.class)
    void everyActivityIsTaggedAndTimedWithinTheScenario(ScenarioKind kind) {
        Scenario scenario = kind.create();
        List<Activity> plan = scenario.plan(START, ACME, new Random(11));

        assertThat(plan)
                .isNotEmpty()
                .allMatch(a -> a.scenario().equals(kind.cliName()) && a.tenant().equals("acme"));
        Instant end = START.plus(scenario.length()).plusSeconds(5);
        assertThat(plan)
                .allMatch(a ->
                        !a.time().isBefore(START.minusSeconds(1)) && a.time().isBefore(end));
        assertThat(scenario.name()).isEqualTo(kind.cliName());
    }

    @Test
    void scenarioNamesMatchTheCommandLine() {
        assertThat(ScenarioKind.choices()).isEqualTo("brute-force|port-scan|beaconing|exfiltration");
        assertThat(ScenarioKind.fromCliName("port-scan")).contains(ScenarioKind.PORT_SCAN);
        assertThat(ScenarioKind.fromCliName("portscan")).isEmpty();
    }

    /** The largest set of activities that fit in one window of {@code window}, sliding. */
    private static List<Activity> within(List<Activity> activities, Duration window) {
        List<Activity> sorted =
                activities.stream().sorted(Comparator.comparing(Activity::time)).toList();
        List<Activity> best = List.of();
        int from = 0;
        for (int to = 0; to < sorted.size(); to++) {
            while (Duration.between(sorted.get(from).time(), sorted.get(to).time())
                            .compareTo(window)
                    > 0) {
                from++;
            }
            if (to - from + 1 > best.size()) {
                best = sorted.subList(from, to + 1);
            }
        }
        return best;
    }
}
