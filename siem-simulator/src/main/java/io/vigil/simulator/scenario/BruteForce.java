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
 * Password guessing from one hostile address against one account: about 60 failed logons in 40
 * seconds (SSH to a Linux server, or NTLM to a domain controller), one success, then the attacker
 * creates an account to come back. Feeds the authentication-failure-burst detector and the
 * source IP's and user's scores.
 */
final class BruteForce implements Scenario {

    static final int FAILURES = 60;
    private static final Duration LENGTH = Duration.ofSeconds(40);

    @Override
    public String name() {
        return "brute-force";
    }

    @Override
    public Duration length() {
        return LENGTH;
    }

    @Override
    public List<Activity> plan(Instant start, TenantPopulation tenant, RandomGenerator random) {
        boolean ssh = random.nextBoolean();
        Host target = tenant.anyServer(random, !ssh);
        String attacker = tenant.anyHostileIp(random);
        String user = random.nextBoolean() ? "administrator" : tenant.anyUser(random);
        List<Activity> plan = new ArrayList<>();
        long stepMillis = LENGTH.toMillis() / (FAILURES + 1);
        for (int i = 0; i < FAILURES; i++) {
            Instant time = start.plusMillis(i * stepMillis + random.nextLong(stepMillis / 2 + 1));
            plan.add(logon(time, tenant, target, attacker, user, ssh, Outcome.FAILURE));
        }
        Instant success = start.plus(LENGTH);
        plan.add(logon(success, tenant, target, attacker, user, ssh, Outcome.SUCCESS));
        if (ssh) {
            plan.add(Activity.builder(start.plusSeconds(10), tenant.tenant(), Kind.NOTICE)
                    .host(target.name())
                    .user(user)
                    .source(attacker, null)
                    .destination(target.ip(), 22)
                    .protocol("tcp", "ssh")
                    .signature(
                            0,
                            attacker + " appears to be guessing SSH passwords (seen in 30 connections).",
                            "SSH::Password_Guessing")
                    .severity(Severity.MEDIUM)
                    .build());
        }
        plan.add(Activity.builder(success.plusSeconds(2), tenant.tenant(), Kind.USER_CREATED)
                .host(tenant.server("DC01").name())
                .user(user)
                .source(attacker, null)
                .detail("support_adm")
                .outcome(Outcome.SUCCESS)
                .severity(Severity.HIGH)
                .build());
        return plan.stream().map(a -> a.inScenario(name())).toList();
    }

    private static Activity logon(
            Instant time,
            TenantPopulation tenant,
            Host target,
            String attacker,
            String user,
            boolean ssh,
            Outcome outcome) {
        return Activity.builder(time, tenant.tenant(), Kind.AUTHENTICATION)
                .host(target.name())
                .user(user)
                .source(attacker, 40_000 + (int) (time.toEpochMilli() % 20_000))
                .destination(target.ip(), ssh ? 22 : 445)
                .protocol("tcp", ssh ? "ssh" : "ntlm")
                .outcome(outcome)
                .severity(outcome == Outcome.SUCCESS ? Severity.HIGH : Severity.MEDIUM)
                .build();
    }
}
