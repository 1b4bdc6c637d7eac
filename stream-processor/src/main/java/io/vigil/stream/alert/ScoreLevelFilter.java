package io.vigil.stream.alert;

import io.vigil.contracts.score.ThreatLevel;
import io.vigil.contracts.score.ThreatScore;
import org.apache.kafka.common.serialization.Deserializer;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads threat.scores for the alerts, which only care about scores at high or critical: a record
 * whose level is below high reads as null (no trigger, exactly as {@link AlertTriggers#fromScore}
 * decides for it) without binding the whole record; anything else goes through the contract's
 * deserializer. Most score records are below high, and binding them was a large share of the
 * alerts' CPU (docs/benchmarks.md).
 */
final class ScoreLevelFilter implements Deserializer<ThreatScore> {

    private static final JsonMapper MAPPER = JsonMapper.shared();
    private final Deserializer<ThreatScore> full;

    ScoreLevelFilter(Deserializer<ThreatScore> full) {
        this.full = full;
    }

    @Override
    public ThreatScore deserialize(String topic, byte[] bytes) {
        if (bytes == null) return null;
        ThreatLevel level;
        try {
            level = levelOf(bytes);
        } catch (RuntimeException unusual) {
            level = null;
        }
        if (level != null && level.compareTo(ThreatLevel.HIGH) < 0) return null;
        return full.deserialize(topic, bytes);
    }

    /**
     * The record's level, read up to the {@code level} field only (the contract serializer writes it
     * fifth, before the factors), or null if the value does not start as a JSON object with one.
     */
    private static ThreatLevel levelOf(byte[] bytes) {
        try (JsonParser p = MAPPER.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return null;
            String name;
            while ((name = p.nextName()) != null) {
                JsonToken token = p.nextToken();
                if (name.equals("level")) {
                    return token == JsonToken.VALUE_STRING ? ThreatLevel.valueOf(p.getString()) : null;
                }
                p.skipChildren();
            }
            return null;
        }
    }
}
