package io.vigil.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import tools.jackson.databind.JsonNode;

/**
 * The side-by-side table: one row per figure, one column per system, the targets, and the
 * ratios of each Vigil configuration to RabbitMQ-direct and to Socket.IO (same run).
 */
final class ResultsTable {

    static final String RABBIT = "rabbitmq-direct";
    static final String SOCKET_IO = "socketio";
    private static final List<String> VIGIL = List.of("vigil-relay", "vigil-shared");

    private ResultsTable() {}

    static String render(JsonNode results) {
        List<JsonNode> systems = new ArrayList<>();
        results.path("systems").forEach(systems::add);
        List<String> header = new ArrayList<>(List.of("figure", "targets (issue 7 / 10)"));
        systems.forEach(
                s -> header.add(s.path("label").asString(s.path("system").asString())));
        List<String[]> ratios = new ArrayList<>();
        for (String vigil : VIGIL) {
            for (String peer : List.of(RABBIT, SOCKET_IO)) {
                if (find(systems, vigil).isPresent() && find(systems, peer).isPresent()) {
                    ratios.add(new String[] {vigil, peer});
                    header.add(vigil.replace("vigil-", "") + " / " + (peer.equals(RABBIT) ? "RabbitMQ" : "Socket.IO"));
                }
            }
        }
        StringBuilder out = new StringBuilder();
        row(out, header);
        row(out, header.stream().map(h -> "---").toList());
        for (Figure figure : Figure.all()) {
            List<String> cells = new ArrayList<>(List.of(figure.label(), figure.target()));
            systems.forEach(s -> cells.add(figure.cell(s)));
            for (String[] pair : ratios) {
                cells.add(ratio(
                        figure,
                        find(systems, pair[0]).orElseThrow(),
                        find(systems, pair[1]).orElseThrow()));
            }
            if (cells.stream().skip(2).anyMatch(c -> !c.equals("—"))) {
                row(out, cells);
            }
        }
        return out.toString();
    }

    static Optional<JsonNode> find(List<JsonNode> systems, String name) {
        return systems.stream()
                .filter(s -> name.equals(s.path("system").asString()))
                .findFirst();
    }

    private static String ratio(Figure figure, JsonNode vigil, JsonNode peer) {
        OptionalDouble a = figure.ratioValue(vigil);
        OptionalDouble b = figure.ratioValue(peer);
        if (a.isEmpty() || b.isEmpty() || b.getAsDouble() == 0) {
            return "—";
        }
        return String.format(java.util.Locale.ROOT, "%.2f×", a.getAsDouble() / b.getAsDouble());
    }

    private static void row(StringBuilder out, List<String> cells) {
        out.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }
}
