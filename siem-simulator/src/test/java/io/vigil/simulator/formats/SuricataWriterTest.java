package io.vigil.simulator.formats;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.simulator.Activities;
import io.vigil.testsupport.SampleData;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Compares the generated EVE records with the real Suricata samples in shared/data, key for key. */
class SuricataWriterTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static List<JsonNode> samples;

    private final SuricataWriter writer = new SuricataWriter();

    @BeforeAll
    static void readSamples() {
        samples = new ArrayList<>();
        for (String file : List.of("honeypot-2018-alerts.json", "first-org-conf-2015-alerts.json")) {
            MAPPER.readTree(SampleData.suricata(file).toFile()).forEach(samples::add);
        }
        assertThat(samples).hasSizeGreaterThan(100);
    }

    @Test
    void alertHasEveryKeyAllRealAlertsShareAndNoneTheyNeverHave() {
        ObjectNode alert = writer.write(Activities.idsAlert(), Activities.SITE);

        assertThat(keys(alert)).containsAll(commonKeys(samples)).isSubsetOf(allKeys(samples));
        assertThat(keys(alert.get("alert")))
                .isEqualTo(commonKeys(samples.stream().map(s -> s.get("alert")).toList()));
        List<JsonNode> flows = samples.stream()
                .filter(s -> s.has("flow"))
                .map(s -> s.get("flow"))
                .toList();
        assertThat(keys(alert.get("flow"))).isEqualTo(commonKeys(flows));
        assertThat(alert.get("event_type").asString()).isEqualTo("alert");
    }

    @Test
    void valuesHaveTheTypesAndShapesOfTheRealOnes() {
        ObjectNode alert = writer.write(Activities.idsAlert(), Activities.SITE);
        JsonNode sample =
                samples.stream().filter(s -> s.has("flow")).findFirst().orElseThrow();

        for (String key : List.of("flow_id", "src_port", "dest_port", "src_ip", "proto", "timestamp")) {
            assertThat(alert.get(key).getNodeType())
                    .as(key)
                    .isEqualTo(sample.get(key).getNodeType());
        }
        for (String key : List.of("gid", "signature_id", "rev", "severity", "signature", "category", "action")) {
            assertThat(alert.get("alert").get(key).getNodeType())
                    .as(key)
                    .isEqualTo(sample.get("alert").get(key).getNodeType());
        }
        // Local time with microseconds and a numeric offset, like 2015-03-29T11:01:38.221126-0600.
        assertThat(alert.get("timestamp").asString())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}[+-]\\d{4}");
        assertThat(alert.get("timestamp").asString()).isEqualTo("2026-11-22T09:03:07.123456-0500");
        assertThat(alert.get("proto").asString()).isEqualTo("TCP");
        assertThat(alert.get("alert").get("severity").asInt()).isEqualTo(3);
    }

    @Test
    void flowRecordSharesTheEnvelopeAndAddsTheFlowCounters() {
        ObjectNode flow = writer.write(Activities.flow(), Activities.SITE);

        Set<String> envelope = new HashSet<>(commonKeys(samples));
        envelope.remove("alert");
        assertThat(keys(flow)).containsAll(envelope).doesNotContain("alert");
        assertThat(flow.get("event_type").asString()).isEqualTo("flow");
        assertThat(keys(flow.get("flow")))
                .contains(
                        "pkts_toserver",
                        "pkts_toclient",
                        "bytes_toserver",
                        "bytes_toclient",
                        "start",
                        "end",
                        "age",
                        "state",
                        "reason",
                        "alerted");
        assertThat(flow.get("flow").get("bytes_toclient").asLong()).isEqualTo(48_000);
    }

    @Test
    void onlyNetworkKindsAreSupported() {
        assertThat(writer.supports(Activities.flow())).isTrue();
        assertThat(writer.supports(Activities.idsAlert())).isTrue();
        assertThat(writer.supports(Activities.processStart())).isFalse();
        assertThat(writer.supports(Activities.windowsLogon(io.vigil.contracts.event.Outcome.FAILURE)))
                .isFalse();
    }

    static Set<String> keys(JsonNode node) {
        return new HashSet<>(node.propertyNames());
    }

    private static Set<String> commonKeys(List<JsonNode> nodes) {
        Set<String> common = new HashSet<>(keys(nodes.getFirst()));
        nodes.forEach(n -> common.retainAll(keys(n)));
        return common;
    }

    private static Set<String> allKeys(List<JsonNode> nodes) {
        Set<String> all = new HashSet<>();
        nodes.forEach(n -> all.addAll(keys(n)));
        return all;
    }
}
