package io.vigil.infra.observability;

import io.vigil.infra.RepoFiles;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Micrometer meters a module registers in its main code (Counter/Timer/Gauge builders and the
 * registry's counter/timer/gauge shortcuts), as the Prometheus names they are exported under.
 * Meters made otherwise (annotations, the Observation API, a name in a variable) are not seen: keep
 * Vigil's own meters as literal builder calls, as all of them are today.
 */
final class MetersInCode {

    private static final Pattern METER = Pattern.compile(
            "(Counter|Timer|Gauge|DistributionSummary)\\.builder\\(\\s*\"([^\"]+)\"|\\.(counter|timer|gauge)\\(\\s*\"([^\"]+)\"");

    private MetersInCode() {}

    /** Prometheus names of the module's meters; a timer contributes its _count, _sum and _max. */
    static Set<String> prometheusNames(String module) {
        Set<String> names = new TreeSet<>();
        Path sources = RepoFiles.path(module + "/src/main/java");
        for (Path file : RepoFiles.files(sources, ".java")) {
            Matcher meter = METER.matcher(RepoFiles.read(file));
            while (meter.find()) {
                String type = meter.group(1) != null ? meter.group(1) : meter.group(3);
                String name = (meter.group(2) != null ? meter.group(2) : meter.group(4)).replace('.', '_');
                switch (type.toLowerCase(java.util.Locale.ROOT)) {
                    case "counter" -> names.add(name + "_total");
                    case "timer" ->
                        names.addAll(Set.of(name + "_seconds_count", name + "_seconds_sum", name + "_seconds_max"));
                    case "distributionsummary" -> names.addAll(Set.of(name + "_count", name + "_sum", name + "_max"));
                    default -> names.add(name);
                }
            }
        }
        return names;
    }
}
