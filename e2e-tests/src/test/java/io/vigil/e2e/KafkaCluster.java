package io.vigil.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The local 3-broker KRaft cluster of infra/kafka/cluster.sh (brokers 127.0.0.1:19092-19094, apart
 * from the shared single broker), driven through that script: up, stop one broker (SIGKILL), start
 * it again, down. A test that brought the cluster up takes it down again; one it found running is
 * left running.
 */
final class KafkaCluster {

    static final String BOOTSTRAP = "127.0.0.1:19092,127.0.0.1:19093,127.0.0.1:19094";

    private KafkaCluster() {}

    /** Whether the cluster's first broker answers. */
    static boolean running() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 19092), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void up() {
        run(300, "up");
    }

    static void down() {
        run(120, "down");
    }

    /** Kills one broker (1-3) at once, as a crash would. */
    static void killBroker(int n) {
        run(60, "stop-broker", String.valueOf(n), "--kill");
    }

    static void startBroker(int n) {
        run(120, "start-broker", String.valueOf(n));
    }

    private static void run(int seconds, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ServiceProcess.vigilRoot()
                .resolve(Path.of("infra", "kafka", "cluster.sh"))
                .toString());
        command.addAll(List.of(args));
        try {
            Path output = Files.createTempFile("kafka-cluster-", ".log");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            boolean finished = process.waitFor(seconds, TimeUnit.SECONDS);
            String text = Files.readString(output, StandardCharsets.UTF_8);
            Files.delete(output);
            if (!finished) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        String.join(" ", command) + " did not finish in " + seconds + "s:\n" + text);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + text);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }
}
