package io.vigil.workers.task;

import io.vigil.contracts.ops.TaskRequest;
import io.vigil.contracts.ops.TaskType;
import java.util.Map;

/**
 * One kind of ops job. The listener calls {@link #run} for each accepted request of {@link #type};
 * an exception fails the attempt (retried with back-off, then dead-lettered with its message).
 */
public interface TaskJob {

    TaskType type();

    /** Runs the job and returns its result summary, published with the DONE status. */
    Map<String, Object> run(TaskRequest request, Progress progress) throws Exception;

    /** Reports progress of a running job to /topic/ops.tasks. */
    @FunctionalInterface
    interface Progress {
        void report(int percent, String message);
    }
}
