package io.vigil.stream.scoring;

import io.vigil.contracts.event.Outcome;
import io.vigil.contracts.event.SecurityEvent;
import io.vigil.contracts.event.Severity;
import io.vigil.contracts.score.EntityType;
import io.vigil.contracts.topic.Keys;
import io.vigil.stream.config.VigilProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;

/**
 * The threat-score model: every event adds points to each entity it involves (severity weight ×
 * category weight × role weight), the points decay exponentially with a configured half-life, and
 * the decayed sum S maps to 0-100 by {@code 100 · (1 − e^(−S/scale))}. Informational events add
 * nothing. The reasons for this choice are in docs/stream-processor.md.
 */
public final class ScoringModel {

    static final Map<Severity, Double> SEVERITY = Map.of(
            Severity.INFO, 0.0, Severity.LOW, 1.0, Severity.MEDIUM, 5.0, Severity.HIGH, 15.0, Severity.CRITICAL, 30.0);
    static final Map<String, Double> CATEGORY = Map.of(
            "malware", 2.0,
            "intrusion_detection", 1.5,
            "iam", 1.2,
            "authentication", 1.0,
            "process", 1.0,
            "web", 1.0,
            "file", 1.0,
            "network", 0.5,
            "dns", 0.5);
    /** The actor (source address, account) weighs fully; the target less; the host in between. */
    static final double SOURCE = 1.0;

    static final double USER = 1.0;
    static final double HOST = 0.8;
    static final double TARGET = 0.5;
    /** Failed logons are what brute force looks like; successful ones are mostly routine. */
    static final double AUTH_FAILURE = 1.5;

    static final double AUTH_SUCCESS = 0.5;

    private final double halfLifeMs;
    private final double scale;

    public ScoringModel(VigilProperties.Scoring config) {
        this(config.halfLife(), config.scale());
    }

    ScoringModel(Duration halfLife, double scale) {
        this.halfLifeMs = halfLife.toMillis();
        this.scale = scale;
    }

    /**
     * The contributions of one event, keyed by entity key ({@link Keys#entity}; one per entity at
     * most); empty for informational events.
     */
    public static List<KeyValue<String, Contribution>> contributions(SecurityEvent event) {
        double base = SEVERITY.getOrDefault(event.severity(), 0.0) * categoryWeight(event);
        List<KeyValue<String, Contribution>> out = new ArrayList<>(4);
        if (base <= 0) return out;
        var e = event.entities();
        add(out, event, EntityType.IP, e.srcIp(), base * SOURCE);
        add(out, event, EntityType.USER, e.user(), base * USER);
        add(out, event, EntityType.HOST, e.host(), base * HOST);
        if (e.dstIp() != null && !e.dstIp().equals(e.srcIp())) {
            add(out, event, EntityType.IP, e.dstIp(), base * TARGET);
        }
        return out;
    }

    private static double categoryWeight(SecurityEvent event) {
        double weight = CATEGORY.getOrDefault(event.category(), 1.0);
        if ("authentication".equals(event.category())) {
            if (event.outcome() == Outcome.FAILURE) weight *= AUTH_FAILURE;
            if (event.outcome() == Outcome.SUCCESS) weight *= AUTH_SUCCESS;
        }
        return weight;
    }

    private static void add(
            List<KeyValue<String, Contribution>> out, SecurityEvent event, EntityType type, String id, double points) {
        if (id == null || id.isBlank()) return;
        String signature = event.signature() == null ? event.action() : event.signature();
        out.add(KeyValue.pair(
                Keys.entity(event.tenant(), type, id),
                new Contribution(event.tenant(), type, id, event.time(), event.category(), signature, points)));
    }

    /** The factor by which points shrink over {@code elapsedMs}. */
    double decay(long elapsedMs) {
        return elapsedMs <= 0 ? 1.0 : Math.pow(0.5, elapsedMs / halfLifeMs);
    }

    /** Maps a decayed sum of points to 0-100, rounded to one decimal. */
    double score(double points) {
        return Math.round(1000 * (1 - Math.exp(-points / scale))) / 10.0;
    }
}
