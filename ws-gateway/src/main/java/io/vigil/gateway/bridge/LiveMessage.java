package io.vigil.gateway.bridge;

import io.vigil.gateway.state.StateEntry;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a live message on {@code /topic/<tenant>.<kind>} carries, in one place for every way the
 * bridge delivers it (RabbitMQ, or the in-memory broker of the benchmark baseline): the
 * {@code vigil-*} headers, the message id {@code <key>@<version>} and the body.
 */
record LiveMessage(String messageId, Map<String, String> headers, byte[] body) {

    static final String KEY = "vigil-key";
    static final String VERSION = "vigil-version";
    static final String PARTITION = "vigil-partition";
    static final String OFFSET = "vigil-offset";
    static final String SEQ = "vigil-seq";
    static final String OP = "vigil-op";
    static final String KIND = "vigil-kind";

    static LiveMessage of(BridgedRecord record, JsonMapper json) {
        StateEntry entry = record.entry();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(KEY, entry.key());
        headers.put(VERSION, Long.toString(entry.version()));
        headers.put(PARTITION, Integer.toString(entry.partition()));
        headers.put(OFFSET, Long.toString(entry.offset()));
        headers.put(KIND, record.topic().kind().id());
        headers.put(OP, entry.removed() ? "remove" : "upsert");
        if (entry.seq() != null) {
            headers.put(SEQ, entry.seq());
        }
        byte[] body = entry.removed()
                ? json.writeValueAsBytes(new Removal(entry.key(), true))
                : record.raw().getBytes(StandardCharsets.UTF_8);
        return new LiveMessage(entry.key() + "@" + entry.version(), headers, body);
    }

    /** The body of a removal: the key that is gone. */
    record Removal(String key, boolean removed) {}
}
