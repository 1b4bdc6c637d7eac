package io.vigil.contracts.alert;

/** What an analyst asks of an alert. */
public enum AlertAction {
    ACKNOWLEDGE,
    RESOLVE
}
