package io.vigil.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One Vigil service run as a real operating-system process from its built jar, the way it runs in
 * production: started, waited for until {@code /actuator/health} is UP, stopped gracefully (SIGTERM)
 * or killed (SIGKILL, for reliability tests), and restarted with the same arguments. Output goes to
 * {@code target/e2e-logs/<name>.log}, appended across restarts.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final List<String> jvmOptions;
    private final List<String> arguments;
    private final int port;
    private final Path log;
    private Process process;

    private ServiceProcess(String name, Path jar, List<String> jvmOptions, List<String> arguments, int port) {
        this.name = name;
        this.jar = jar;
        this.jvmOptions = jvmOptions;
        this.arguments = arguments;
        this.port = port;
        this.log = Path.of("target", "e2e-logs", name + ".log");
    }

    /**
     * A service from the newest {@code <artifact>-*.jar} under {@code <module>/target} of the Vigil
     * checkout (system property {@code vigil.root}, set by the build; else the parent directory).
     */
    public static Builder fromModule(String module, String name) {
        return new Builder(name, moduleJar(module));
    }

    static Path moduleJar(String module) {
        Path target = vigilRoot().resolve(module).resolve("target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches(module + "-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().matches(".*-(sources|javadoc|tests)\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(noJar(module)));
        } catch (IOException e) {
            throw new IllegalStateException(noJar(module), e);
        }
    }

    private static String noJar(String module) {
        return "No built jar of module '" + module + "' under "
                + vigilRoot().resolve(module).resolve("target") + ": build it in the same reactor, e.g. ./mvnw -pl "
                + module + ",e2e-tests -am verify";
    }

    static Path vigilRoot() {
        String root = System.getProperty("vigil.root");
        return (root == null || root.isBlank() ? Path.of("..") : Path.of(root))
                .toAbsolutePath()
                .normalize();
    }

    /** A free local TCP port for a service under test. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** Starts the process and waits (bounded) until its health endpoint answers UP. */
    public ServiceProcess start(Duration timeout) {
        if (alive()) {
            throw new IllegalStateException(name + " is already running");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        command.add("--server.port=" + port);
        command.addAll(arguments);
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(
                    log,
                    "\n=== start " + java.time.Instant.now() + ": " + String.join(" ", command) + "\n",
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + name + ": " + e.getMessage(), e);
        }
        await(name + " healthy on port " + port)
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(
                                name + " exited with " + process.exitValue() + " before it was healthy;"
                                        + " last lines of " + log.toAbsolutePath() + ":\n" + tail(40));
                    }
                    return healthy();
                });
        return this;
    }

    /** True if {@code /actuator/health} answers 200 (UP). */
    public boolean healthy() {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Graceful stop (SIGTERM), bounded; killed if it does not exit in time. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Kills the process at once (SIGKILL), as a crash would. */
    public void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops (gracefully) and starts again with the same command line. */
    public ServiceProcess restart(Duration timeout) {
        stop();
        return start(timeout);
    }

    /** The last lines of this service's log, for failure messages. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Files.deleteIfExists(jar);
        } catch (IOException e) {
            // a leftover copy under target/ is harmless
        }
    }

    /** Builds a {@link ServiceProcess}. */
    public static final class Builder {
        private final String name;
        private final Path jar;
        private final List<String> jvmOptions = new ArrayList<>(List.of("-Xmx384m", "-XX:+UseSerialGC"));
        private final List<String> arguments = new ArrayList<>();
        private int port = freePort();

        private Builder(String name, Path jar) {
            this.name = name;
            this.jar = jar;
        }

        public Builder port(int value) {
            this.port = value;
            return this;
        }

        /**
         * C1-only JIT: a Spring Boot service starts markedly faster, at the cost of peak throughput.
         * For functional tests; not for measurements.
         */
        public Builder fastStartup() {
            return jvm("-XX:TieredStopAtLevel=1");
        }

        public Builder jvm(String option) {
            jvmOptions.add(option);
            return this;
        }

        /** A Spring property, passed as {@code --key=value}. */
        public Builder property(String key, Object value) {
            arguments.add("--" + key + "=" + value);
            return this;
        }

        /**
         * The process runs a private copy of the jar: a JVM loads classes from its jar lazily, and other
         * builds on the machine may rebuild the module's jar in place while the process runs.
         */
        public ServiceProcess build() {
            Path copy = Path.of("target", "e2e-jars", name + ".jar").toAbsolutePath();
            try {
                Files.createDirectories(copy.getParent());
                Files.copy(jar, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new IllegalStateException("could not copy " + jar + " for " + name + ": " + e.getMessage(), e);
            }
            return new ServiceProcess(name, copy, List.copyOf(jvmOptions), List.copyOf(arguments), port);
        }
    }
}
