package io.vigil.contracts.ops;

/** The kinds of operations job the task workers run. The lower-case name is the queue suffix. */
public enum TaskType {
    RETRAIN,
    POLICY,
    CLEANUP,
    REPORT;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static TaskType fromId(String id) {
        return valueOf(id.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
