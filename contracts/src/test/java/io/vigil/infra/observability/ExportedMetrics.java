package io.vigil.infra.observability;

import io.vigil.infra.RepoFiles;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * infra/observability/exported-metrics.txt: the metric names each scrape job really exports, one
 * {@code [job]} section each. The rules and the dashboard may use only these.
 */
record ExportedMetrics(Map<String, Set<String>> byJob) {

    /** Series Prometheus makes itself for every target. */
    static final Set<String> SYNTHETIC = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped");

    static ExportedMetrics load() {
        Map<String, Set<String>> byJob = new LinkedHashMap<>();
        Set<String> current = null;
        for (String line : RepoFiles.read("infra/observability/exported-metrics.txt")
                .lines()
                .toList()) {
            String content = line.replaceFirst("#.*", "").strip();
            if (content.isEmpty()) {
                continue;
            }
            if (content.startsWith("[") && content.endsWith("]")) {
                current = byJob.computeIfAbsent(content.substring(1, content.length() - 1), k -> new LinkedHashSet<>());
            } else if (current == null) {
                throw new IllegalStateException("metric name before the first [job] section: " + content);
            } else {
                current.add(content);
            }
        }
        return new ExportedMetrics(byJob);
    }

    boolean exportedBy(String job, String metric) {
        return SYNTHETIC.contains(metric) || byJob.getOrDefault(job, Set.of()).contains(metric);
    }

    boolean exportedByAny(String metric) {
        return SYNTHETIC.contains(metric) || byJob.values().stream().anyMatch(names -> names.contains(metric));
    }
}
