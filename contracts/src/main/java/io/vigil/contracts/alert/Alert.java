package io.vigil.contracts.alert;

import io.vigil.contracts.event.Severity;
import java.time.Instant;

/**
 * An alert, the value of {@code alerts} (key: the alert id). A tombstone (null value) removes a
 * resolved alert after its retention.
 *
 * @param id alert id, stable while open: derived from tenant, entity or subject and cause
 * @param tenant tenant
 * @param state open, acknowledged or resolved
 * @param severity severity
 * @param subject the entity key or anomaly subject the alert is about
 * @param cause what raised it: "score:critical", "anomaly:fan_out", ...
 * @param title short title for lists
 * @param description what happened, with figures
 * @param openedAt when it opened
 * @param updatedAt when this version was written
 * @param occurrences how many times the cause fired while the alert was open
 * @param acknowledgedBy user who acknowledged it
 * @param acknowledgedAt when
 * @param resolvedBy user who resolved it
 * @param resolvedAt when
 * @param note the latest analyst note
 * @param version increases with every record emitted for this key
 */
public record Alert(
        String id,
        String tenant,
        AlertState state,
        Severity severity,
        String subject,
        String cause,
        String title,
        String description,
        Instant openedAt,
        Instant updatedAt,
        long occurrences,
        String acknowledgedBy,
        Instant acknowledgedAt,
        String resolvedBy,
        Instant resolvedAt,
        String note,
        long version) {}
