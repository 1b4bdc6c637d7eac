package io.vigil.stream.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.contracts.score.EntityType;
import io.vigil.contracts.score.ThreatLevel;
import io.vigil.contracts.topic.VigilSerdes;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The compact internal serdes keep every field, nulls included, and still read the JSON written before them. */
class ScoringSerdesTest {

    static final Instant T = Instant.parse("2026-11-22T10:00:00.123456789Z");

    @Test
    void scoreStateRoundTripsAndReadsLegacyJson() {
        var state = new ScoreState(
                "t",
                EntityType.USER,
                "ana",
                T,
                Map.of(
                        "malware",
                        new ScoreState.Factor(30.5, "EDR x", 30.5, 2),
                        "iam",
                        new ScoreState.Factor(1.2, null, 1.2, 1)),
                T.plusSeconds(5),
                45.1,
                ThreatLevel.MEDIUM,
                3);
        assertThat(roundTrip(ScoreState.SERDE, state)).isEqualTo(state);
        byte[] json = VigilSerdes.json(ScoreState.class).serializer().serialize("t", state);
        assertThat(ScoreState.SERDE.deserializer().deserialize("t", json)).isEqualTo(state);
    }

    static <T> T roundTrip(org.apache.kafka.common.serialization.Serde<T> serde, T value) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", value));
    }
}
