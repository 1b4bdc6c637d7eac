package io.vigil.reliability.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Malformed, truncated, huge and hostile records for {@code siem.events}: what a broken or
 * malicious producer could write. Each entry has optional {@code vigil-*} headers; a {@code null}
 * value is a Kafka tombstone.
 */
final class HostileCorpus {

    /** One input record. */
    record Entry(String name, byte[] value, Map<String, String> headers) {}

    private HostileCorpus() {}

    static String canonical(String tenant, String time, String severity, String extra) {
        return "{\"id\":\"h-" + Math.abs((time + extra).hashCode()) + "\",\"time\":\"" + time + "\",\"tenant\":\""
                + tenant + "\",\"category\":\"intrusion_detection\",\"action\":\"alert\",\"severity\":\"" + severity
                + "\",\"entities\":{\"srcIp\":\"10.9.0.1\",\"dstIp\":\"10.9.0.2\",\"dstPort\":445}"
                + extra + "}";
    }

    static List<Entry> build(String tenant) {
        String now = Instant.now().minus(5, ChronoUnit.MINUTES).toString();
        String valid = canonical(tenant, now, "HIGH", "");
        List<Entry> c = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            c.add(e("valid canonical " + i, canonical(tenant, now, "MEDIUM", ",\"signature\":\"ok " + i + "\"")));
        }
        c.add(new Entry("tombstone (null value)", null, Map.of()));
        c.add(e("empty", ""));
        c.add(e("whitespace", " \n\t "));
        c.add(e("not JSON", "hello, world"));
        c.add(e("JSON array", "[1,2,3]"));
        c.add(e("JSON string", "\"just a string\""));
        c.add(e("JSON null", "null"));
        c.add(e("JSON number", "12345"));
        c.add(e("empty object", "{}"));
        c.add(new Entry(
                "invalid UTF-8", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'}, Map.of()));
        c.add(new Entry("random bytes", random(4096, 1), Map.of()));
        c.add(new Entry("NUL bytes", new byte[512], Map.of()));
        c.add(e("BOM then JSON", "\uFEFF" + valid));
        for (int cut : new int[] {1, 10, 40, valid.length() / 2, valid.length() - 1}) {
            c.add(e("truncated at " + cut, valid.substring(0, cut)));
        }
        c.add(e("trailing garbage", valid + "}}}garbage"));
        c.add(e("two objects", valid + valid));
        c.add(e("deep nesting 100k arrays", "[".repeat(100_000) + "]".repeat(100_000)));
        c.add(e("deep nesting 50k objects", "{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000)));
        c.add(e(
                "deep nesting inside entities",
                canonical(tenant, now, "HIGH", ",\"extra\":" + "[".repeat(20_000) + "]".repeat(20_000))));
        c.add(e("unclosed deep nesting", "{\"a\":".repeat(30_000)));
        c.add(e(
                "giant string signature 900 KiB",
                canonical(tenant, now, "LOW", ",\"signature\":\"" + "A".repeat(900 * 1024) + "\"")));
        c.add(e("giant key name", "{\"" + "k".repeat(500_000) + "\":1}"));
        c.add(e(
                "record just under the broker limit (1,040,000 bytes)",
                canonical(tenant, now, "LOW", ",\"pad\":\"" + "p".repeat(1_040_000 - valid.length() - 10) + "\"")));
        c.add(e(
                "100k-element array field",
                canonical(tenant, now, "LOW", ",\"list\":[" + "1,".repeat(100_000) + "1]")));
        c.add(e("huge number", canonical(tenant, now, "LOW", ",\"n\":1" + "0".repeat(100_000))));
        c.add(e(
                "escaped unicode storm",
                canonical(tenant, now, "LOW", ",\"signature\":\"" + "\\u0000\\ud800".repeat(20_000) + "\"")));
        c.add(e("duplicate keys", "{\"time\":\"" + now + "\",\"time\":\"1970-01-01T00:00:00Z\"," + valid.substring(1)));
        c.add(e("time is a number", valid.replace("\"time\":\"" + now + "\"", "\"time\":12345")));
        c.add(e("time is an object", valid.replace("\"time\":\"" + now + "\"", "\"time\":{\"$date\":1}")));
        c.add(e("severity is a number", valid.replace("\"severity\":\"HIGH\"", "\"severity\":5")));
        c.add(e("unknown severity", valid.replace("\"severity\":\"HIGH\"", "\"severity\":\"APOCALYPTIC\"")));
        c.add(e("entities is a string", valid.replaceFirst("\"entities\":\\{[^}]*}", "\"entities\":\"10.0.0.1\"")));
        c.add(e("port is a string", valid.replace("\"dstPort\":445", "\"dstPort\":\"http\"")));
        c.add(e("port out of range", valid.replace("\"dstPort\":445", "\"dstPort\":99999999999")));
        c.add(e("category is a list", valid.replace("\"category\":\"intrusion_detection\"", "\"category\":[\"a\"]")));
        c.add(e("tenant is an object", valid.replace("\"tenant\":\"" + tenant + "\"", "\"tenant\":{\"x\":1}")));
        for (String t : List.of("../etc", "ops", "*", "#", "a.b", "x".repeat(10_000), "ténant", "a b", "")) {
            c.add(e(
                    "tenant '" + abbreviate(t) + "'",
                    valid.replace("\"tenant\":\"" + tenant + "\"", "\"tenant\":\"" + t + "\"")));
        }
        for (String time : List.of(
                "0001-01-01T00:00:00Z",
                "1970-01-01T00:00:00Z",
                "1999-12-31T23:59:59Z",
                "9999-12-31T23:59:59Z",
                "+1000000000-01-01T00:00:00Z",
                "-999999999-01-01T00:00:00Z",
                Instant.now().plus(2, ChronoUnit.HOURS).toString(),
                Instant.now().plus(3650, ChronoUnit.DAYS).toString(),
                "not a time",
                "2026-13-45T25:61:61Z",
                "",
                "99999999999999999999",
                "/Date(99999999999999999)/")) {
            c.add(e("time '" + time + "'", canonical(tenant, time, "HIGH", "")));
        }
        c.add(new Entry(
                "unknown vigil-format header",
                valid.getBytes(StandardCharsets.UTF_8),
                Map.of("vigil-format", "cobol")));
        c.add(new Entry(
                "format header lies (zeek)", valid.getBytes(StandardCharsets.UTF_8), Map.of("vigil-format", "zeek")));
        c.add(new Entry(
                "invalid vigil-tenant header",
                valid.getBytes(StandardCharsets.UTF_8),
                Map.of("vigil-tenant", "a.b/#")));
        c.add(new Entry(
                "vigil-tenant header 'ops'", valid.getBytes(StandardCharsets.UTF_8), Map.of("vigil-tenant", "ops")));
        c.add(e("suricata without fields", "{\"event_type\":\"alert\",\"timestamp\":\"" + now + "\"}"));
        c.add(e(
                "suricata alert is a string",
                "{\"event_type\":\"alert\",\"timestamp\":\"" + now + "\",\"alert\":\"x\"}"));
        c.add(e("zeek with garbage ts", "{\"ts\":\"yesterday\",\"uid\":\"C1\",\"id.orig_h\":[1]}"));
        c.add(e("ocsf with huge class", "{\"class_uid\":1e308,\"time\":1e308}"));
        c.add(e("ecs with nested nulls", "{\"@timestamp\":null,\"event\":{\"category\":null}}"));
        c.add(e("windows EventID object", "{\"EventID\":{\"a\":1},\"TimeCreated\":\"" + now + "\"}"));
        c.add(e(
                "windows ms date overflow",
                "{\"EventID\":4625,\"TimeCreated\":\"/Date(-99999999999999999)/\",\"Computer\":\"x\"}"));
        return c;
    }

    private static Entry e(String name, String value) {
        return new Entry(name, value.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private static byte[] random(int n, long seed) {
        byte[] bytes = new byte[n];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String abbreviate(String s) {
        return s.length() > 20 ? s.substring(0, 8) + "…(" + s.length() + " chars)" : s;
    }
}
