package io.vigil.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads files of the checkout (infra/, docs/, the modules' resources) for the tests that keep
 * deployment and documentation files true to the code. The tests run with the module as working
 * directory, so the root is found by walking up to the directory that holds infra/kafka/topics.conf.
 */
public final class RepoFiles {

    private RepoFiles() {}

    public static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("infra/kafka/topics.conf"))) {
                return dir;
            }
        }
        throw new IllegalStateException("checkout root (with infra/kafka/topics.conf) not found above "
                + Path.of("").toAbsolutePath());
    }

    public static Path path(String relative) {
        return root().resolve(relative);
    }

    public static String read(String relative) {
        return read(path(relative));
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file under {@code dir} whose name ends with {@code suffix}, sorted. */
    public static List<Path> files(Path dir, String suffix) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All documents of a (multi-document) YAML file, as maps; empty documents are skipped. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> yamlDocuments(Path file) {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(read(file))) {
            if (doc != null) {
                docs.add((Map<String, Object>) doc);
            }
        }
        return docs;
    }

    public static Map<String, Object> yaml(Path file) {
        List<Map<String, Object>> docs = yamlDocuments(file);
        if (docs.size() != 1) {
            throw new IllegalStateException(file + ": expected one YAML document, found " + docs.size());
        }
        return docs.getFirst();
    }

    /** infra/kafka/topics.conf: topic → [partitions, config map]. */
    public static Map<String, TopicDeclaration> topicsConf() {
        Map<String, TopicDeclaration> topics = new LinkedHashMap<>();
        for (String line : read("infra/kafka/topics.conf").lines().toList()) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] parts = trimmed.split("\\s+");
            Map<String, String> configs = new LinkedHashMap<>();
            for (int i = 2; i < parts.length; i++) {
                String[] kv = parts[i].split("=", 2);
                configs.put(kv[0], kv[1]);
            }
            topics.put(parts[0], new TopicDeclaration(parts[0], Integer.parseInt(parts[1]), configs));
        }
        return topics;
    }

    /** One line of infra/kafka/topics.conf. */
    public record TopicDeclaration(String name, int partitions, Map<String, String> configs) {}

    /** Nested map access for parsed YAML/JSON: {@code at(doc, "spec", "template", "metadata")}. */
    @SuppressWarnings("unchecked")
    public static <T> T at(Object node, String... keys) {
        Object current = node;
        for (String key : keys) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return (T) current;
    }
}
