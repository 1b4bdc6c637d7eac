package io.vigil.contracts.event;

/**
 * Normalised severity of a security event, alert or anomaly, ordered from least to most severe.
 * Every source format maps its own scale onto these five levels (see docs/events.md).
 */
public enum Severity {
    INFO,
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }
}
