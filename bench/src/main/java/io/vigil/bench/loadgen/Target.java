package io.vigil.bench.loadgen;

import java.util.List;

/**
 * What the sessions connect to: one or more WebSocket URLs (sessions spread round-robin by index,
 * as the Node workers do), the Origin to present, and how to authenticate the STOMP CONNECT: a
 * bearer token (Vigil's gateway) or login/passcode/vhost (RabbitMQ Web-STOMP direct).
 */
record Target(List<String> urls, String origin, boolean jwt, String login, String passcode, String vhost) {

    String urlFor(int index) {
        return urls.get(index % urls.size());
    }

    /** The CONNECT frame's authentication headers, each ending with a newline. */
    String connectHeaders(String token) {
        return jwt
                ? "Authorization:Bearer " + token + "\n"
                : "login:" + login + "\npasscode:" + passcode + "\nhost:" + vhost + "\n";
    }
}
