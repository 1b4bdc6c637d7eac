package io.vigil.stream.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.contracts.topic.VigilSerdes;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The compact internal serdes keep every field, nulls included, and still read the JSON written before them. */
class AnomalySerdesTest {

    @Test
    void accessWindowRoundTripsMutableAndReadsLegacyJson() {
        assertThat(AccessWindow.SERDE.deserializer().deserialize("t", null)).isNull();
        var w = new AccessWindow(
                "t",
                Observation.FAN_OUT,
                "ip/10.0.0.1",
                60_000,
                new HashSet<>(Set.of(22, 80, 443)),
                new HashSet<>(Set.of("10.0.0.2", "10.0.0.3")),
                4,
                0,
                1);
        AccessWindow read = AccessWindow.SERDE
                .deserializer()
                .deserialize("t", AccessWindow.SERDE.serializer().serialize("t", w));
        assertThat(read).isEqualTo(w);
        assertThat(read.ports().add(8080)).isTrue(); // the processor adds to the restored sets
        byte[] json = VigilSerdes.json(AccessWindow.class).serializer().serialize("t", w);
        assertThat(AccessWindow.SERDE.deserializer().deserialize("t", json)).isEqualTo(w);
    }
}
