package io.vigil.e2e;

import io.vigil.testsupport.LocalService;
import io.vigil.testsupport.LocalServices;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * Stops and starts the real local RabbitMQ broker application ({@code rabbitmqctl stop_app} /
 * {@code start_app}): every client connection drops and the listeners close, as in a broker
 * restart, while the Erlang node (and its raised open-files limit) stays up. Needs the rights to run
 * rabbitmqctl (root on these machines); says so clearly when it cannot.
 */
final class RabbitMqBroker {

    private static final String RABBITMQCTL = "/usr/sbin/rabbitmqctl";

    private RabbitMqBroker() {}

    static void stop() {
        rabbitmqctl("stop_app");
        Awaitility.await("RabbitMQ's STOMP port to close")
                .atMost(Duration.ofSeconds(60))
                .until(() -> !LocalServices.reachable(LocalService.RABBITMQ_STOMP));
    }

    static void start() {
        rabbitmqctl("start_app");
        Awaitility.await("RabbitMQ's AMQP and STOMP ports to open")
                .atMost(Duration.ofSeconds(90))
                .until(() -> LocalServices.reachable(LocalService.RABBITMQ)
                        && LocalServices.reachable(LocalService.RABBITMQ_STOMP));
    }

    private static void rabbitmqctl(String command) {
        try {
            Process process = new ProcessBuilder(List.of(RABBITMQCTL, command))
                    .redirectErrorStream(true)
                    .start();
            boolean finished = process.waitFor(90, TimeUnit.SECONDS);
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!finished || process.exitValue() != 0) {
                throw new IllegalStateException("`rabbitmqctl " + command + "` failed (this test restarts the local "
                        + "RabbitMQ and needs the rights to run rabbitmqctl, e.g. root): " + output.strip());
            }
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot run " + RABBITMQCTL + " (is RabbitMQ installed? "
                            + "infra/rabbitmq/rabbitmq.sh up installs it): " + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running rabbitmqctl " + command, e);
        }
    }
}
