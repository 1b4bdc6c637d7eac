package io.vigil.gateway.bridge;

import io.vigil.contracts.topic.Keys;
import io.vigil.gateway.state.StateEntry;
import io.vigil.gateway.stream.Kind;
import io.vigil.gateway.stream.TenantTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One Kafka record of a compacted topic, decoded just enough to route it: its tenant topic, its
 * entry (key, version, partition, offset, value) and whether it stays in the latest state.
 */
record BridgedRecord(TenantTopic topic, StateEntry entry, boolean keep, long timestamp, String raw) {

    /** Why a record cannot be bridged; it is logged and counted, never silently dropped. */
    static final class Rejected extends Exception {
        final String reason;

        Rejected(String reason, String detail) {
            super(detail);
            this.reason = reason;
        }
    }

    BridgedRecord withEntry(StateEntry newEntry) {
        return new BridgedRecord(topic, newEntry, keep, timestamp, raw);
    }

    static BridgedRecord decode(Kind kind, ConsumerRecord<String, String> record, JsonMapper json) throws Rejected {
        String key = record.key();
        if (key == null || key.isBlank()) {
            throw new Rejected("no-key", "record without a key");
        }
        JsonNode value = null;
        if (record.value() != null) {
            try {
                value = json.readTree(record.value());
            } catch (JacksonException e) {
                throw new Rejected("bad-json", "value is not JSON: " + e.getOriginalMessage());
            }
            if (!value.isObject()) {
                throw new Rejected("bad-json", "value is not a JSON object");
            }
        }
        String tenant = value != null && value.hasNonNull("tenant")
                ? value.get("tenant").asString()
                : Keys.tenantOf(key);
        if (!TenantTopic.validTenant(tenant)) {
            throw new Rejected("bad-tenant", "tenant '" + tenant + "' is not a valid tenant id");
        }
        long version = value != null && value.hasNonNull("version")
                ? value.get("version").asLong()
                : 0;
        boolean keep = !(kind == Kind.ALERTS
                && value != null
                && "RESOLVED".equals(value.path("state").asString(null)));
        StateEntry entry =
                new StateEntry(key, version, record.partition(), record.offset(), null, value == null, value);
        return new BridgedRecord(new TenantTopic(tenant, kind), entry, keep, record.timestamp(), record.value());
    }
}
