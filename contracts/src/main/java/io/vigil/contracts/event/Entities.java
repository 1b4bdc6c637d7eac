package io.vigil.contracts.event;

/**
 * The things an event involves. Every field is optional; a threat score is kept for each host,
 * user and IP that appears here.
 *
 * @param host hostname or asset id the event happened on or targets
 * @param user account name (without domain prefix where the source separates it)
 * @param srcIp source IP address, as text (IPv4 or IPv6)
 * @param srcPort source port
 * @param dstIp destination IP address
 * @param dstPort destination port
 * @param protocol transport or application protocol, lower case (tcp, udp, ssh, http, ...)
 */
public record Entities(
        String host, String user, String srcIp, Integer srcPort, String dstIp, Integer dstPort, String protocol) {

    public static final Entities NONE = new Entities(null, null, null, null, null, null, null);
}
