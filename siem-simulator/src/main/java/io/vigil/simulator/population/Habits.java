package io.vigil.simulator.population;

import java.util.List;

/**
 * What one workstation normally talks to: a few favourite public services, one internal
 * application server, and, for administrators, the SSH bastion. Keeping each machine to a small,
 * stable set of peers is realistic and keeps ordinary traffic below the fan-out detector's
 * distinct-ports and distinct-hosts thresholds, so only real scans trip it.
 *
 * @param services the public services it uses (all on 443)
 * @param appServer the internal Linux application server it uses over HTTPS
 * @param admin whether its user administers Linux servers over SSH
 */
public record Habits(List<ExternalService> services, Host appServer, boolean admin) {

    public Habits {
        services = List.copyOf(services);
    }
}
