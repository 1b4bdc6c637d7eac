package io.vigil.infra.observability;

import static io.vigil.infra.RepoFiles.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.infra.RepoFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The alert rules and the Grafana dashboard use only metric names the services really export
 * (infra/observability/exported-metrics.txt, per job), and that list's vigil_* names are exactly the
 * meters the modules register, so a renamed or removed meter breaks this test instead of a dashboard.
 */
class ObservabilityTest {

    private static final List<String> SERVICES = List.of("stream-processor", "ws-gateway", "task-workers");

    private final ExportedMetrics exported = ExportedMetrics.load();

    @Test
    void everyRuleUsesExportedMetricsAndSaysWhatAndHowBad() {
        Map<String, Object> rules = RepoFiles.yaml(RepoFiles.path("infra/observability/vigil-alerts.yml"));
        List<Map<String, Object>> groups = at(rules, "groups");
        int count = 0;
        for (Map<String, Object> group : groups) {
            List<Map<String, Object>> groupRules = at(group, "rules");
            for (Map<String, Object> rule : groupRules) {
                String name = (String) rule.get("alert");
                assertThat(name).as("rule in " + group.get("name")).startsWith("Vigil");
                assertThat((String) at(rule, "labels", "severity")).as(name).isIn("critical", "warning");
                assertThat((String) at(rule, "annotations", "summary")).as(name).isNotBlank();
                assertUsesExportedMetrics(name, (String) rule.get("expr"));
                count++;
            }
        }
        assertThat(count).isGreaterThanOrEqualTo(15);
    }

    @Test
    void everyDashboardQueryUsesExportedMetrics() {
        JsonNode dashboard =
                JsonMapper.builder().build().readTree(RepoFiles.read("infra/observability/vigil-dashboard.json"));
        assertThat(dashboard.path("uid").asString()).isEqualTo("vigil-overview");
        List<String> titles = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            titles.add(panel.path("title").asString());
            for (JsonNode target : panel.path("targets")) {
                assertUsesExportedMetrics(
                        panel.path("title").asString(), target.path("expr").asString());
            }
            if (panel.path("type").asString().matches("timeseries|stat")) {
                assertThat(panel.path("targets").size())
                        .as(panel.path("title").asString())
                        .isPositive();
            }
        }
        assertThat(String.join("|", titles).toLowerCase(java.util.Locale.ROOT))
                .contains("sessions", "frames", "relay", "latency", "lag", "throughput", "punctuation")
                .contains("task deliveries", "task durations", "task queues");
    }

    @Test
    void theVigilMetricsListedAreExactlyTheMetersTheModulesRegister() {
        for (String module : SERVICES) {
            Set<String> inCode = MetersInCode.prometheusNames(module);
            assertThat(inCode).as(module + " registers meters").isNotEmpty();
            Set<String> listed = exported.byJob().get(module).stream()
                    .filter(n -> n.startsWith("vigil_"))
                    .filter(n -> !n.endsWith("_bucket")) // histogram buckets: a timer option, not a name
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(listed).as(module + ": exported-metrics.txt vs the code").isEqualTo(inCode);
        }
    }

    @Test
    void prometheusScrapesTheJobsTheRulesAndTheDashboardSelect() {
        Map<String, Object> config = RepoFiles.yaml(RepoFiles.path("infra/observability/prometheus.yml"));
        assertThat((List<String>) at(config, "rule_files")).contains("vigil-alerts.yml");
        List<Map<String, Object>> scrapes = at(config, "scrape_configs");
        Set<String> jobs = new TreeSet<>();
        for (Map<String, Object> scrape : scrapes) {
            jobs.add((String) scrape.get("job_name"));
            List<Map<String, Object>> statics = at(scrape, "static_configs");
            for (Map<String, Object> target : statics == null ? List.<Map<String, Object>>of() : statics) {
                jobs.add(at(target, "labels", "job"));
            }
        }
        // On Kubernetes the job is the pod's app.kubernetes.io/name: the workload names of infra/k8s.
        assertThat(jobs).containsAll(SERVICES).containsAll(exported.byJob().keySet());
    }

    private void assertUsesExportedMetrics(String where, String expression) {
        assertThat(expression).as(where + ": expression").isNotBlank();
        List<PromQl.Selection> selections = PromQl.selections(expression);
        assertThat(selections).as(where + ": selects a metric").isNotEmpty();
        for (PromQl.Selection selection : selections) {
            assertThat(exported.exportedByAny(selection.metric()))
                    .as("%s: %s is not in exported-metrics.txt", where, selection.metric())
                    .isTrue();
            for (String job : selection.jobs()) {
                assertThat(exported.exportedBy(job, selection.metric()))
                        .as("%s: job %s does not export %s", where, job, selection.metric())
                        .isTrue();
            }
        }
    }
}
