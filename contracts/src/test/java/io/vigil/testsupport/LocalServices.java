package io.vigil.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that the real local services an integration test needs are reachable, and fails with a
 * message that names the missing service and how to start it. Never skips: a test that cannot
 * reach its broker has not passed.
 */
public final class LocalServices {

    private static final int CONNECT_TIMEOUT_MS = 2_000;

    private LocalServices() {}

    public static void require(LocalService... services) {
        List<String> missing = new ArrayList<>();
        for (LocalService service : services) {
            if (!reachable(service)) {
                missing.add(service.displayName() + " at " + service.address());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Integration test needs real local services that are not reachable: "
                    + String.join(", ", missing)
                    + ". Start them with `infra/services.sh up` (or run `./mvnw verify`, which does it first).");
        }
    }

    public static boolean reachable(LocalService service) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LocalService.HOST, service.port()), CONNECT_TIMEOUT_MS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static String kafkaBootstrap() {
        return LocalService.KAFKA.address();
    }
}
