package io.vigil.infra.k8s;

import static io.vigil.infra.RepoFiles.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.infra.RepoFiles;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configuration in infra/k8s matches the services: heaps are the ones the `vigil` script runs
 * with and fit the memory limits, container ports are the services' server.port, every environment
 * variable a ConfigMap or Secret sets binds to a property a service reads (Spring relaxed binding),
 * and the Strimzi topics are the ones of infra/kafka/topics.conf.
 */
class K8sConfigTest {

    /** Spring Boot's own properties the manifests set that no application.yml mentions. */
    private static final Set<String> BOOT_PROPERTIES = Set.of(
            "spring.data.redis.password",
            "spring.data.redis.sentinel.master",
            "spring.data.redis.sentinel.nodes",
            "spring.data.redis.sentinel.password",
            "spring.application.json");

    private static final long OFF_HEAP_MIB = 256;

    private final Manifests base = Manifests.base();

    @Test
    void heapsAreTheVigilScriptsAndFitTheMemoryLimits() {
        String script = RepoFiles.read("vigil");
        for (Map<String, Object> workload : base.workloads()) {
            String module = Manifests.name(workload);
            Matcher local = Pattern.compile(Pattern.quote(module) + "\\) echo \"-Xmx(\\d+)m")
                    .matcher(script);
            assertThat(local.find()).as("vigil script heap of " + module).isTrue();
            long heapMib = Long.parseLong(local.group(1));
            String javaOptions = at(base.named("ConfigMap", "vigil-" + module), "data", "JAVA_TOOL_OPTIONS");
            assertThat(javaOptions).as(module).contains("-Xmx" + heapMib + "m");
            Map<String, Object> container = Manifests.containers(workload).getFirst();
            assertThat(mebibytes(at(container, "resources", "limits", "memory")))
                    .as(module + " memory limit")
                    .isGreaterThanOrEqualTo(heapMib + OFF_HEAP_MIB);
            assertThat(mebibytes(at(container, "resources", "requests", "memory")))
                    .as(module + " memory request")
                    .isGreaterThanOrEqualTo(heapMib);
        }
    }

    @Test
    void containerPortsAreTheServicesServerPorts() {
        for (Map<String, Object> workload : base.workloads()) {
            String module = Manifests.name(workload);
            Object serverPort = at(applicationYml(module).getFirst(), "server", "port");
            List<Map<String, Object>> ports = at(Manifests.containers(workload).getFirst(), "ports");
            assertThat(ports).extracting(p -> p.get("containerPort")).as(module).containsExactly(serverPort);
        }
    }

    @Test
    void everyEnvironmentVariableBindsToAPropertyOfAServiceThatReadsIt() {
        Map<String, Set<String>> sourceReaders = new java.util.HashMap<>();
        for (Map<String, Object> workload : base.workloads()) {
            List<Map<String, Object>> envFrom =
                    at(Manifests.containers(workload).getFirst(), "envFrom");
            for (Map<String, Object> source : envFrom) {
                String name = source.containsKey("configMapRef")
                        ? at(source, "configMapRef", "name")
                        : at(source, "secretRef", "name");
                sourceReaders.computeIfAbsent(name, k -> new HashSet<>()).add(Manifests.name(workload));
            }
        }
        var sources = new java.util.ArrayList<>(base.ofKind("ConfigMap"));
        sources.addAll(Manifests.exampleSecrets().ofKind("Secret"));
        for (Map<String, Object> source : sources) {
            Set<String> readers = sourceReaders.getOrDefault(Manifests.name(source), Set.of());
            assertThat(readers)
                    .as(Manifests.name(source) + " is read by a workload")
                    .isNotEmpty();
            Set<String> known = new HashSet<>();
            readers.forEach(module -> known.addAll(knownProperties(module)));
            Map<String, Object> data = source.containsKey("data") ? at(source, "data") : at(source, "stringData");
            for (String variable : data.keySet()) {
                if (variable.equals("JAVA_TOOL_OPTIONS")) {
                    continue; // read by the JVM itself
                }
                assertThat(known)
                        .as("%s in %s: no property of %s binds to it", variable, Manifests.name(source), readers)
                        .contains(canonical(variable));
            }
        }
    }

    @Test
    void theStreamProcessorsProbeGroupsIncludeKafkaStreams() {
        String json = at(base.named("ConfigMap", "vigil-stream-processor"), "data", "SPRING_APPLICATION_JSON");
        JsonNode groups = JsonMapper.builder().build().readTree(json).at("/management/endpoint/health/group");
        assertThat(groups.at("/readiness/include").asString()).contains("kafkaStreams");
        assertThat(groups.at("/liveness/include").asString()).contains("livenessState");
    }

    @Test
    void strimziTopicsAreTheTopicsOfTopicsConf() {
        var declared = RepoFiles.topicsConf();
        var topics = new Manifests(RepoFiles.yamlDocuments(Manifests.K8S.resolve("platform/kafka-topics.yaml")));
        assertThat(topics.ofKind("KafkaTopic"))
                .extracting(t -> (String) at(t, "spec", "topicName"))
                .containsExactlyInAnyOrderElementsOf(declared.keySet());
        for (Map<String, Object> topic : topics.ofKind("KafkaTopic")) {
            var declaration = declared.get((String) at(topic, "spec", "topicName"));
            assertThat((Object) at(topic, "spec", "partitions")).isEqualTo(declaration.partitions());
            Map<String, Object> config = at(topic, "spec", "config");
            Map<String, Object> expected = new java.util.HashMap<>(declaration.configs());
            expected.put("min.insync.replicas", "2");
            assertThat(config).as(declaration.name()).isEqualTo(expected);
        }
    }

    /** Canonical form for comparing property names and environment variables (relaxed binding). */
    private static String canonical(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    private static Set<String> knownProperties(String module) {
        Set<String> known = new HashSet<>();
        for (Map<String, Object> doc : applicationYml(module)) {
            flatten("", doc, known);
        }
        Matcher placeholder = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)")
                .matcher(RepoFiles.read(module + "/src/main/resources/application.yml"));
        while (placeholder.find()) {
            known.add(canonical(placeholder.group(1)));
        }
        BOOT_PROPERTIES.forEach(p -> known.add(canonical(p)));
        return known;
    }

    private static void flatten(String prefix, Object node, Set<String> into) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, into));
        } else {
            into.add(canonical(prefix));
        }
    }

    private static List<Map<String, Object>> applicationYml(String module) {
        return RepoFiles.yamlDocuments(RepoFiles.path(module + "/src/main/resources/application.yml"));
    }

    private static long mebibytes(String quantity) {
        if (quantity.endsWith("Gi")) return Long.parseLong(quantity.replace("Gi", "")) * 1024;
        if (quantity.endsWith("Mi")) return Long.parseLong(quantity.replace("Mi", ""));
        throw new IllegalArgumentException("unexpected memory quantity " + quantity);
    }
}
