package io.vigil.simulator;

import io.vigil.contracts.event.Outcome;
import io.vigil.contracts.event.Severity;
import io.vigil.simulator.population.PopulationFactory;
import io.vigil.simulator.population.Site;
import io.vigil.simulator.traffic.Activity;
import io.vigil.simulator.traffic.Kind;
import java.time.Instant;

/** Typical activities of each kind, for the format writer tests. */
public final class Activities {

    public static final Instant TIME = Instant.parse("2026-11-22T14:03:07.123456Z");
    public static final Site SITE = PopulationFactory.create("acme").site();

    private Activities() {}

    public static Activity sshLogon(Outcome outcome) {
        return Activity.builder(TIME, "acme", Kind.AUTHENTICATION)
                .host("bastion01")
                .user("root")
                .source("185.220.101.7", 40123)
                .destination("10.10.0.17", 22)
                .protocol("tcp", "ssh")
                .outcome(outcome)
                .severity(Severity.MEDIUM)
                .build();
    }

    public static Activity windowsLogon(Outcome outcome) {
        return Activity.builder(TIME, "acme", Kind.AUTHENTICATION)
                .host("DC01")
                .user("alice.smith")
                .source("10.10.1.21", 50123)
                .destination("10.10.0.10", 445)
                .protocol("tcp", "ntlm")
                .outcome(outcome)
                .build();
    }

    public static Activity flow() {
        return Activity.builder(TIME, "acme", Kind.NETWORK)
                .host("ACME-WS-001")
                .user("alice.smith")
                .source("10.10.1.20", 51234)
                .destination("140.82.121.4", 443)
                .protocol("tcp", "tls")
                .outcome(Outcome.SUCCESS)
                .traffic(1_200, 48_000, 4, 36, 2.5)
                .build();
    }

    public static Activity idsAlert() {
        return Activity.builder(TIME, "acme", Kind.IDS_ALERT)
                .host("bastion01")
                .source("8.42.77.171", 49678)
                .destination("10.10.0.17", 22)
                .protocol("tcp", "ssh")
                .signature(2001219, "ET SCAN Potential SSH Scan", "Attempted Information Leak")
                .traffic(66, 0, 1, 0, 0)
                .severity(Severity.LOW)
                .build();
    }

    public static Activity notice() {
        return Activity.builder(TIME, "acme", Kind.NOTICE)
                .host("web01")
                .source("45.155.205.9", null)
                .destination("10.10.0.14", null)
                .protocol("tcp", null)
                .signature(0, "45.155.205.9 scanned at least 15 unique ports of hosts in 0m15s", "Scan::Port_Scan")
                .severity(Severity.MEDIUM)
                .build();
    }

    public static Activity dns() {
        return Activity.builder(TIME, "acme", Kind.DNS)
                .host("ACME-WS-001")
                .user("alice.smith")
                .source("10.10.1.20", 53001)
                .destination("10.10.0.10", 53)
                .protocol("udp", "dns")
                .outcome(Outcome.SUCCESS)
                .detail("github.com")
                .build();
    }

    public static Activity processStart() {
        return Activity.builder(TIME, "acme", Kind.PROCESS)
                .host("ACME-WS-001")
                .user("alice.smith")
                .source("10.10.1.20", null)
                .process("C:\\Windows\\System32\\cmd.exe", "C:\\Windows\\explorer.exe")
                .detail("cmd.exe /c whoami")
                .outcome(Outcome.SUCCESS)
                .build();
    }

    public static Activity userCreated() {
        return Activity.builder(TIME, "acme", Kind.USER_CREATED)
                .host("DC01")
                .user("administrator")
                .source("10.10.0.10", null)
                .detail("support_adm")
                .outcome(Outcome.SUCCESS)
                .severity(Severity.HIGH)
                .build();
    }
}
