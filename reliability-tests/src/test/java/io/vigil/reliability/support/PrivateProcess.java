package io.vigil.reliability.support;

import static org.awaitility.Awaitility.await;

import io.vigil.e2e.ServiceProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A broker process of the test's own on a free port (see {@link PrivateKafka}, {@link
 * PrivateRedis}): started from a command line, taken as up once its port accepts connections,
 * killed with SIGKILL as a crash, and started again with the same command.
 */
public final class PrivateProcess implements AutoCloseable {

    private final String name;
    private final int port = ServiceProcess.freePort();
    private Process process;

    public PrivateProcess(String name) {
        this.name = name;
    }

    public int port() {
        return port;
    }

    /** Starts {@code command} (output to {@code log}) and waits until the port takes connections. */
    public void start(List<String> command, Path log, Duration within) throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        await("private " + name + " on port " + port)
                .atMost(within)
                .pollInterval(Duration.ofMillis(100))
                .until(this::reachable);
    }

    /** SIGKILL, as a crash. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
    }

    public boolean reachable() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
