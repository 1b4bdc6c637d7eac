package io.vigil.reliability.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A Redis of the test's own ({@code redis-server} on a free port, no persistence), so that a test
 * can crash and restart it without touching the shared Redis on 6379. A restart therefore comes
 * back empty, as a cache node that lost its memory.
 */
public final class PrivateRedis implements AutoCloseable {

    private final PrivateProcess process = new PrivateProcess("Redis");
    private final Path dir;

    public PrivateRedis() throws IOException {
        dir = Files.createTempDirectory("rel-redis");
    }

    public int port() {
        return process.port();
    }

    public PrivateRedis start() throws IOException {
        process.start(
                List.of(
                        "redis-server",
                        "--port",
                        String.valueOf(port()),
                        "--bind",
                        "127.0.0.1",
                        "--save",
                        "",
                        "--appendonly",
                        "no",
                        "--dir",
                        dir.toString()),
                Path.of("target", "e2e-logs", "redis-" + port() + ".log"),
                Duration.ofSeconds(20));
        return this;
    }

    /** SIGKILL: the data is gone (no persistence). */
    public void kill() throws InterruptedException {
        process.kill();
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
