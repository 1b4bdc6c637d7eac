package io.vigil.stream.scoring;

import io.vigil.contracts.model.Thresholds;
import io.vigil.contracts.score.ScoreFactor;
import io.vigil.contracts.score.ThreatLevel;
import io.vigil.contracts.score.ThreatScore;
import io.vigil.stream.config.VigilProperties;
import io.vigil.stream.model.ModelParamsTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps each entity's decayed points and emits a {@link ThreatScore} only on a meaningful change:
 * the first time, on a level change, or when the score moved by at least the configured step. A
 * stream-time punctuation lets idle entities decay (and eventually be forgotten with a tombstone).
 */
final class ScoreProcessor implements Processor<String, Contribution, String, ThreatScore> {

    private final String storeName;
    private final ScoringModel model;
    private final VigilProperties.Scoring config;
    private ProcessorContext<String, ThreatScore> context;
    private KeyValueStore<String, ScoreState> store;
    private ModelParamsTable.Lookup params;

    ScoreProcessor(String storeName, ScoringModel model, VigilProperties.Scoring config) {
        this.storeName = storeName;
        this.model = model;
        this.config = config;
    }

    @Override
    public void init(ProcessorContext<String, ThreatScore> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        this.params = ModelParamsTable.lookup(context);
        context.schedule(config.decayInterval(), PunctuationType.STREAM_TIME, this::decayIdle);
    }

    @Override
    public void process(Record<String, Contribution> record) {
        Contribution c = record.value();
        if (c == null) return;
        ScoreState state = store.get(record.key());
        if (state == null) {
            state = new ScoreState(c.tenant(), c.type(), c.id(), c.time(), Map.of(), c.time(), 0, ThreatLevel.LOW, 0);
        }
        state = add(state, c);
        store.put(record.key(), emitIfChanged(record.key(), state, state.asOf()));
    }

    private ScoreState add(ScoreState state, Contribution c) {
        Instant asOf = c.time().isAfter(state.asOf()) ? c.time() : state.asOf();
        double ageing = model.decay(asOf.toEpochMilli() - state.asOf().toEpochMilli());
        double points = c.points() * model.decay(asOf.toEpochMilli() - c.time().toEpochMilli());
        Map<String, ScoreState.Factor> factors = new HashMap<>(state.factors().size() + 1);
        state.factors()
                .forEach((category, f) -> factors.put(
                        category,
                        new ScoreState.Factor(
                                f.points() * ageing, f.signature(), f.signaturePoints() * ageing, f.events())));
        factors.merge(
                c.category(),
                new ScoreState.Factor(points, c.signature(), points, 1),
                (old, added) -> new ScoreState.Factor(
                        old.points() + added.points(),
                        added.signaturePoints() >= old.signaturePoints() ? added.signature() : old.signature(),
                        Math.max(added.signaturePoints(), old.signaturePoints()),
                        old.events() + 1));
        Instant lastSeen = c.time().isAfter(state.lastSeen()) ? c.time() : state.lastSeen();
        return new ScoreState(
                state.tenant(),
                state.type(),
                state.id(),
                asOf,
                factors,
                lastSeen,
                state.lastScore(),
                state.lastLevel(),
                state.version());
    }

    /** Emits a record when the change is worth it, and returns the state to store. */
    private ScoreState emitIfChanged(String key, ScoreState state, Instant now) {
        double points = state.totalPoints()
                * model.decay(now.toEpochMilli() - state.asOf().toEpochMilli());
        double score = model.score(points);
        Thresholds thresholds = params.thresholds(state.tenant());
        ThreatLevel level = thresholds.levelOf(score);
        boolean first = state.version() == 0;
        if (!first && level == state.lastLevel() && Math.abs(score - state.lastScore()) < config.emitStep()) {
            return state;
        }
        long version = state.version() + 1;
        ThreatLevel previous = first ? level : state.lastLevel();
        var value = new ThreatScore(
                state.tenant(),
                state.type(),
                state.id(),
                score,
                level,
                previous,
                topFactors(state, score, now),
                state.lastSeen(),
                now,
                version);
        context.forward(new Record<>(key, value, now.toEpochMilli()));
        return new ScoreState(
                state.tenant(),
                state.type(),
                state.id(),
                state.asOf(),
                state.factors(),
                state.lastSeen(),
                score,
                level,
                version);
    }

    private List<ScoreFactor> topFactors(ScoreState state, double score, Instant now) {
        double total = state.totalPoints();
        if (total <= 0) return List.of();
        List<ScoreFactor> factors = new ArrayList<>();
        state.factors()
                .forEach((category, f) -> factors.add(new ScoreFactor(
                        category, f.signature(), Math.round(10 * score * f.points() / total) / 10.0, f.events())));
        factors.sort(Comparator.comparingDouble(ScoreFactor::contribution).reversed());
        return factors.size() > config.topFactors() ? List.copyOf(factors.subList(0, config.topFactors())) : factors;
    }

    /** Lets idle entities decay as stream time moves on, and forgets those idle past retention. */
    private void decayIdle(long streamTimeMs) {
        Instant now = Instant.ofEpochMilli(streamTimeMs);
        List<KeyValue<String, ScoreState>> changed = new ArrayList<>();
        List<String> forgotten = new ArrayList<>();
        try (KeyValueIterator<String, ScoreState> all = store.all()) {
            while (all.hasNext()) {
                var entry = all.next();
                ScoreState state = entry.value;
                if (state.lastSeen().plus(config.idleRetention()).isBefore(now)) {
                    forgotten.add(entry.key);
                } else if (now.isAfter(state.asOf())) {
                    ScoreState after = emitIfChanged(entry.key, state, now);
                    if (after != state) changed.add(KeyValue.pair(entry.key, after));
                }
            }
        }
        changed.forEach(kv -> store.put(kv.key, kv.value));
        for (String key : forgotten) {
            store.delete(key);
            context.forward(new Record<>(key, null, streamTimeMs));
        }
    }
}
