package io.vigil.gateway.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

/**
 * One record as the gateway keeps and serves it: the Kafka key, the value's version, where it came
 * from, its position in the tenant's event stream (event kinds only) and the value itself (null for
 * a removal).
 *
 * @param key the record key ({@code tenant/...}, or the alert id)
 * @param version the value's version (0 for removals)
 * @param partition source Kafka partition
 * @param offset source Kafka offset
 * @param seq position in the tenant's resume history ({@code <ms>-<n>}), or null
 * @param removed true for a tombstone: the client must drop the key
 * @param value the record value as JSON
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StateEntry(
        String key, long version, int partition, long offset, String seq, boolean removed, JsonNode value) {

    public StateEntry withSeq(String newSeq) {
        return new StateEntry(key, version, partition, offset, newSeq, removed, value);
    }
}
