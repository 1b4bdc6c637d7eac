package io.vigil.simulator.population;

/**
 * One machine of a tenant.
 *
 * @param name short hostname as the host itself reports it: ACME-WS-007, DC01 (Windows), web01 (Linux)
 * @param ip its internal IPv4 address
 * @param windows whether it runs Windows (logons and processes are Windows events) or Linux (SSH)
 * @param owner the user who works on it (workstations), or null (servers)
 */
public record Host(String name, String ip, boolean windows, String owner) {

    public String fqdn(Site site) {
        return site.fqdn(name);
    }
}
