package io.vigil.infra.observability;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough PromQL reading to find the metric names an expression selects and the jobs it selects
 * them from. Not a parser: it relies on the expressions being valid PromQL (promtool checks that).
 */
final class PromQl {

    /** A metric selected by an expression, with the jobs of its job="..." or job=~"a|b" matcher. */
    record Selection(String metric, Set<String> jobs) {}

    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{([^}]*)}");
    private static final Pattern JOB = Pattern.compile("\\bjob\\s*(=~|=)\\s*\"([^\"]*)\"");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern GROUPING =
            Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of(
            "and",
            "or",
            "unless",
            "bool",
            "offset",
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "inf",
            "nan");

    private PromQl() {}

    static List<Selection> selections(String expression) {
        List<Selection> selections = new ArrayList<>();
        Matcher selector = SELECTOR.matcher(expression);
        while (selector.find()) {
            if (!KEYWORDS.contains(selector.group(1))) {
                selections.add(new Selection(selector.group(1), jobs(selector.group(2))));
            }
        }
        String bare = STRING.matcher(expression).replaceAll("\"\"");
        bare = bare.replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ");
        bare = GROUPING.matcher(bare).replaceAll(" ");
        Matcher identifier = IDENTIFIER.matcher(bare);
        while (identifier.find()) {
            String name = identifier.group();
            boolean function = bare.substring(identifier.end()).stripLeading().startsWith("(");
            boolean partOfNumber = identifier.start() > 0 && Character.isDigit(bare.charAt(identifier.start() - 1));
            if (!function && !partOfNumber && !KEYWORDS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                selections.add(new Selection(name, Set.of()));
            }
        }
        return selections;
    }

    private static Set<String> jobs(String matchers) {
        Matcher job = JOB.matcher(matchers);
        if (!job.find()) {
            return Set.of();
        }
        String value = job.group(2);
        if (job.group(1).equals("=")) {
            return Set.of(value);
        }
        if (!value.matches("[a-z0-9-]+(\\|[a-z0-9-]+)*")) {
            throw new IllegalArgumentException("job=~ must be a plain alternation of job names: " + value);
        }
        return new LinkedHashSet<>(List.of(value.split("\\|")));
    }
}
