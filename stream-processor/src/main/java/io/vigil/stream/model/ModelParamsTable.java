package io.vigil.stream.model;

import io.vigil.contracts.model.Baseline;
import io.vigil.contracts.model.ModelParams;
import io.vigil.contracts.model.Thresholds;
import io.vigil.contracts.topic.Keys;
import io.vigil.stream.StreamTopics;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * model.params as a GlobalKTable: every instance sees every tenant's thresholds and baselines, and
 * a new record from the task workers takes effect without a restart. Processors read it through
 * {@link #lookup}, which prefers the tenant's own record, then the "*" defaults.
 */
public final class ModelParamsTable {

    public static final String STORE = "model-params";

    private ModelParamsTable() {}

    /** Declares the global table; call once per application. */
    public static void build(StreamsBuilder builder, StreamTopics topics) {
        builder.globalTable(
                topics.modelParams().name(),
                Consumed.with(
                                topics.modelParams().keySerde(),
                                topics.modelParams().valueSerde())
                        .withName("model-params-source"),
                Materialized.<String, ModelParams, KeyValueStore<Bytes, byte[]>>as(STORE)
                        .withKeySerde(topics.modelParams().keySerde())
                        .withValueSerde(topics.modelParams().valueSerde()));
    }

    /** A lookup for one processor; call from {@code init}. */
    public static Lookup lookup(ProcessorContext<?, ?> context) {
        return new Lookup(context, context.getStateStore(STORE));
    }

    /**
     * Reads model parameters for a tenant. Decoded records are kept for a second of wall-clock time,
     * so a busy processor does not decode the same JSON for every record.
     */
    public static final class Lookup {

        private static final long CACHE_MS = 1_000;

        private final ProcessorContext<?, ?> context;
        private final KeyValueStore<String, Object> store;
        private final Map<String, Cached> cache = new HashMap<>();

        private record Cached(ModelParams params, long at) {}

        Lookup(ProcessorContext<?, ?> context, KeyValueStore<String, Object> store) {
            this.context = context;
            this.store = store;
        }

        public Thresholds thresholds(String tenant) {
            ModelParams own = get(Keys.model(tenant, ModelParams.POLICY));
            if (own != null && own.thresholds() != null) return own.thresholds();
            ModelParams all = get(Keys.model(ModelParams.ALL_TENANTS, ModelParams.POLICY));
            if (all != null && all.thresholds() != null) return all.thresholds();
            return Thresholds.DEFAULT;
        }

        /** The baseline for "dimension/value", or null when neither the tenant nor "*" has one. */
        public Baseline baseline(String tenant, String series) {
            for (String owner : new String[] {tenant, ModelParams.ALL_TENANTS}) {
                ModelParams params = get(Keys.model(owner, ModelParams.BASELINE));
                if (params != null && params.baselines() != null) {
                    Baseline baseline = params.baselines().get(series);
                    if (baseline != null
                            && baseline.mean() != null
                            && baseline.mean().size() == Baseline.HOURS_PER_WEEK
                            && baseline.stddev() != null
                            && baseline.stddev().size() == Baseline.HOURS_PER_WEEK) {
                        return baseline;
                    }
                }
            }
            return null;
        }

        private ModelParams get(String key) {
            long now = context.currentSystemTimeMs();
            Cached cached = cache.get(key);
            if (cached != null && now - cached.at() < CACHE_MS) return cached.params();
            Object value = store.get(key);
            if (value instanceof ValueAndTimestamp<?> timestamped) value = timestamped.value();
            ModelParams params = value instanceof ModelParams p ? p : null;
            cache.put(key, new Cached(params, now));
            return params;
        }
    }
}
