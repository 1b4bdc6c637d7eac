package io.vigil.infra.k8s;

import static io.vigil.infra.RepoFiles.at;

import io.vigil.infra.RepoFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The Kubernetes resources of infra/k8s/base (what `kubectl apply -k infra/k8s/base` applies). */
record Manifests(List<Map<String, Object>> documents) {

    static final Path K8S = RepoFiles.path("infra/k8s");

    static Manifests base() {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Path file : RepoFiles.files(K8S.resolve("base"), ".yaml")) {
            if (!file.getFileName().toString().equals("kustomization.yaml")) {
                docs.addAll(RepoFiles.yamlDocuments(file));
            }
        }
        return new Manifests(docs);
    }

    static Manifests exampleSecrets() {
        return new Manifests(RepoFiles.yamlDocuments(K8S.resolve("secrets.example.yaml")));
    }

    List<Map<String, Object>> ofKind(String... kinds) {
        List<String> wanted = List.of(kinds);
        return documents.stream().filter(d -> wanted.contains(d.get("kind"))).toList();
    }

    Map<String, Object> named(String kind, String name) {
        return ofKind(kind).stream()
                .filter(d -> Objects.equals(name(d), name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
    }

    /** The Deployments and StatefulSets. */
    List<Map<String, Object>> workloads() {
        return ofKind("Deployment", "StatefulSet");
    }

    static String name(Map<String, Object> doc) {
        return at(doc, "metadata", "name");
    }

    static Map<String, Object> podLabels(Map<String, Object> workload) {
        return at(workload, "spec", "template", "metadata", "labels");
    }

    static List<Map<String, Object>> containers(Map<String, Object> workload) {
        return at(workload, "spec", "template", "spec", "containers");
    }

    /** True when every label of the selector is on the pod template (a selector selects those pods). */
    static boolean selects(Map<String, Object> selector, Map<String, Object> labels) {
        return selector != null
                && !selector.isEmpty()
                && labels != null
                && labels.entrySet().containsAll(selector.entrySet());
    }
}
