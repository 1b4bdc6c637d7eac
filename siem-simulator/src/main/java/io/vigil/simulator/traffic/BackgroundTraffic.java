package io.vigil.simulator.traffic;

import io.vigil.contracts.event.Outcome;
import io.vigil.contracts.event.Severity;
import io.vigil.simulator.population.ExternalService;
import io.vigil.simulator.population.Host;
import io.vigil.simulator.population.TenantPopulation;
import java.time.Instant;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Ordinary, mostly benign activity of an office network: web and SaaS connections, DNS lookups,
 * logons (with the odd mistyped password), process starts, internet scanning noise hitting the
 * perimeter, low-severity IDS policy alerts, and rarely a new account.
 */
final class BackgroundTraffic {

    private static final String[][] PROCESSES = {
        {"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe", "C:\\Windows\\explorer.exe"},
        {"C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE", "C:\\Windows\\explorer.exe"},
        {"C:\\Users\\Public\\AppData\\Local\\Microsoft\\Teams\\current\\Teams.exe", "C:\\Windows\\explorer.exe"},
        {"C:\\Windows\\System32\\svchost.exe", "C:\\Windows\\System32\\services.exe"},
        {"C:\\Windows\\System32\\taskhostw.exe", "C:\\Windows\\System32\\svchost.exe"},
        {"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe", "C:\\Windows\\explorer.exe"},
        {"C:\\Windows\\System32\\cmd.exe", "C:\\Windows\\explorer.exe"}
    };
    private static final int DNS_RULE = 2027695;
    /** Low-severity rules that fire on ordinary office traffic (TLS to 443, or DNS to the DC). */
    private static final Object[][] POLICY_ALERTS = {
        {2210045, "SURICATA STREAM Packet with invalid ack", "Generic Protocol Command Decode"},
        {2012647, "ET POLICY Dropbox.com Offsite File Backup in Use", "Potential Corporate Privacy Violation"},
        {2029340, "ET INFO TLS Handshake Failure", "Potentially Bad Traffic"},
        {DNS_RULE, "ET INFO Observed DNS Query to .cloud TLD", "Potentially Bad Traffic"}
    };

    private static final String[] INTERNAL_DOMAINS = {"intranet", "wiki", "jira", "sharepoint", "mail"};

    private final RandomGenerator random;

    BackgroundTraffic(RandomGenerator random) {
        this.random = random;
    }

    Activity next(Instant time, TenantPopulation tenant) {
        double roll = random.nextDouble();
        if (roll < 0.40) {
            return outboundConnection(time, tenant);
        } else if (roll < 0.60) {
            return dnsQuery(time, tenant);
        } else if (roll < 0.75) {
            return logon(time, tenant, random.nextDouble() < 0.03 ? Outcome.FAILURE : Outcome.SUCCESS);
        } else if (roll < 0.89) {
            return processStart(time, tenant);
        } else if (roll < 0.95) {
            return internalConnection(time, tenant);
        } else if (roll < 0.985) {
            return policyAlert(time, tenant);
        } else if (roll < 0.999) {
            return perimeterScanNoise(time, tenant);
        }
        return userCreated(time, tenant);
    }

    private Activity outboundConnection(Instant time, TenantPopulation tenant) {
        Host host = tenant.anyWorkstation(random);
        List<ExternalService> favourites = tenant.habits(host).services();
        ExternalService service = favourites.get(random.nextInt(favourites.size()));
        long out = 600 + random.nextInt(4_000);
        long in = 2_000 + (long) (random.nextDouble() * random.nextDouble() * 2_000_000);
        return Activity.builder(time, tenant.tenant(), Kind.NETWORK)
                .host(host.name())
                .user(host.owner())
                .source(host.ip(), ephemeralPort())
                .destination(service.ip(), service.port())
                .protocol("tcp", "tls")
                .outcome(Outcome.SUCCESS)
                .traffic(out, in, 1 + out / 1200, 1 + in / 1400, 0.05 + random.nextDouble() * 30)
                .detail(service.domain())
                .build();
    }

    private Activity internalConnection(Instant time, TenantPopulation tenant) {
        Host host = tenant.anyWorkstation(random);
        boolean files = random.nextBoolean();
        Host server = files ? tenant.server("FILE01") : tenant.habits(host).appServer();
        long out = 300 + random.nextInt(20_000);
        long in = 300 + random.nextInt(200_000);
        return Activity.builder(time, tenant.tenant(), Kind.NETWORK)
                .host(server.name())
                .user(host.owner())
                .source(host.ip(), ephemeralPort())
                .destination(server.ip(), files ? 445 : 443)
                .protocol("tcp", files ? "smb" : "tls")
                .outcome(Outcome.SUCCESS)
                .traffic(out, in, 1 + out / 1200, 1 + in / 1400, 0.01 + random.nextDouble() * 5)
                .build();
    }

    private Activity dnsQuery(Instant time, TenantPopulation tenant) {
        Host host = tenant.anyWorkstation(random);
        List<ExternalService> favourites = tenant.habits(host).services();
        String name = random.nextInt(4) == 0
                ? INTERNAL_DOMAINS[random.nextInt(INTERNAL_DOMAINS.length)] + "."
                        + tenant.site().domain()
                : favourites.get(random.nextInt(favourites.size())).domain();
        return Activity.builder(time, tenant.tenant(), Kind.DNS)
                .host(host.name())
                .user(host.owner())
                .source(host.ip(), ephemeralPort())
                .destination(tenant.server("DC01").ip(), 53)
                .protocol("udp", "dns")
                .outcome(Outcome.SUCCESS)
                .detail(name)
                .build();
    }

    /** Users log on to their own machine or the file server; administrators also SSH to the bastion. */
    private Activity logon(Instant time, TenantPopulation tenant, Outcome outcome) {
        Host client = tenant.anyWorkstation(random);
        boolean ssh = tenant.habits(client).admin() && random.nextBoolean();
        Host target = ssh ? tenant.server("bastion01") : random.nextBoolean() ? client : tenant.server("FILE01");
        return Activity.builder(time, tenant.tenant(), Kind.AUTHENTICATION)
                .host(target.name())
                .user(client.owner())
                .source(client.ip(), ephemeralPort())
                .destination(target.ip(), ssh ? 22 : 445)
                .protocol("tcp", ssh ? "ssh" : "ntlm")
                .outcome(outcome)
                .severity(outcome == Outcome.FAILURE ? Severity.LOW : Severity.INFO)
                .build();
    }

    private Activity processStart(Instant time, TenantPopulation tenant) {
        Host host = tenant.anyWorkstation(random);
        String[] process = PROCESSES[random.nextInt(PROCESSES.length)];
        String image = process[0];
        String commandLine = image.endsWith("powershell.exe")
                ? "powershell.exe -NoProfile -Command Get-ChildItem $env:USERPROFILE\\Documents"
                : "\"" + image + "\"";
        return Activity.builder(time, tenant.tenant(), Kind.PROCESS)
                .host(host.name())
                .user(host.owner())
                .source(host.ip(), null)
                .process(image, process[1])
                .detail(commandLine)
                .outcome(Outcome.SUCCESS)
                .build();
    }

    private Activity policyAlert(Instant time, TenantPopulation tenant) {
        Host host = tenant.anyWorkstation(random);
        Object[] rule = POLICY_ALERTS[random.nextInt(POLICY_ALERTS.length)];
        boolean dns = (Integer) rule[0] == DNS_RULE;
        List<ExternalService> favourites = tenant.habits(host).services();
        String destination = dns
                ? tenant.server("DC01").ip()
                : favourites.get(random.nextInt(favourites.size())).ip();
        return Activity.builder(time, tenant.tenant(), Kind.IDS_ALERT)
                .host(host.name())
                .source(host.ip(), ephemeralPort())
                .destination(destination, dns ? 53 : 443)
                .protocol(dns ? "udp" : "tcp", dns ? "dns" : "tls")
                .signature((Integer) rule[0], (String) rule[1], (String) rule[2])
                .traffic(400, 1_200, 3, 3, 0.2)
                .severity(Severity.LOW)
                .build();
    }

    private Activity perimeterScanNoise(Instant time, TenantPopulation tenant) {
        Host target = tenant.anyServer(random, false);
        String internet = (1 + random.nextInt(222)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
                + (1 + random.nextInt(254));
        return Activity.builder(time, tenant.tenant(), Kind.IDS_ALERT)
                .host(target.name())
                .source(internet, ephemeralPort())
                .destination(target.ip(), 22)
                .protocol("tcp", "ssh")
                .signature(2001219, "ET SCAN Potential SSH Scan", "Attempted Information Leak")
                .traffic(66, 0, 1, 0, 0)
                .severity(Severity.LOW)
                .build();
    }

    private Activity userCreated(Instant time, TenantPopulation tenant) {
        Host dc = tenant.server("DC01");
        String newUser = "contractor" + (100 + random.nextInt(900));
        return Activity.builder(time, tenant.tenant(), Kind.USER_CREATED)
                .host(dc.name())
                .user("administrator")
                .source(dc.ip(), null)
                .detail(newUser)
                .outcome(Outcome.SUCCESS)
                .severity(Severity.LOW)
                .build();
    }

    private int ephemeralPort() {
        return 49152 + random.nextInt(16_000);
    }
}
