package io.vigil.reliability.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The figures of every reliability check, written as soon as a check has them to {@code
 * target/reliability/results.json} (merged by check id with what earlier runs wrote) and rendered
 * as the Markdown table of {@code target/reliability/reliability.md}, which {@code soak.sh} puts
 * into docs/reliability.md. A check records its figures before it asserts, so a failing check is
 * reported too, with {@code held: false}.
 */
public final class Results {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path DIR = Path.of("target", "reliability");
    private static final Map<String, ObjectNode> CHECKS = new TreeMap<>();

    /**
     * JUnit tag of checks that fail because of a defect not fixed yet (the finding is named when
     * they record): left out of the bounded {@code verify}, run and recorded by {@code soak.sh}.
     */
    public static final String KNOWN_DEFECT = "known-defect";

    private Results() {}

    /** Records a check tagged {@link #KNOWN_DEFECT}; {@code defect} says which finding it waits for. */
    public static synchronized void recordKnownDefect(
            String id, String check, Map<String, ?> figures, boolean held, String defect, Class<?> itClass) {
        record(id, check, figures, held, itClass);
        ObjectNode node = CHECKS.get(id);
        node.put("knownDefect", defect);
        node.put("command", command(itClass) + " -Dreliability.excluded-groups=none");
        if (!held) {
            node.put("status", "FAILED (known defect)");
        }
        write();
    }

    /**
     * Records one check.
     *
     * @param id stable id, also the sort key of the table (e.g. {@code "1-stomp-bad-frames"})
     * @param check what was done, one line
     * @param figures the numbers (faults injected, records checked, divergent states, refusals, ...)
     * @param held whether the invariant held
     * @param itClass the test class that reproduces it (for the command column)
     */
    public static synchronized void record(
            String id, String check, Map<String, ?> figures, boolean held, Class<?> itClass) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", id);
        node.put("check", check);
        node.put("held", held);
        node.put("status", held ? "PASSED" : "FAILED");
        node.put("scale", Scale.name());
        node.put("recordedAt", Instant.now().toString());
        node.put("command", command(itClass));
        node.set("figures", JSON.valueToTree(new LinkedHashMap<>(figures)));
        CHECKS.put(id, node);
        write();
    }

    static String command(Class<?> itClass) {
        return "./mvnw -pl reliability-tests verify -Dit.test=" + itClass.getSimpleName()
                + " -Dfailsafe.failIfNoSpecifiedTests=false";
    }

    private static Map<String, ObjectNode> load() {
        Map<String, ObjectNode> checks = new TreeMap<>();
        Path file = DIR.resolve("results.json");
        if (Files.exists(file)) {
            try {
                JsonNode root = JSON.readTree(file.toFile());
                for (JsonNode check : root.path("checks")) {
                    checks.put(check.path("id").asString(), (ObjectNode) check);
                }
            } catch (RuntimeException e) {
                // an unreadable old file is replaced by this run's results
            }
        }
        return checks;
    }

    /**
     * Merges this JVM's checks into the file under a file lock: test classes may run in parallel
     * forks, each recording its own checks (and earlier runs' checks stay until re-recorded).
     */
    private static void write() {
        try {
            Files.createDirectories(DIR);
            try (FileChannel channel = FileChannel.open(
                            DIR.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                Map<String, ObjectNode> all = load();
                all.putAll(CHECKS);
                ObjectNode root = JSON.createObjectNode();
                root.put("writtenAt", Instant.now().toString());
                root.set("checks", JSON.valueToTree(all.values()));
                Files.writeString(
                        DIR.resolve("results.json"),
                        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
                Files.writeString(DIR.resolve("reliability-table.md"), table(all));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String held(ObjectNode check) {
        if (check.path("held").asBoolean()) {
            return "yes";
        }
        return check.has("knownDefect")
                ? "**no**, known defect: " + check.path("knownDefect").asString()
                : "**no**";
    }

    private static String table(Map<String, ObjectNode> checks) {
        StringBuilder md = new StringBuilder();
        md.append("| check | held | scale | figures | reproduce |\n|---|---|---|---|---|\n");
        for (ObjectNode check : checks.values()) {
            StringBuilder figures = new StringBuilder();
            for (Map.Entry<String, JsonNode> figure : check.path("figures").properties()) {
                if (!figures.isEmpty()) {
                    figures.append(", ");
                }
                figures.append(figure.getKey())
                        .append(" ")
                        .append(
                                figure.getValue().isValueNode()
                                        ? figure.getValue().asString()
                                        : figure.getValue().toString());
            }
            md.append("| ")
                    .append(check.path("check").asString().replace("|", "\\|"))
                    .append(" | ")
                    .append(held(check))
                    .append(" | ")
                    .append(check.path("scale").asString())
                    .append(" | ")
                    .append(figures.toString().replace("|", "\\|"))
                    .append(" | `")
                    .append(check.path("command").asString())
                    .append("` |\n");
        }
        return md.toString();
    }
}
