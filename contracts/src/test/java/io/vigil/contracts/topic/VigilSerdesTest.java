package io.vigil.contracts.topic;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.contracts.event.Entities;
import io.vigil.contracts.event.Outcome;
import io.vigil.contracts.event.RawReference;
import io.vigil.contracts.event.SecurityEvent;
import io.vigil.contracts.event.Severity;
import io.vigil.contracts.metrics.MetricsWindow;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VigilSerdesTest {

    @Test
    void securityEventRoundTripsWithIsoTimes() {
        var event = new SecurityEvent(
                "e1",
                Instant.parse("2026-11-22T10:15:30.123Z"),
                "acme",
                "suricata",
                "intrusion_detection",
                "alert",
                Outcome.UNKNOWN,
                Severity.HIGH,
                new Entities("web-1", null, "10.0.0.5", 4433, "10.0.0.9", 22, "tcp"),
                "ET SCAN ssh",
                "2001219",
                new RawReference("suricata", "siem.events", 0, 42L, null));
        var serde = VigilSerdes.securityEvent();

        byte[] bytes = serde.serializer().serialize("t", event);

        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"time\":\"2026-11-22T10:15:30.123Z\"");
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(event);
    }

    @Test
    void metricsWindowWritesTheFinalFlagAsFinal() {
        var window = new MetricsWindow(
                "acme",
                "severity",
                Instant.parse("2026-11-22T10:15:00Z"),
                Instant.parse("2026-11-22T10:16:00Z"),
                3,
                Map.of("HIGH", 3L),
                true,
                2);
        var serde = VigilSerdes.metricsWindow();

        byte[] bytes = serde.serializer().serialize("t", window);

        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"final\":true");
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(window);
    }

    @Test
    void alertIdsAreSafeInDestinationsAndLeadBackToTheirSeries() {
        String series = Keys.alertSeries("acme", "score", "user/CORP\\jane doe");
        String id = Keys.alert(series, 3);

        assertThat(id).startsWith("acme/score.user_CORP_jane_doe.").endsWith("-3");
        assertThat(id.substring("acme/".length())).matches("[A-Za-z0-9._-]+");
        assertThat(Keys.alertSeriesOf(id)).isEqualTo(series);
        assertThat(Keys.tenantOf(id)).isEqualTo("acme");
        assertThat(Keys.alertSeries("acme", "score", "user/a b"))
                .isNotEqualTo(Keys.alertSeries("acme", "score", "user/a_b"));
        assertThat(Keys.alertSeriesOf("acme/no-sequence-x")).isNull();
        assertThat(Keys.alertSeriesOf("no-tenant-1")).isNull();
    }

    @Test
    void keysStartWithTheTenant() {
        String key = Keys.metrics("acme", "severity", Instant.parse("2026-11-22T10:15:00Z"));
        assertThat(key).isEqualTo("acme/severity/2026-11-22T10:15:00Z");
        assertThat(Keys.tenantOf(key)).isEqualTo("acme");
    }
}
