package io.vigil.simulator.population;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Builds a tenant's population deterministically from its name, so the same tenant has the same
 * hosts, users and subnet in every run (and in every test).
 */
public final class PopulationFactory {

    /** Demo tenants spread over the world, so the daily shapes differ at any moment. */
    private static final Map<String, Integer> KNOWN_OFFSETS = Map.of("acme", -5, "globex", 1, "initech", 9);

    private static final String[] FIRST = {
        "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory", "nina", "oscar",
        "peggy", "rupert", "sybil", "trent", "victor", "walter", "yara"
    };
    private static final String[] LAST = {
        "smith", "jones", "garcia", "miller", "davis", "lopez", "wilson", "moore", "taylor", "thomas", "martin", "lee",
        "clark", "lewis", "walker", "young"
    };
    private static final String[][] SERVERS = {
        {"DC01", "w"},
        {"DC02", "w"},
        {"FILE01", "w"},
        {"MAIL01", "w"},
        {"web01", "l"},
        {"web02", "l"},
        {"db01", "l"},
        {"bastion01", "l"},
        {"build01", "l"}
    };
    private static final ExternalService[] SERVICES = {
        new ExternalService("login.microsoftonline.com", "20.190.151.7", 443),
        new ExternalService("outlook.office365.com", "52.97.146.162", 443),
        new ExternalService("www.google.com", "142.250.185.68", 443),
        new ExternalService("github.com", "140.82.121.4", 443),
        new ExternalService("slack.com", "34.196.38.21", 443),
        new ExternalService("zoom.us", "170.114.52.2", 443),
        new ExternalService("update.microsoft.com", "13.107.4.50", 443),
        new ExternalService("s3.amazonaws.com", "52.216.8.13", 443),
        new ExternalService("cdn.jsdelivr.net", "151.101.1.229", 443),
        new ExternalService("teams.microsoft.com", "52.113.194.132", 443)
    };
    /** Addresses from hosting ranges commonly seen in honeypot logs; none belongs to a tenant. */
    private static final String[] HOSTILE_PREFIXES = {
        "185.220.101.",
        "45.155.205.",
        "193.42.33.",
        "91.240.118.",
        "222.186.56.",
        "8.42.77.",
        "103.145.13.",
        "61.177.172."
    };

    private PopulationFactory() {}

    public static TenantPopulation create(String tenant) {
        Random random = new Random(tenant.hashCode() * 31L + 7);
        int subnet = 10 + Math.floorMod(tenant.hashCode(), 240);
        String netbios = tenant.toUpperCase(Locale.ROOT);
        ZoneOffset offset =
                ZoneOffset.ofHours(KNOWN_OFFSETS.getOrDefault(tenant, Math.floorMod(tenant.hashCode(), 18) - 8));
        Site site = new Site(tenant, tenant + ".local", netbios, offset, "eth0");

        List<String> users = new ArrayList<>();
        int userCount = 24 + random.nextInt(16);
        while (users.size() < userCount) {
            String user = FIRST[random.nextInt(FIRST.length)] + "." + LAST[random.nextInt(LAST.length)];
            if (!users.contains(user)) {
                users.add(user);
            }
        }
        users.add("svc_backup");
        users.add("administrator");

        List<Host> workstations = new ArrayList<>();
        for (int i = 0; i < userCount; i++) {
            String name = String.format(Locale.ROOT, "%s-WS-%03d", netbios, i + 1);
            workstations.add(new Host(name, "10." + subnet + ".1." + (20 + i), true, users.get(i)));
        }
        List<Host> servers = new ArrayList<>();
        for (int i = 0; i < SERVERS.length; i++) {
            servers.add(new Host(SERVERS[i][0], "10." + subnet + ".0." + (10 + i), SERVERS[i][1].equals("w"), null));
        }
        List<String> hostile = new ArrayList<>();
        for (String prefix : HOSTILE_PREFIXES) {
            hostile.add(prefix + (2 + random.nextInt(250)));
        }
        return new TenantPopulation(site, workstations, servers, users, List.of(SERVICES), hostile);
    }
}
