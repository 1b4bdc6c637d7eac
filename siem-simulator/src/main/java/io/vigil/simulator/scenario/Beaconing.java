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
 * Command-and-control beaconing: an implant on one workstation resolves its controller's domain,
 * then calls it every 3 seconds (with ±15% jitter) with small, near-constant requests for 50
 * seconds; the IDS recognises the beacon twice. Periodic, small, to one external address: what a
 * per-host score and a beacon detector look for.
 */
final class Beaconing implements Scenario {

    static final Duration PERIOD = Duration.ofSeconds(3);
    static final double JITTER = 0.15;
    private static final Duration LENGTH = Duration.ofSeconds(50);

    @Override
    public String name() {
        return "beaconing";
    }

    @Override
    public Duration length() {
        return LENGTH;
    }

    @Override
    public List<Activity> plan(Instant start, TenantPopulation tenant, RandomGenerator random) {
        Host host = tenant.anyWorkstation(random);
        String controller = tenant.anyHostileIp(random);
        String domain = "cdn-" + Integer.toHexString(controller.hashCode() & 0xffff) + ".azureedge-cache.net";
        List<Activity> plan = new ArrayList<>();
        plan.add(Activity.builder(start, tenant.tenant(), Kind.DNS)
                .host(host.name())
                .user(host.owner())
                .source(host.ip(), 53_000)
                .destination(tenant.server("DC01").ip(), 53)
                .protocol("udp", "dns")
                .outcome(Outcome.SUCCESS)
                .detail(domain)
                .build());
        long periodMillis = PERIOD.toMillis();
        int beacons = 0;
        for (long at = 500; at <= LENGTH.toMillis(); at += periodMillis) {
            long jitter = (long) ((random.nextDouble() * 2 - 1) * JITTER * periodMillis);
            Instant time = start.plusMillis(at + jitter);
            plan.add(Activity.builder(time, tenant.tenant(), Kind.NETWORK)
                    .host(host.name())
                    .user(host.owner())
                    .source(host.ip(), 49_200 + beacons)
                    .destination(controller, 443)
                    .protocol("tcp", "tls")
                    .outcome(Outcome.SUCCESS)
                    .traffic(310 + random.nextInt(40), 190 + random.nextInt(30), 5, 4, 0.2 + random.nextDouble() * 0.1)
                    .detail(domain)
                    .severity(Severity.LOW)
                    .build());
            if (beacons == 4 || beacons == 11) {
                plan.add(Activity.builder(time.plusMillis(20), tenant.tenant(), Kind.IDS_ALERT)
                        .host(host.name())
                        .source(host.ip(), 49_200 + beacons)
                        .destination(controller, 443)
                        .protocol("tcp", "tls")
                        .signature(2032749, "ET MALWARE Cobalt Strike Beacon Observed", "A Network Trojan was detected")
                        .traffic(330, 210, 5, 4, 0.25)
                        .severity(Severity.HIGH)
                        .build());
            }
            beacons++;
        }
        return plan.stream().map(a -> a.inScenario(name())).toList();
    }
}
