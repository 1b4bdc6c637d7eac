package io.vigil.stream.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.contracts.score.EntityType;
import io.vigil.contracts.score.ScoreFactor;
import io.vigil.contracts.score.ThreatLevel;
import io.vigil.contracts.score.ThreatScore;
import io.vigil.contracts.topic.VigilSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scores below high read as null for the alerts (no trigger either way); the others read in full. */
class ScoreLevelFilterTest {

    private final ScoreLevelFilter filter =
            new ScoreLevelFilter(VigilSerdes.threatScore().deserializer());

    @Test
    void onlyHighAndCriticalScoresAreBound() {
        for (ThreatLevel level : ThreatLevel.values()) {
            var score = new ThreatScore(
                    "t",
                    EntityType.IP,
                    "10.0.0.1",
                    50,
                    level,
                    ThreatLevel.LOW,
                    List.of(new ScoreFactor("malware", "x", 50, 2)),
                    Instant.parse("2026-11-22T10:00:00Z"),
                    Instant.parse("2026-11-22T10:00:00Z"),
                    1);
            byte[] json = VigilSerdes.threatScore().serializer().serialize("t", score);
            ThreatScore read = filter.deserialize("t", json);
            assertThat(read).isEqualTo(level.compareTo(ThreatLevel.HIGH) < 0 ? null : score);
            assertThat(AlertTriggers.fromScore("k", read) == null)
                    .isEqualTo(AlertTriggers.fromScore("k", score) == null);
        }
    }

    @Test
    void anythingUnusualGoesThroughTheContractDeserializer() {
        byte[] noLevel = "{\"tenant\":\"t\",\"version\":1}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> VigilSerdes.threatScore().deserializer().deserialize("t", noLevel))
                .isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> filter.deserialize("t", noLevel)).isInstanceOf(RuntimeException.class);
        byte[] broken = "{\"level\":\"HIGH\",\"score\":\"nope\"}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> filter.deserialize("t", broken)).isInstanceOf(RuntimeException.class);
        assertThat(filter.deserialize("t", null)).isNull();
    }
}
