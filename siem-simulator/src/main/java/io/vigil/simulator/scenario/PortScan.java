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
 * One source probing many ports on several hosts within half a minute: either a hostile address
 * sweeping the perimeter, or a compromised workstation doing internal reconnaissance. Mostly
 * refused connections, a few IDS scan signatures and a Zeek-style port-scan notice. Feeds the
 * fan-out detector (distinct destinations per source) and the rate-spike detector.
 */
final class PortScan implements Scenario {

    static final int PROBES = 240;
    private static final Duration LENGTH = Duration.ofSeconds(30);
    private static final int[] COMMON_PORTS = {
        21, 22, 23, 25, 53, 80, 110, 135, 139, 143, 443, 445, 993, 995, 1433, 1521, 3306, 3389, 5432, 5900, 5901, 5911,
        6379, 8080, 8443, 9200, 27017
    };

    @Override
    public String name() {
        return "port-scan";
    }

    @Override
    public Duration length() {
        return LENGTH;
    }

    @Override
    public List<Activity> plan(Instant start, TenantPopulation tenant, RandomGenerator random) {
        boolean internal = random.nextBoolean();
        String source = internal ? tenant.anyWorkstation(random).ip() : tenant.anyHostileIp(random);
        List<Host> targets = tenant.servers();
        List<Activity> plan = new ArrayList<>();
        long stepMicros = LENGTH.toNanos() / 1_000 / PROBES;
        for (int i = 0; i < PROBES; i++) {
            Host target = targets.get(i % targets.size());
            int port = i < COMMON_PORTS.length ? COMMON_PORTS[i] : 1024 + i * 37 % 60_000;
            boolean open = port == 22 || port == 443 || port == 445;
            Instant time = start.plusNanos(i * stepMicros * 1_000 + random.nextLong(stepMicros * 500 + 1));
            plan.add(Activity.builder(time, tenant.tenant(), Kind.NETWORK)
                    .host(target.name())
                    .source(source, 50_000 + i % 10_000)
                    .destination(target.ip(), port)
                    .protocol("tcp", null)
                    .outcome(open ? Outcome.SUCCESS : Outcome.FAILURE)
                    .traffic(60, open ? 60 : 54, 1, 1, 0.0003)
                    .severity(Severity.LOW)
                    .build());
        }
        Host first = targets.getFirst();
        plan.add(alert(
                start.plusSeconds(3), tenant, source, first, 5900, 2002911, "ET SCAN Potential VNC Scan 5900-5920"));
        plan.add(alert(
                start.plusSeconds(6),
                tenant,
                source,
                first,
                3306,
                2010937,
                "ET SCAN Suspicious inbound to mySQL port 3306"));
        plan.add(Activity.builder(start.plusSeconds(15), tenant.tenant(), Kind.NOTICE)
                .host(first.name())
                .source(source, null)
                .destination(first.ip(), null)
                .protocol("tcp", null)
                .signature(0, source + " scanned at least 15 unique ports of hosts in 0m15s", "Scan::Port_Scan")
                .severity(Severity.MEDIUM)
                .build());
        return plan.stream().map(a -> a.inScenario(name())).toList();
    }

    private static Activity alert(
            Instant time, TenantPopulation tenant, String source, Host target, int port, int sid, String signature) {
        return Activity.builder(time, tenant.tenant(), Kind.IDS_ALERT)
                .host(target.name())
                .source(source, 51_000)
                .destination(target.ip(), port)
                .protocol("tcp", null)
                .signature(sid, signature, "Attempted Information Leak")
                .traffic(60, 0, 1, 0, 0)
                .severity(Severity.MEDIUM)
                .build();
    }
}
