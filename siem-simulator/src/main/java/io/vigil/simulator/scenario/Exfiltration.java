package io.vigil.simulator.scenario;

import io.vigil.contracts.event.Outcome;
import io.vigil.contracts.event.Severity;
import io.vigil.simulator.population.Host;
import io.vigil.simulator.population.TenantPopulation;
import io.vigil.simulator.traffic.Activity;
import io.vigil.simulator.traffic.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A data exfiltration burst: one internal host (a Linux server or a workstation) pushes 60
 * large uploads, 5 to 50 MB each, to one external address within 30 seconds, and the IDS flags
 * the transfer. Feeds the rate-spike detector (bytes and flows) and the host's and IP's scores.
 */
final class Exfiltration implements Scenario {

    static final int UPLOADS = 60;
    static final long MIN_BYTES = 5_000_000;
    private static final Duration LENGTH = Duration.ofSeconds(30);

    @Override
    public String name() {
        return "exfiltration";
    }

    @Override
    public Duration length() {
        return LENGTH;
    }

    @Override
    public List<Activity> plan(Instant start, TenantPopulation tenant, RandomGenerator random) {
        Host host = random.nextBoolean() ? tenant.anyWorkstation(random) : tenant.anyServer(random, false);
        String drop = tenant.anyHostileIp(random);
        List<Activity> plan = new ArrayList<>();
        long stepMillis = LENGTH.toMillis() / UPLOADS;
        for (int i = 0; i < UPLOADS; i++) {
            long bytesOut = MIN_BYTES + (long) (random.nextDouble() * 45_000_000);
            Instant time = start.plusMillis(i * stepMillis + random.nextLong(stepMillis / 2 + 1));
            plan.add(Activity.builder(time, tenant.tenant(), Kind.NETWORK)
                    .host(host.name())
                    .user(host.owner())
                    .source(host.ip(), 50_100 + i)
                    .destination(drop, 443)
                    .protocol("tcp", "tls")
                    .outcome(Outcome.SUCCESS)
                    .traffic(
                            bytesOut,
                            40_000 + random.nextInt(20_000),
                            bytesOut / 1_400,
                            bytesOut / 2_800,
                            4 + random.nextDouble() * 20)
                    .severity(Severity.MEDIUM)
                    .build());
        }
        plan.add(Activity.builder(start.plusSeconds(12), tenant.tenant(), Kind.IDS_ALERT)
                .host(host.name())
                .source(host.ip(), 50_110)
                .destination(drop, 443)
                .protocol("tcp", "tls")
                .signature(
                        2027865,
                        "ET POLICY Large Outbound Transfer to Untrusted External Host",
                        "Potential Corporate Privacy Violation")
                .traffic(25_000_000, 50_000, 17_800, 9_000, 15)
                .severity(Severity.HIGH)
                .build());
        return plan.stream().map(a -> a.inScenario(name())).toList();
    }
}
