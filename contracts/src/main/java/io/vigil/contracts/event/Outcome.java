package io.vigil.contracts.event;

/** Whether the action an event describes succeeded, following ECS {@code event.outcome}. */
public enum Outcome {
    SUCCESS,
    FAILURE,
    UNKNOWN
}
