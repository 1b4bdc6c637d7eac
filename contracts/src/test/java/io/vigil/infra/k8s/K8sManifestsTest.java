package io.vigil.infra.k8s;

import static io.vigil.infra.RepoFiles.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.infra.RepoFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The manifests of infra/k8s parse and hang together: every workload's containers have probes on the
 * actuator's liveness and readiness groups and resources, selectors select their pods, Services, PDBs
 * and the autoscaler point at workloads that exist, and every ConfigMap and Secret a pod reads is
 * defined. (No cluster here: `kubectl kustomize` renders them; this checks what rendering cannot.)
 */
class K8sManifestsTest {

    private final Manifests base = Manifests.base();

    @Test
    void everyManifestParsesWithApiVersionKindAndName() {
        List<Path> files = RepoFiles.files(Manifests.K8S, ".yaml");
        assertThat(files).hasSizeGreaterThanOrEqualTo(10);
        for (Path file : files) {
            List<Map<String, Object>> docs = RepoFiles.yamlDocuments(file);
            if (file.getFileName().toString().equals("prometheus-adapter-rules.yaml")) {
                assertThat(docs.getFirst()).as(file.toString()).containsKey("rules");
                continue;
            }
            assertThat(docs).as(file.toString()).isNotEmpty();
            for (Map<String, Object> doc : docs) {
                assertThat(doc).as(file.toString()).containsKeys("apiVersion", "kind");
                if (!"Kustomization".equals(doc.get("kind"))) {
                    assertThat(Manifests.name(doc)).as(file + ": metadata.name").isNotBlank();
                }
            }
        }
    }

    @Test
    void everyKustomizationNamesFilesThatExist() {
        for (Path file : RepoFiles.files(Manifests.K8S, "kustomization.yaml")) {
            Map<String, Object> kustomization = RepoFiles.yaml(file);
            List<String> resources = at(kustomization, "resources");
            assertThat(resources).as(file.toString()).isNotEmpty();
            for (String resource : resources) {
                assertThat(Files.exists(file.resolveSibling(resource)))
                        .as(file + " names " + resource)
                        .isTrue();
            }
            List<Map<String, Object>> patches = at(kustomization, "patches");
            for (Map<String, Object> patch : patches == null ? List.<Map<String, Object>>of() : patches) {
                assertThat(file.resolveSibling((String) patch.get("path"))).exists();
            }
        }
    }

    @Test
    void everyContainerHasActuatorProbesAndResources() {
        assertThat(base.workloads())
                .extracting(Manifests::name)
                .containsExactlyInAnyOrder("stream-processor", "ws-gateway", "task-workers");
        for (Map<String, Object> workload : base.workloads()) {
            for (Map<String, Object> container : Manifests.containers(workload)) {
                String where = Manifests.name(workload) + "/" + container.get("name");
                assertThat((String) at(container, "livenessProbe", "httpGet", "path"))
                        .as(where + " liveness")
                        .isEqualTo("/actuator/health/liveness");
                assertThat((String) at(container, "readinessProbe", "httpGet", "path"))
                        .as(where + " readiness")
                        .isEqualTo("/actuator/health/readiness");
                assertThat((String) at(container, "startupProbe", "httpGet", "path"))
                        .as(where + " startup")
                        .isEqualTo("/actuator/health/liveness");
                Set<Object> portNames =
                        ports(container).stream().map(p -> p.get("name")).collect(Collectors.toSet());
                for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                    assertThat(portNames).as(where + " " + probe + " port").contains((Object)
                            at(container, probe, "httpGet", "port"));
                }
                assertThat((Map<String, Object>) at(container, "resources", "requests"))
                        .as(where + " requests")
                        .containsKeys("cpu", "memory");
                assertThat((Map<String, Object>) at(container, "resources", "limits"))
                        .as(where + " limits")
                        .containsKey("memory");
            }
        }
    }

    @Test
    void selectorsSelectTheirPods() {
        for (Map<String, Object> workload : base.workloads()) {
            Map<String, Object> selector = at(workload, "spec", "selector", "matchLabels");
            assertThat(Manifests.selects(selector, Manifests.podLabels(workload)))
                    .as(Manifests.name(workload) + " selector " + selector)
                    .isTrue();
        }
        for (Map<String, Object> service : base.ofKind("Service")) {
            Map<String, Object> selector = at(service, "spec", "selector");
            Map<String, Object> workload = selectedWorkload(selector, "Service " + Manifests.name(service));
            Set<Object> containerPorts = Manifests.containers(workload).stream()
                    .flatMap(c -> ports(c).stream())
                    .map(p -> p.get("name"))
                    .collect(Collectors.toSet());
            List<Map<String, Object>> servicePorts = at(service, "spec", "ports");
            for (Map<String, Object> port : servicePorts) {
                assertThat(containerPorts)
                        .as("Service " + Manifests.name(service))
                        .contains(port.get("targetPort"));
            }
        }
        for (Map<String, Object> pdb : base.ofKind("PodDisruptionBudget")) {
            selectedWorkload(at(pdb, "spec", "selector", "matchLabels"), "PDB " + Manifests.name(pdb));
        }
        assertThat(base.ofKind("PodDisruptionBudget")).hasSameSizeAs(base.workloads());
    }

    @Test
    void theAutoscalerScalesTheGatewayDeployment() {
        Map<String, Object> hpa = base.named("HorizontalPodAutoscaler", "ws-gateway");
        assertThat((String) at(hpa, "spec", "scaleTargetRef", "kind")).isEqualTo("Deployment");
        base.named("Deployment", at(hpa, "spec", "scaleTargetRef", "name"));
        Map<String, Object> variant = RepoFiles.yaml(Manifests.K8S.resolve("overlays/hpa-sessions/hpa-sessions.yaml"));
        List<Map<String, Object>> metrics = at(variant, "spec", "metrics");
        assertThat(metrics)
                .extracting(m -> (String) at(m, "pods", "metric", "name"))
                .contains("vigil_stomp_sessions");
    }

    @Test
    void everyConfigMapAndSecretAPodReadsIsDefined() {
        Set<String> configMaps =
                base.ofKind("ConfigMap").stream().map(Manifests::name).collect(Collectors.toSet());
        Set<String> secrets = Manifests.exampleSecrets().ofKind("Secret").stream()
                .map(Manifests::name)
                .collect(Collectors.toSet());
        for (Map<String, Object> workload : base.workloads()) {
            for (Map<String, Object> container : Manifests.containers(workload)) {
                List<Map<String, Object>> envFrom = at(container, "envFrom");
                for (Map<String, Object> source : envFrom) {
                    String configMap = at(source, "configMapRef", "name");
                    String secret = at(source, "secretRef", "name");
                    if (configMap != null) assertThat(configMaps).contains(configMap);
                    if (secret != null) assertThat(secrets).contains(secret);
                }
            }
        }
    }

    private Map<String, Object> selectedWorkload(Map<String, Object> selector, String who) {
        List<Map<String, Object>> selected = base.workloads().stream()
                .filter(w -> Manifests.selects(selector, Manifests.podLabels(w)))
                .toList();
        assertThat(selected).as(who + " selects exactly one workload").hasSize(1);
        return selected.getFirst();
    }

    private static List<Map<String, Object>> ports(Map<String, Object> container) {
        List<Map<String, Object>> ports = at(container, "ports");
        return ports == null ? List.of() : ports;
    }
}
