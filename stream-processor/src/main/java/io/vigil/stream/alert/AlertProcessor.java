package io.vigil.stream.alert;

import io.vigil.contracts.alert.Alert;
import io.vigil.contracts.alert.AlertCommand;
import io.vigil.contracts.alert.AlertState;
import io.vigil.contracts.topic.Keys;
import io.vigil.stream.config.VigilProperties;
import io.vigil.stream.window.PunctuationLag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert state machine, one per {@code tenant/cause/subject}: a trigger opens an alert (or adds
 * an occurrence to the open one, raising its severity if needed); commands move it open →
 * acknowledged → resolved. A resolved alert is removed with a tombstone after the retention, and
 * the next trigger opens a new alert with the next sequence number. Refused commands are logged
 * with the reason.
 */
final class AlertProcessor implements Processor<String, AlertInput, String, Alert> {

    private static final Logger log = LoggerFactory.getLogger(AlertProcessor.class);

    private final String stateStore;
    private final String resolvedStore;
    private final VigilProperties.Alerts config;
    private final PunctuationLag punctuationLag;
    private ProcessorContext<String, Alert> context;
    private PunctuationLag.Schedule sweepSchedule;
    private KeyValueStore<String, AlertSlot> states;
    private KeyValueStore<String, Long> resolved;

    AlertProcessor(
            String stateStore, String resolvedStore, VigilProperties.Alerts config, PunctuationLag punctuationLag) {
        this.stateStore = stateStore;
        this.resolvedStore = resolvedStore;
        this.config = config;
        this.punctuationLag = punctuationLag;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.states = context.getStateStore(stateStore);
        this.resolved = context.getStateStore(resolvedStore);
        context.schedule(config.sweepInterval(), PunctuationType.WALL_CLOCK_TIME, this::tombstoneResolved);
        sweepSchedule = punctuationLag.register(
                PunctuationLag.Punctuation.ALERT_SWEEP,
                context.taskId().toString(),
                config.sweepInterval(),
                context.currentSystemTimeMs());
    }

    @Override
    public void close() {
        if (sweepSchedule != null) sweepSchedule.unregister();
    }

    @Override
    public void process(Record<String, AlertInput> record) {
        AlertInput input = record.value();
        if (input == null) return;
        var state = states.get(record.key());
        if (input.trigger() != null) {
            trigger(record.key(), state, input.trigger());
        } else if (input.command() != null) {
            command(record.key(), state, input.command());
        }
    }

    private void trigger(String key, AlertSlot state, AlertInput.Trigger t) {
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        Alert current = state == null ? null : state.current();
        if (current == null || current.state() == AlertState.RESOLVED) {
            long sequence = state == null ? 1 : state.sequence() + 1;
            var alert = new Alert(
                    Keys.alert(key, sequence),
                    t.tenant(),
                    AlertState.OPEN,
                    t.severity(),
                    t.subject(),
                    t.cause(),
                    t.title(),
                    t.description(),
                    t.at() == null ? now : t.at(),
                    now,
                    1,
                    null,
                    null,
                    null,
                    null,
                    null,
                    1);
            save(key, new AlertSlot(alert, sequence, t.sourceKey()), alert);
            return;
        }
        boolean sameSource = t.sourceKey().equals(state.lastSourceKey());
        boolean escalates = t.severity().compareTo(current.severity()) > 0;
        if (sameSource && !escalates) return;
        var alert = new Alert(
                current.id(),
                current.tenant(),
                current.state(),
                escalates ? t.severity() : current.severity(),
                current.subject(),
                escalates ? t.cause() : current.cause(),
                escalates ? t.title() : current.title(),
                t.description(),
                current.openedAt(),
                now,
                current.occurrences() + (sameSource ? 0 : 1),
                current.acknowledgedBy(),
                current.acknowledgedAt(),
                null,
                null,
                current.note(),
                current.version() + 1);
        save(key, new AlertSlot(alert, state.sequence(), t.sourceKey()), alert);
    }

    private void command(String key, AlertSlot state, AlertCommand c) {
        Alert current = state == null ? null : state.current();
        String refusal = null;
        if (current == null || !current.id().equals(c.alertId())) {
            refusal = "no such alert (or no longer the current alert for " + key + ")";
        } else if (c.tenant() == null || !c.tenant().equals(current.tenant())) {
            refusal = "tenant " + c.tenant() + " may not change an alert of tenant " + current.tenant();
        } else if (c.action() == null) {
            refusal = "no action";
        } else if (current.state() == AlertState.RESOLVED) {
            refusal = "alert is already resolved";
        } else if (c.action() == io.vigil.contracts.alert.AlertAction.ACKNOWLEDGE
                && current.state() == AlertState.ACKNOWLEDGED) {
            refusal = "alert is already acknowledged";
        }
        if (refusal != null) {
            log.warn(
                    "Refused alert command {} ({} on {} by {}): {}",
                    c.commandId(),
                    c.action(),
                    c.alertId(),
                    c.user(),
                    refusal);
            return;
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        Instant at = c.at() == null ? now : c.at();
        String note = c.note() == null ? current.note() : c.note();
        Alert alert = switch (c.action()) {
            case ACKNOWLEDGE ->
                new Alert(
                        current.id(),
                        current.tenant(),
                        AlertState.ACKNOWLEDGED,
                        current.severity(),
                        current.subject(),
                        current.cause(),
                        current.title(),
                        current.description(),
                        current.openedAt(),
                        now,
                        current.occurrences(),
                        c.user(),
                        at,
                        null,
                        null,
                        note,
                        current.version() + 1);
            case RESOLVE ->
                new Alert(
                        current.id(),
                        current.tenant(),
                        AlertState.RESOLVED,
                        current.severity(),
                        current.subject(),
                        current.cause(),
                        current.title(),
                        current.description(),
                        current.openedAt(),
                        now,
                        current.occurrences(),
                        current.acknowledgedBy(),
                        current.acknowledgedAt(),
                        c.user(),
                        at,
                        note,
                        current.version() + 1);
        };
        if (alert.state() == AlertState.RESOLVED) {
            resolved.put(alert.id(), now.toEpochMilli());
        }
        save(key, new AlertSlot(alert, state.sequence(), state.lastSourceKey()), alert);
    }

    private void save(String key, AlertSlot state, Alert alert) {
        states.put(key, state);
        context.forward(new Record<>(alert.id(), alert, context.currentSystemTimeMs()));
    }

    /** Removes resolved alerts from the compacted topic once they are older than the retention. */
    private void tombstoneResolved(long wallMs) {
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = resolved.all()) {
            all.forEachRemaining(kv -> {
                if (wallMs - kv.value >= config.resolvedRetention().toMillis()) expired.add(kv.key);
            });
        }
        for (String alertId : expired) {
            resolved.delete(alertId);
            context.forward(new Record<>(alertId, null, wallMs));
        }
        sweepSchedule.completed(wallMs);
    }
}
