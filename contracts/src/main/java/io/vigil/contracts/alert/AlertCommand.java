package io.vigil.contracts.alert;

import java.time.Instant;

/**
 * An analyst's command on {@code alert.commands} (key: the alert id).
 *
 * @param commandId unique id of this command, for de-duplication and replies
 * @param alertId the alert
 * @param tenant the tenant of the analyst; a command for another tenant's alert is ignored
 * @param action acknowledge or resolve
 * @param user who
 * @param at when
 * @param note optional free text
 */
public record AlertCommand(
        String commandId, String alertId, String tenant, AlertAction action, String user, Instant at, String note) {}
