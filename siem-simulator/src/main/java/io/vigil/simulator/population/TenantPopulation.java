package io.vigil.simulator.population;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The stable cast of one tenant: its workstations, servers, users, the public services it uses
 * and a pool of hostile addresses that scenarios attack from or call out to. Built once per
 * tenant and reused, so scores accumulate on the same entities across a run.
 */
public record TenantPopulation(
        Site site,
        List<Host> workstations,
        List<Host> servers,
        List<String> users,
        List<ExternalService> services,
        List<String> hostileIps) {

    public TenantPopulation {
        workstations = List.copyOf(workstations);
        servers = List.copyOf(servers);
        users = List.copyOf(users);
        services = List.copyOf(services);
        hostileIps = List.copyOf(hostileIps);
    }

    public String tenant() {
        return site.tenant();
    }

    public Host anyWorkstation(RandomGenerator random) {
        return pick(workstations, random);
    }

    public Host anyServer(RandomGenerator random) {
        return pick(servers, random);
    }

    /** A server of the given platform, so SSH goes to Linux and RDP/SMB to Windows. */
    public Host anyServer(RandomGenerator random, boolean windows) {
        List<Host> matching =
                servers.stream().filter(h -> h.windows() == windows).toList();
        return pick(matching.isEmpty() ? servers : matching, random);
    }

    /** The stable habits of a workstation, derived from its name (see {@link Habits}). */
    public Habits habits(Host workstation) {
        int seed = Math.floorMod(workstation.name().hashCode(), 1_000_003);
        List<ExternalService> favourites = List.of(
                services.get(seed % services.size()),
                services.get((seed / 7 + 1) % services.size()),
                services.get((seed / 49 + 2) % services.size()));
        List<Host> linux = servers.stream()
                .filter(h -> !h.windows() && !h.name().startsWith("bastion"))
                .toList();
        Host appServer = linux.get(seed % linux.size());
        boolean admin = workstations.indexOf(workstation) < 3;
        return new Habits(favourites, appServer, admin);
    }

    /** A server by name, e.g. DC01. */
    public Host server(String name) {
        return servers.stream()
                .filter(h -> h.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no server " + name + " in " + tenant()));
    }

    public String anyUser(RandomGenerator random) {
        return pick(users, random);
    }

    public ExternalService anyService(RandomGenerator random) {
        return pick(services, random);
    }

    public String anyHostileIp(RandomGenerator random) {
        return pick(hostileIps, random);
    }

    private static <T> T pick(List<T> values, RandomGenerator random) {
        return values.get(random.nextInt(values.size()));
    }
}
