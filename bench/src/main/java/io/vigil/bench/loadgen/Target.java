package io.vigil.bench.loadgen;

import java.util.List;

/**
 * What the sessions connect to: one or more WebSocket URLs (sessions spread round-robin by index,
 * those below {@code scaleOutFrom} all on the first, as the Node workers do), the Origin to present, and how to authenticate the STOMP CONNECT: a
 * bearer token (Vigil's gateway) or login/passcode/vhost (RabbitMQ Web-STOMP direct).
 */
record Target(
        List<String> urls, int scaleOutFrom, String origin, boolean jwt, String login, String passcode, String vhost) {

    /** Round-robin by index; sessions below {@code scaleOutFrom} all on the first URL. */
    String urlFor(int index) {
        return index < scaleOutFrom ? urls.getFirst() : urls.get(index % urls.size());
    }

    /** The CONNECT frame's authentication headers, each ending with a newline. */
    String connectHeaders(String token) {
        return jwt
                ? "Authorization:Bearer " + token + "\n"
                : "login:" + login + "\npasscode:" + passcode + "\nhost:" + vhost + "\n";
    }
}
