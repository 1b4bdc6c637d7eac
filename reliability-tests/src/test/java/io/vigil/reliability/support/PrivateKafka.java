package io.vigil.reliability.support;

import io.vigil.e2e.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft Kafka of the test's own, from the same jars and the same server.properties
 * as the local broker (infra/kafka), on free ports and a temporary log directory, with the topics of
 * infra/kafka/topics.conf (created by infra/kafka/TopicsSync.java). It can be killed and started
 * again on the same data, which the shared broker on 9092 must never be.
 */
public final class PrivateKafka implements AutoCloseable {

    private final PrivateProcess process = new PrivateProcess("Kafka");
    private final int controllerPort = ServiceProcess.freePort();
    private final Path home;
    private final Path libs;
    private final Path root =
            Path.of(System.getProperty("vigil.root", "..")).toAbsolutePath().normalize();

    public PrivateKafka() throws IOException {
        home = Files.createTempDirectory("rel-kafka");
        libs = libs();
        String properties = Files.readString(root.resolve("infra/kafka/server.properties"))
                .replace("127.0.0.1:9092", bootstrap())
                .replace("127.0.0.1:9093", "127.0.0.1:" + controllerPort)
                .replace("@LOG_DIR@", home.resolve("data").toString());
        Files.writeString(home.resolve("server.properties"), properties);
        run(List.of(
                "kafka.tools.StorageTool",
                "format",
                "--standalone",
                "-t",
                Uuid.randomUuid().toString(),
                "-c",
                home.resolve("server.properties").toString()));
    }

    public String bootstrap() {
        return "127.0.0.1:" + process.port();
    }

    /** Starts the broker (on the same data after a kill) and waits until it takes connections. */
    public PrivateKafka start() throws IOException {
        List<String> command = java();
        command.addAll(List.of("-Xmx384m", "-Dkafka.logs.dir=" + home.resolve("logs")));
        command.add("-Dlog4j2.configurationFile=" + root.resolve("infra/kafka/log4j2.properties"));
        command.addAll(List.of(
                "-cp",
                libs + "/*",
                "kafka.Kafka",
                home.resolve("server.properties").toString()));
        process.start(command, home.resolve("logs/stdout.log"), Duration.ofSeconds(90));
        return this;
    }

    /** The declared topics (infra/kafka/topics.conf) on this broker. */
    public void createTopics() throws IOException {
        run(List.of(
                root.resolve("infra/kafka/TopicsSync.java").toString(),
                bootstrap(),
                root.resolve("infra/kafka/topics.conf").toString()));
    }

    /** SIGKILL, as a crash: the data stays on disk. */
    public void kill() throws InterruptedException {
        process.kill();
    }

    private void run(List<String> arguments) throws IOException {
        List<String> command = java();
        command.add("-Dlog4j2.configurationFile=" + root.resolve("infra/kafka/log4j2-tools.properties"));
        command.addAll(List.of("-cp", libs + "/*"));
        command.addAll(arguments);
        Process tool = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(tool.getInputStream().readAllBytes());
            if (!tool.waitFor(120, TimeUnit.SECONDS) || tool.exitValue() != 0) {
                throw new IllegalStateException("`" + String.join(" ", arguments) + "` failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> java() {
        return new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    }

    /** The jars infra/kafka/kafka.sh assembled ({@code $VIGIL_SERVICES_HOME/kafka/libs-<version>}). */
    private Path libs() throws IOException {
        String pom = Files.readString(root.resolve("infra/kafka/pom.xml"));
        Matcher version = Pattern.compile("<kafka.version>(.*)</kafka.version>").matcher(pom);
        String home = System.getenv().getOrDefault("VIGIL_SERVICES_HOME", System.getProperty("user.home") + "/.vigil");
        Path dir = Path.of(home, "kafka", "libs-" + (version.find() ? version.group(1) : "?"));
        if (!Files.exists(dir.resolve(".complete"))) {
            throw new IllegalStateException(
                    "no Kafka jars in " + dir + ": run infra/kafka/kafka.sh up (it assembles them)");
        }
        return dir;
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
