package io.vigil.reliability.faults;

import io.vigil.reliability.support.TopicReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The state a run left in one compacted output topic: the last committed record per key, reduced
 * to a checksum string of its content without the fields that legitimately depend on wall-clock
 * timing (per-key {@code version} counters of provisional emissions, detection and update times).
 */
final class OutputDigest {

    static final Set<String> VOLATILE = Set.of("version", "detectedAt", "updatedAt", "openedAt");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private OutputDigest() {}

    /** Key → checksum of the last record (metrics: the last final record) in {@code topic}. */
    static Map<String, String> of(String topic, boolean finalOnly) {
        List<ConsumerRecord<String, byte[]>> records = TopicReader.readUntil(topic, r -> true, Duration.ofSeconds(30));
        Map<String, String> digest = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            if (r.value() == null) {
                digest.remove(r.key());
                continue;
            }
            JsonNode node = JSON.readTree(r.value());
            if (finalOnly && !node.path("final").asBoolean(false)) {
                continue;
            }
            digest.put(r.key(), checksum(node));
        }
        return digest;
    }

    /**
     * Key → checksum of the first record per key: for scores, the record emitted on the entity's
     * first contribution, a function of that event alone (later records depend on timing, see
     * docs/reliability.md).
     */
    static Map<String, String> firstOf(String topic) {
        Map<String, String> digest = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> r : TopicReader.readUntil(topic, x -> true, Duration.ofSeconds(30))) {
            if (r.value() != null) {
                digest.putIfAbsent(r.key(), checksum(JSON.readTree(r.value())));
            }
        }
        return digest;
    }

    /** Number of committed records in a topic (to see when a run has gone quiet). */
    static int size(String topic) {
        return TopicReader.readUntil(topic, r -> true, Duration.ofSeconds(30)).size();
    }

    /** The record's content with object keys sorted (map order is not content) and volatile fields left out. */
    static String checksum(JsonNode node) {
        StringBuilder out = new StringBuilder();
        if ("talkers".equals(node.path("dimension").asString(""))) {
            out.append("talkers at the cut-off ").append(tiedAtCutOff(node.path("counts")));
        }
        canonical(node, out, true);
        return out.toString();
    }

    /**
     * A window's top talkers are the N highest counts; which of several sources tied at the lowest
     * count make the list is not defined (finding 11), so those sources are taken out of the
     * comparison (their number and count stay in it).
     */
    private static String tiedAtCutOff(JsonNode counts) {
        if (!(counts instanceof tools.jackson.databind.node.ObjectNode object) || object.isEmpty()) {
            return "none";
        }
        long min = Long.MAX_VALUE;
        for (JsonNode v : object.values()) {
            min = Math.min(min, v.asLong());
        }
        List<String> tied = new java.util.ArrayList<>();
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            if (e.getValue().asLong() == min) {
                tied.add(e.getKey());
            }
        }
        tied.forEach(object::remove);
        return tied.size() + " x " + min + "; ";
    }

    private static void canonical(JsonNode node, StringBuilder out, boolean top) {
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            node.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
            out.append('{');
            sorted.forEach((name, value) -> {
                if (!(top && VOLATILE.contains(name))) {
                    out.append(name).append('=');
                    canonical(value, out, false);
                    out.append(',');
                }
            });
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            node.forEach(item -> {
                canonical(item, out, false);
                out.append(',');
            });
            out.append(']');
        } else {
            out.append(node.toString());
        }
    }

    /** Keys whose checksums differ, or that only one side has. */
    static Set<String> divergent(Map<String, String> expected, Map<String, String> actual) {
        Set<String> keys = new java.util.TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        keys.removeIf(k -> java.util.Objects.equals(expected.get(k), actual.get(k)));
        return keys;
    }

    /** Sum of {@code total} over the final windows of one dimension (each event counted once). */
    static long countedEvents(String topic, String dimension) {
        long sum = 0;
        Map<String, Long> last = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> r : TopicReader.readUntil(topic, x -> true, Duration.ofSeconds(30))) {
            if (r.value() == null || !r.key().contains("/" + dimension + "/")) {
                continue;
            }
            JsonNode node = JSON.readTree(r.value());
            if (node.path("final").asBoolean(false)) {
                last.put(r.key(), node.path("total").asLong());
            }
        }
        for (long total : last.values()) {
            sum += total;
        }
        return sum;
    }
}
