package io.vigil.contracts.ops;

import java.time.Instant;
import java.util.Map;

/**
 * Progress or result of one task run, published to {@code amq.topic} with routing key
 * {@code ops.tasks} (STOMP {@code /topic/ops.tasks}).
 *
 * @param taskId the request id
 * @param type task type
 * @param tenant tenant or "*"
 * @param state STARTED, PROGRESS, DONE or FAILED
 * @param progress 0-100
 * @param message what is happening, or why it failed
 * @param result the job's result summary (on DONE)
 * @param at when
 * @param durationMs time since start (on DONE and FAILED)
 * @param worker the worker instance
 */
public record TaskStatus(
        String taskId,
        String type,
        String tenant,
        State state,
        int progress,
        String message,
        Map<String, Object> result,
        Instant at,
        Long durationMs,
        String worker) {

    public enum State {
        STARTED,
        PROGRESS,
        DONE,
        FAILED
    }
}
