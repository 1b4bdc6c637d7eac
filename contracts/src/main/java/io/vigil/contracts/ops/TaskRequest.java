package io.vigil.contracts.ops;

import java.time.Instant;
import java.util.Map;

/**
 * A request to run one job, published to the tasks exchange as plain JSON (see docs/tasks.md).
 *
 * @param id unique id; a redelivered id is not run twice (also carried as the AMQP message id)
 * @param type retrain, policy, cleanup or report
 * @param tenant the tenant to run for, or "*" for all
 * @param requestedBy "scheduler", or the user who asked
 * @param params job-specific parameters
 * @param requestedAt when
 */
public record TaskRequest(
        String id, String type, String tenant, String requestedBy, Map<String, Object> params, Instant requestedAt) {}
