package io.vigil.stream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.contracts.event.Outcome;
import io.vigil.contracts.event.SecurityEvent;
import io.vigil.contracts.event.Severity;
import io.vigil.stream.StreamTopics;
import io.vigil.stream.TestProperties;
import io.vigil.stream.TopologyDrivers;
import io.vigil.testsupport.SampleData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class IngestTopologyTest {

    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> events;
    private TestOutputTopic<String, SecurityEvent> normalized;
    private TestOutputTopic<byte[], byte[]> dlq;

    @BeforeEach
    void setUp() {
        var topics = StreamTopics.withPrefix("");
        var builder = new StreamsBuilder();
        IngestTopology.build(
                builder,
                topics,
                TestProperties.with(Map.of("vigil.ingest.max-record-bytes", "4096"))
                        .ingest(),
                IngestMetrics.NONE);
        driver = TopologyDrivers.driver(builder, "ingest-test", NOW);
        events = TopologyDrivers.input(driver, topics.events());
        normalized = TopologyDrivers.output(driver, topics.normalized());
        dlq = TopologyDrivers.output(driver, topics.eventsDlq());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    @Test
    void realSuricataSamplesAreAllNormalised() throws Exception {
        int in = 0;
        for (String file : List.of("honeypot-2018-alerts.json", "first-org-conf-2015-alerts.json")) {
            for (JsonNode alert : JSON.readTree(Files.readAllBytes(SampleData.suricata(file)))) {
                events.pipeInput(null, JSON.writeValueAsBytes(alert));
                in++;
            }
        }

        List<SecurityEvent> out = normalized.readValuesToList();
        assertThat(dlq.isEmpty()).isTrue();
        assertThat(out).hasSize(in);
        assertThat(out).allSatisfy(e -> {
            assertThat(e.source()).isEqualTo("suricata");
            assertThat(e.category()).isEqualTo("intrusion_detection");
            assertThat(e.tenant()).isEqualTo("default");
            assertThat(e.entities().srcIp()).isNotBlank();
            assertThat(e.signature()).isNotBlank();
            assertThat(e.raw().format()).isEqualTo("suricata");
        });
        SecurityEvent first = out.get(0);
        assertThat(first.time()).isEqualTo(Instant.parse("2019-01-02T03:50:11.315110Z"));
        assertThat(first.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(first.entities().dstPort()).isEqualTo(22);
        assertThat(first.signature()).isEqualTo("ET SCAN Potential SSH Scan");
        assertThat(first.signatureId()).isEqualTo("2001219");
        assertThat(out).anySatisfy(e -> assertThat(e.time()).isEqualTo(Instant.parse("2015-03-29T17:01:38.221126Z")));
    }

    @Test
    void everySupportedFormatIsRecognisedAndMapped() {
        Map<String, SecurityEvent> byFormat = new java.util.HashMap<>();
        for (String json : IngestSamples.ALL) {
            events.pipeInput(null, json.getBytes(StandardCharsets.UTF_8));
        }
        normalized.readValuesToList().forEach(e -> byFormat.put(e.raw().format() + ":" + e.action(), e));
        assertThat(dlq.readRecordsToList()).isEmpty();

        assertThat(byFormat.get("zeek:connection").entities().dstPort()).isEqualTo(443);
        assertThat(byFormat.get("zeek:notice").signature()).startsWith("Scan::Port_Scan");
        assertThat(byFormat.get("zeek:ssh_login").outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(byFormat.get("zeek:rdp_login").entities().user()).isEqualTo("admin");
        assertThat(byFormat.get("zeek:ntlm_auth").outcome()).isEqualTo(Outcome.SUCCESS);
        var ecs = byFormat.get("ecs:user_login");
        assertThat(ecs.category()).isEqualTo("authentication");
        assertThat(ecs.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(ecs.entities().srcIp()).isEqualTo("203.0.113.7");
        assertThat(ecs.entities().user()).isEqualTo("alice");
        var ocsf = byFormat.get("ocsf:logon");
        assertThat(ocsf.category()).isEqualTo("authentication");
        assertThat(ocsf.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(ocsf.time()).isEqualTo(Instant.parse("2026-11-22T09:30:00Z"));
        var failed = byFormat.get("winsec:logon");
        assertThat(failed.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(failed.entities().user()).isEqualTo("bob");
        assertThat(failed.entities().host()).isEqualTo("DC01.corp.example");
        assertThat(failed.entities().srcIp()).isEqualTo("198.51.100.23");
        assertThat(byFormat.get("winsec:process_start").signature()).contains("powershell.exe");
        assertThat(byFormat.get("winsec:user_created").category()).isEqualTo("iam");
        assertThat(byFormat.get("winsec:account_locked").severity()).isEqualTo(Severity.MEDIUM);
        var canonical = byFormat.get("canonical:alert");
        assertThat(canonical.id()).isEqualTo("c-1");
        assertThat(canonical.tenant()).isEqualTo("acme");
    }

    @Test
    void badRecordsGoToTheDeadLetterTopicWithTheirOriginalBytesAndReasons() {
        Map<String, String> bad = new java.util.LinkedHashMap<>();
        bad.put("{\"timestamp\": \"2026-11-22T09:00:00Z\", \"event_type\": ", "parse");
        bad.put("[1, 2, 3]", "parse");
        bad.put("{\"hello\": \"world\"}", "detect");
        bad.put("{\"event_type\": \"alert\", \"timestamp\": \"yesterday\", \"src_ip\": \"1.2.3.4\"}", "normalise");
        bad.put("{\"EventID\": 4625, \"Computer\": \"PC1\"}", "normalise");
        bad.put("{\"event_type\": \"alert\", \"timestamp\": \"1970-01-01T00:00:01Z\"}", "validate");
        bad.put("{\"event_type\": \"alert\", \"timestamp\": \"2099-01-01T00:00:00Z\"}", "validate");
        bad.put(
                "{\"event_type\": \"alert\", \"timestamp\": \"2026-11-22T09:00:00Z\", \"tenant\": \"a.b\"}",
                "validate");
        bad.put(
                "{\"event_type\": \"alert\", \"timestamp\": \"2026-11-22T09:00:00Z\", \"tenant\": \"ops\"}",
                "validate");
        bad.put("{\"class_uid\": 1e308, \"time\": 1e308}", "normalise");
        bad.put("{\"pad\": \"" + "x".repeat(5000) + "\"}", "size");
        bad.put("", "parse");
        for (String value : bad.keySet()) {
            events.pipeInput(new TestRecord<>("k".getBytes(), value.getBytes(StandardCharsets.UTF_8)));
        }
        var unknownFormatHeader = new RecordHeaders().add("vigil-format", "cef".getBytes());
        events.pipeInput(new TestRecord<>(null, "{\"a\":1}".getBytes(), unknownFormatHeader));

        var letters = dlq.readRecordsToList();
        assertThat(normalized.isEmpty()).isTrue();
        assertThat(letters).hasSize(bad.size() + 1);
        int i = 0;
        for (var entry : bad.entrySet()) {
            var letter = letters.get(i++);
            assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo(entry.getKey());
            assertThat(letter.key()).isEqualTo("k".getBytes());
            assertThat(header(letter.headers(), "vigil-dlq-stage"))
                    .as(entry.getKey())
                    .isEqualTo(entry.getValue());
            assertThat(header(letter.headers(), "vigil-dlq-reason"))
                    .as("every refusal is explained, none is an internal error: " + entry.getKey())
                    .isNotBlank()
                    .doesNotContain("internal error");
            assertThat(header(letter.headers(), "vigil-dlq-topic")).isEqualTo("siem.events");
            assertThat(header(letter.headers(), "vigil-dlq-offset")).isEqualTo(String.valueOf(i - 1));
        }
        var last = letters.get(bad.size());
        assertThat(header(last.headers(), "vigil-dlq-reason")).contains("unknown format 'cef'");
        assertThat(header(last.headers(), "vigil-format")).isEqualTo("cef");
    }

    @Test
    void tenantComesFromTheHeaderThenTheFieldThenTheDefault() {
        String withField = "{\"event_type\":\"alert\",\"timestamp\":\"2026-11-22T09:00:00Z\",\"tenant\":\"field-t\","
                + "\"src_ip\":\"1.2.3.4\",\"alert\":{\"severity\":1,\"signature\":\"x\"}}";
        events.pipeInput(new TestRecord<>(
                null, withField.getBytes(), new RecordHeaders().add("vigil-tenant", "header-t".getBytes())));
        events.pipeInput(null, withField.getBytes());
        events.pipeInput(null, withField.replace("\"tenant\":\"field-t\",", "").getBytes());

        assertThat(normalized.readKeyValuesToList())
                .extracting(kv -> kv.key)
                .containsExactly("header-t", "field-t", "default");
    }

    @Test
    void ocsfEventOfAnUnknownClassWithoutCategoryIsNormalisedAsOther() {
        events.pipeInput(
                null,
                ("{\"class_uid\": 9999, \"time\": 1795338000000, \"activity_name\": \"Probe\","
                                + " \"src_endpoint\": {\"ip\": \"10.1.2.3\"}}")
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(dlq.isEmpty()).isTrue();
        assertThat(normalized.readValuesToList())
                .singleElement()
                .satisfies(event -> assertThat(event.category()).isEqualTo("other"));
    }

    @Test
    void inEqualsNormalisedPlusDeadLettered() {
        int in = 0;
        for (String json : IngestSamples.ALL) {
            events.pipeInput(null, json.getBytes());
            events.pipeInput(null, json.substring(1).getBytes());
            in += 2;
        }
        assertThat(normalized.getQueueSize() + dlq.getQueueSize()).isEqualTo(in);
        assertThat(normalized.getQueueSize()).isEqualTo(IngestSamples.ALL.size());
    }

    private static String header(Headers headers, String name) {
        var header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
