package io.vigil.contracts.score;

/** Coarse threat level of an entity, derived from its score by per-tenant thresholds. */
public enum ThreatLevel {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL
}
