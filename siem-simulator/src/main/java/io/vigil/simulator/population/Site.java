package io.vigil.simulator.population;

import java.time.ZoneOffset;

/**
 * What a tenant's sensors write about themselves: the Active Directory domain, the local time
 * offset (Suricata writes local timestamps with an offset), and the capture interface.
 *
 * @param tenant tenant id, as in the vigil-tenant header
 * @param domain DNS domain of the tenant's hosts, e.g. acme.local
 * @param netbiosDomain the Windows NETBIOS domain name, e.g. ACME
 * @param offset the tenant's local UTC offset
 * @param sensorInterface the interface the network sensor listens on
 */
public record Site(String tenant, String domain, String netbiosDomain, ZoneOffset offset, String sensorInterface) {

    /**
     * The fully qualified name of one of the tenant's hosts, or null. Every format writes hosts
     * this way, so one host is one entity whichever product reported it.
     */
    public String fqdn(String host) {
        return host == null ? null : host + "." + domain;
    }
}
