package io.vigil.infra.asyncapi;

import static io.vigil.infra.RepoFiles.at;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks one AsyncAPI schema against the record it documents (extension {@code x-vigil-record}):
 * the JSON type of each component, enum constants, nested records by reference.
 */
record RecordSchemas(Map<String, Map<String, Object>> schemas) {

    static final String RECORD = "x-vigil-record";

    /** The JSON property name Jackson writes for a component (@JsonProperty on the accessor). */
    static String jsonName(RecordComponent component) {
        JsonProperty renamed = component.getAccessor().getAnnotation(JsonProperty.class);
        return renamed != null && !renamed.value().isEmpty() ? renamed.value() : component.getName();
    }

    /** The schema name whose x-vigil-record is this class. */
    String schemaOf(Class<?> type) {
        return schemas.entrySet().stream()
                .filter(e -> type.getName().equals(e.getValue().get(RECORD)))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no schema with " + RECORD + ": " + type.getName()));
    }

    void checkType(String where, Type type, Map<String, Object> property) {
        Class<?> raw = SampleRecords.raw(type);
        if (raw.isRecord()) {
            assertThat(property.get("$ref")).as(where).isEqualTo("#/components/schemas/" + schemaOf(raw));
            return;
        }
        assertThat(property.get("type")).as(where + " type").isEqualTo(jsonType(raw));
        if (raw == Instant.class) {
            assertThat(property.get("format")).as(where + " format").isEqualTo("date-time");
        } else if (raw.isEnum()) {
            List<String> constants =
                    Arrays.stream(raw.getEnumConstants()).map(Object::toString).toList();
            assertThat((List<Object>) at(property, "enum")).as(where + " enum").isEqualTo(constants);
        } else if (raw == List.class) {
            checkType(where + "[]", SampleRecords.argument(type, 0), at(property, "items"));
        } else if (raw == Map.class) {
            Type values = SampleRecords.argument(type, 1);
            if (values != Object.class) {
                checkType(where + "{}", values, at(property, "additionalProperties"));
            }
        }
    }

    private static String jsonType(Class<?> raw) {
        if (raw == String.class || raw == Instant.class || raw.isEnum()) return "string";
        if (raw == boolean.class || raw == Boolean.class) return "boolean";
        if (List.of(int.class, long.class, Integer.class, Long.class).contains(raw)) return "integer";
        if (List.of(double.class, float.class, Double.class, Float.class).contains(raw)) return "number";
        if (raw == List.class) return "array";
        if (raw == Map.class || raw == Object.class) return "object";
        throw new IllegalArgumentException("no JSON type for " + raw);
    }

    static boolean sameRecord(Map<String, Object> schema, Class<?> type) {
        return Objects.equals(schema.get(RECORD), type.getName());
    }
}
