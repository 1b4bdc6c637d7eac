package io.vigil.contracts.model;

import java.time.Instant;
import java.util.Map;

/**
 * Parameters the task workers fit and the stream processor uses, the value of
 * {@code model.params} (key: {@link io.vigil.contracts.topic.Keys#model}). One record per tenant
 * and model; fields that do not belong to the model are null.
 *
 * @param tenant tenant, or "*" for the defaults of all tenants
 * @param model {@link #BASELINE} or {@link #POLICY}
 * @param version increases with every new fit
 * @param trainedAt when it was fitted
 * @param thresholds score thresholds (policy model)
 * @param baselines per "dimension/value" (e.g. "category/authentication", "total/all"): expected
 *     rates (baseline model)
 * @param details what the fit saw and changed, for people
 */
public record ModelParams(
        String tenant,
        String model,
        long version,
        Instant trainedAt,
        Thresholds thresholds,
        Map<String, Baseline> baselines,
        Map<String, Object> details) {

    public static final String BASELINE = "baseline";
    public static final String POLICY = "policy";
    public static final String ALL_TENANTS = "*";
}
