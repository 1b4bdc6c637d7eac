package io.vigil.simulator.population;

/**
 * A public service the tenant's hosts talk to in normal operation.
 *
 * @param domain its DNS name
 * @param ip an address it resolves to
 * @param port the port used (443 mostly)
 */
public record ExternalService(String domain, String ip, int port) {}
