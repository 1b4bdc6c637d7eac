package io.vigil.contracts.alert;

/** Life cycle of an alert: open, then acknowledged by an analyst, then resolved. */
public enum AlertState {
    OPEN,
    ACKNOWLEDGED,
    RESOLVED
}
