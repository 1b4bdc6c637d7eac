package io.vigil.stream.ingest;

import io.vigil.contracts.event.SecurityEvent;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Vigil's own event JSON (docs/events.md), accepted as is. Only the id, tenant and raw reference are
 * filled in when missing; the tenant follows the same precedence as for the other formats.
 */
final class CanonicalNormaliser {

    private CanonicalNormaliser() {}

    static SecurityEvent normalise(SourceRecord record, JsonMapper mapper) {
        SecurityEvent event;
        try {
            event = mapper.treeToValue(record.root(), SecurityEvent.class);
        } catch (JacksonException e) {
            throw new Rejection(Rejection.NORMALISE, "not a valid canonical event: " + e.getOriginalMessage());
        }
        if (event.time() == null) throw Rejection.missing("time");
        if (event.severity() == null) throw Rejection.missing("severity");
        if (event.category() == null || event.category().isBlank()) throw Rejection.missing("category");
        if (event.action() == null || event.action().isBlank()) throw Rejection.missing("action");
        String originalId = event.raw() != null && event.raw().originalId() != null
                ? event.raw().originalId()
                : event.id();
        return new SecurityEvent(
                record.idOr(event.id()),
                event.time(),
                record.tenant(),
                event.source() == null ? "canonical" : event.source(),
                event.category(),
                event.action(),
                event.outcome(),
                event.severity(),
                event.entities(),
                event.signature(),
                event.signatureId(),
                record.raw(originalId));
    }
}
