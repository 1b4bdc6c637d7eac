package io.vigil.workers.task;

/**
 * What the value of a task id's Redis key means to the worker that looks at it. A running claim is
 * {@code running:<instance id>}, so a worker can tell its own claims from another's; {@code done:…}
 * and {@code failed:…} are the records of finished tasks.
 */
enum ClaimState {
    /** No key: the id can be claimed. */
    FREE,
    /** The task finished (done or failed for good) within the retention. */
    FINISHED,
    /** Another instance holds a claim it has renewed within its lease, so it is alive. */
    HELD_BY_OTHER,
    /** This instance runs the task right now (another consumer thread of it). */
    HELD_HERE,
    /**
     * A claim in this instance's name that this process does not hold: left by an earlier process with
     * the same instance id that died, so it can be taken over at once.
     */
    OWN_STALE;

    static final String RUNNING = "running:";

    static String running(String instanceId) {
        return RUNNING + instanceId;
    }

    static ClaimState of(String value, String instanceId, boolean heldHere) {
        if (value == null) return FREE;
        if (!value.startsWith(RUNNING)) return FINISHED;
        if (!value.equals(running(instanceId))) return HELD_BY_OTHER;
        return heldHere ? HELD_HERE : OWN_STALE;
    }
}
