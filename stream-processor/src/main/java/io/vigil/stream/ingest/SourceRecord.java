package io.vigil.stream.ingest;

import io.vigil.contracts.event.RawReference;
import tools.jackson.databind.JsonNode;

/**
 * One parsed input record with what the normalisers need besides its content: the resolved tenant,
 * an id to use when the source has none, and where the record came from.
 */
record SourceRecord(
        JsonNode root, Format format, String tenant, String fallbackId, String topic, int partition, long offset) {

    RawReference raw(String originalId) {
        return new RawReference(format.id(), topic, partition, offset, originalId);
    }

    String idOr(String sourceId) {
        return sourceId == null ? fallbackId : sourceId;
    }
}
