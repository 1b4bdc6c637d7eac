package io.vigil.stream.metrics;

import io.vigil.contracts.event.Outcome;
import io.vigil.contracts.event.SecurityEvent;
import io.vigil.contracts.event.Severity;
import io.vigil.contracts.topic.VigilSerdes;
import io.vigil.stream.ingest.EventTimes;
import java.time.Instant;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fields of a normalised event that the metrics count, read straight from the JSON of the
 * normalised topic. Binding the whole {@link SecurityEvent} (entities, raw reference, signature,
 * ids) was most of the metrics' CPU; these few fields are picked out of the token stream and the
 * rest is skipped.
 */
record MetricsEvent(String tenant, Instant time, Severity severity, String category, String source, String srcIp) {

    /** Reads the normalised topic (the topic's writer is ingest, with the contract's serde). */
    static final Serde<MetricsEvent> SERDE = Serdes.serdeFrom(
            (topic, event) -> {
                throw new UnsupportedOperationException("metrics only read normalised events");
            },
            new Reader());

    static MetricsEvent of(SecurityEvent event) {
        return new MetricsEvent(
                event.tenant(),
                event.time(),
                event.severity(),
                event.category(),
                event.source(),
                event.entities().srcIp());
    }

    /**
     * Reads the common shape (what ingest writes: string fields, times as {@link Instant#toString()})
     * directly; anything else goes through the contract's full deserializer, so every value reads
     * exactly as it would as a {@link SecurityEvent}, failures included.
     */
    static final class Reader implements Deserializer<MetricsEvent> {

        private static final JsonMapper MAPPER = JsonMapper.shared();
        private final Deserializer<SecurityEvent> full =
                VigilSerdes.securityEvent().deserializer();

        @Override
        public MetricsEvent deserialize(String topic, byte[] bytes) {
            if (bytes == null) return null;
            MetricsEvent fast;
            try {
                fast = read(bytes);
            } catch (RuntimeException unusual) {
                fast = null;
            }
            if (fast != null) return fast;
            SecurityEvent event = full.deserialize(topic, bytes);
            return event == null ? null : of(event);
        }

        /**
         * The projection, or null when the value is not exactly in the shape the contract's serializer
         * writes: every field known and of its type, none twice, times as {@link Instant#toString()}.
         * Fields the metrics do not use are checked, not bound, so a value the full deserializer would
         * refuse is never counted here.
         */
        private static MetricsEvent read(byte[] bytes) {
            try (JsonParser p = MAPPER.createParser(bytes)) {
                if (p.nextToken() != JsonToken.START_OBJECT) return null;
                String tenant = null, time = null, severity = null, category = null, source = null, srcIp = null;
                int seen = 0;
                String name;
                while ((name = p.nextName()) != null) {
                    JsonToken token = p.nextToken();
                    int bit = 1
                            << switch (name) {
                                case "tenant" -> 0;
                                case "time" -> 1;
                                case "severity" -> 2;
                                case "category" -> 3;
                                case "source" -> 4;
                                case "entities" -> 5;
                                case "id" -> 6;
                                case "action" -> 7;
                                case "signature" -> 8;
                                case "signatureId" -> 9;
                                case "outcome" -> 10;
                                case "raw" -> 11;
                                default -> throw new IllegalStateException("unknown field");
                            };
                    if ((seen & bit) != 0) return null;
                    seen |= bit;
                    switch (name) {
                        case "tenant" -> tenant = text(p, token);
                        case "time" -> time = text(p, token);
                        case "severity" -> severity = text(p, token);
                        case "category" -> category = text(p, token);
                        case "source" -> source = text(p, token);
                        case "entities" -> srcIp = entities(p, token);
                        case "outcome" -> {
                            String outcome = text(p, token);
                            if (outcome != null) Outcome.valueOf(outcome);
                        }
                        case "raw" -> raw(p, token);
                        default -> text(p, token);
                    }
                }
                if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) return null;
                if (time == null || severity == null) return null;
                Instant instant = EventTimes.parseUtc(time);
                if (instant == null) return null;
                return new MetricsEvent(tenant, instant, Severity.valueOf(severity), category, source, srcIp);
            }
        }

        private static String text(JsonParser p, JsonToken token) {
            if (token == JsonToken.VALUE_STRING) return p.getString();
            if (token == JsonToken.VALUE_NULL) return null;
            throw new IllegalStateException("not in the common shape");
        }

        private static void number(JsonParser p, JsonToken token, boolean isLong) {
            if (token == JsonToken.VALUE_NULL) return;
            if (token != JsonToken.VALUE_NUMBER_INT) throw new IllegalStateException("not in the common shape");
            var type = p.getNumberType();
            if (type != JsonParser.NumberType.INT && !(isLong && type == JsonParser.NumberType.LONG)) {
                throw new IllegalStateException("not in the common shape");
            }
        }

        /** Checks the entities and returns the source address. */
        private static String entities(JsonParser p, JsonToken token) {
            if (token == JsonToken.VALUE_NULL) return null;
            if (token != JsonToken.START_OBJECT) throw new IllegalStateException("not in the common shape");
            String srcIp = null;
            int seen = 0;
            String name;
            while ((name = p.nextName()) != null) {
                JsonToken value = p.nextToken();
                int bit = 1
                        << switch (name) {
                            case "host" -> 0;
                            case "user" -> 1;
                            case "srcIp" -> 2;
                            case "srcPort" -> 3;
                            case "dstIp" -> 4;
                            case "dstPort" -> 5;
                            case "protocol" -> 6;
                            default -> throw new IllegalStateException("unknown field");
                        };
                if ((seen & bit) != 0) throw new IllegalStateException("field twice");
                seen |= bit;
                switch (name) {
                    case "srcIp" -> srcIp = text(p, value);
                    case "srcPort", "dstPort" -> number(p, value, false);
                    default -> text(p, value);
                }
            }
            return srcIp;
        }

        private static void raw(JsonParser p, JsonToken token) {
            if (token == JsonToken.VALUE_NULL) return;
            if (token != JsonToken.START_OBJECT) throw new IllegalStateException("not in the common shape");
            int seen = 0;
            String name;
            while ((name = p.nextName()) != null) {
                JsonToken value = p.nextToken();
                int bit = 1
                        << switch (name) {
                            case "format" -> 0;
                            case "topic" -> 1;
                            case "partition" -> 2;
                            case "offset" -> 3;
                            case "originalId" -> 4;
                            default -> throw new IllegalStateException("unknown field");
                        };
                if ((seen & bit) != 0) throw new IllegalStateException("field twice");
                seen |= bit;
                switch (name) {
                    case "partition" -> number(p, value, false);
                    case "offset" -> number(p, value, true);
                    default -> text(p, value);
                }
            }
        }
    }
}
