package io.vigil.simulator.formats;

import tools.jackson.databind.node.ObjectNode;

/**
 * Puts optional values into JSON objects. Real products omit fields they do not know rather than
 * writing nulls, and so do the writers.
 */
final class Fields {

    private Fields() {}

    static ObjectNode putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
        return node;
    }

    static ObjectNode putIfPresent(ObjectNode node, String field, Integer value) {
        if (value != null) {
            node.put(field, value);
        }
        return node;
    }

    /** Private (RFC 1918) IPv4 addresses are the tenant's own network. */
    static boolean isInternal(String ip) {
        return ip != null
                && (ip.startsWith("10.") || ip.startsWith("192.168.") || ip.matches("172\\.(1[6-9]|2\\d|3[01])\\..*"));
    }
}
