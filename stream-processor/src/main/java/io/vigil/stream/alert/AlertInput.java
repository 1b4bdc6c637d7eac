package io.vigil.stream.alert;

import io.vigil.contracts.alert.AlertCommand;
import io.vigil.contracts.event.Severity;
import io.vigil.contracts.topic.Keys;
import java.time.Instant;

/**
 * One input of the alert state machine, keyed by the de-duplication key (the alert series
 * {@link Keys#alertSeries}, one per tenant, cause and subject): either a trigger (a score or anomaly worth an alert) or an
 * analyst's command.
 */
record AlertInput(Trigger trigger, AlertCommand command) {

    /**
     * Something that should open an alert or add to an open one.
     *
     * @param sourceKey the record that fired it; the same source never counts twice
     */
    record Trigger(
            String tenant,
            String causeKind,
            String cause,
            String subject,
            Severity severity,
            String title,
            String description,
            Instant at,
            String sourceKey) {

        String dedupKey() {
            return Keys.alertSeries(tenant, causeKind, subject);
        }
    }

    static AlertInput of(Trigger trigger) {
        return new AlertInput(trigger, null);
    }

    static AlertInput of(AlertCommand command) {
        return new AlertInput(null, command);
    }

    /** The de-duplication key an alert id belongs to: the id without its "-sequence" suffix. */
    static String dedupKeyOf(String alertId) {
        return Keys.alertSeriesOf(alertId);
    }
}
