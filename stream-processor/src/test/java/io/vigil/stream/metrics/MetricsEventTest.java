package io.vigil.stream.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.contracts.event.Entities;
import io.vigil.contracts.event.Outcome;
import io.vigil.contracts.event.SecurityEvent;
import io.vigil.contracts.event.Severity;
import io.vigil.contracts.topic.VigilSerdes;
import io.vigil.stream.Events;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The metrics' projection of the normalised topic reads every value as the full contract deserializer does. */
class MetricsEventTest {

    private final MetricsEvent.Reader reader = new MetricsEvent.Reader();

    @Test
    void readsWhatIngestWritesLikeTheFullDeserializer() {
        List<SecurityEvent> events = List.of(
                Events.ids("acme", Instant.parse("2026-11-22T10:00:00Z"), Severity.HIGH, "10.0.0.1", "10.0.0.2", 22),
                Events.auth("acme", Instant.parse("2026-11-22T10:00:00.123456789Z"), Outcome.FAILURE, "ana", null),
                Events.event(
                        "t",
                        Instant.parse("2026-11-22T10:00:00.5Z"),
                        null,
                        "x",
                        Outcome.UNKNOWN,
                        Severity.INFO,
                        Entities.NONE,
                        null),
                Events.event(
                        "t",
                        Instant.parse("+12026-01-01T00:00:00Z"),
                        "dns",
                        "query",
                        Outcome.SUCCESS,
                        Severity.LOW,
                        new Entities("h", null, "10.0.0.9", null, null, null, "udp"),
                        "q"));
        for (SecurityEvent event : events) {
            byte[] json = VigilSerdes.securityEvent().serializer().serialize("t", event);
            assertThat(reader.deserialize("t", json)).isEqualTo(fullyRead(json)).isEqualTo(MetricsEvent.of(event));
        }
    }

    @Test
    void otherShapesReadOrFailTheWayTheContractDeserializerDoes() {
        for (String json : List.of(
                "{\"tenant\":\"t\",\"time\":1763805600.25,\"severity\":\"LOW\",\"entities\":null}",
                "{\"tenant\":7,\"time\":\"2026-11-22T10:00:00+01:00\",\"severity\":\"LOW\"}",
                "{\"tenant\":\"t\",\"tenant\":\"u\",\"time\":\"2026-11-22T10:00:00Z\",\"severity\":\"LOW\"}",
                "{\"tenant\":\"t\",\"time\":\"2026-11-22T10:00:00Z\",\"severity\":\"LOW\",\"extra\":1}",
                "{\"tenant\":\"t\",\"time\":\"2026-11-22T10:00:00Z\",\"severity\":\"LOW\",\"outcome\":\"NOPE\"}",
                "{\"tenant\":\"t\",\"time\":\"2026-11-22T10:00:00Z\",\"severity\":\"LOW\","
                        + "\"entities\":{\"srcIp\":\"10.0.0.1\",\"srcPort\":\"22\"}}",
                "{\"tenant\":\"t\",\"time\":\"2026-11-22T10:00:00Z\",\"severity\":\"LOW\","
                        + "\"entities\":{\"srcIp\":\"10.0.0.1\",\"host\":{\"nested\":[1,2]}}}",
                "{\"tenant\":\"t\",\"time\":\"2026-11-22T10:00:00Z\",\"severity\":\"LOW\","
                        + "\"raw\":{\"partition\":3,\"offset\":12345678901,\"format\":\"zeek\"}}",
                "{\"tenant\":\"t\",\"time\":\"2026-11-22T10:00:00Z\",\"severity\":\"NOPE\"}",
                "{\"tenant\":\"t\",\"time\":\"2026-11-22T10:00:00Z\",\"severity\":\"LOW\"} trailing",
                "[1]")) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            MetricsEvent expected;
            try {
                expected = fullyRead(bytes);
            } catch (RuntimeException refused) {
                assertThatThrownBy(() -> reader.deserialize("t", bytes))
                        .as(json)
                        .isInstanceOf(RuntimeException.class);
                continue;
            }
            assertThat(reader.deserialize("t", bytes)).as(json).isEqualTo(expected);
        }
        assertThat(reader.deserialize("t", null)).isNull();
    }

    private static MetricsEvent fullyRead(byte[] json) {
        return MetricsEvent.of(VigilSerdes.securityEvent().deserializer().deserialize("t", json));
    }
}
