package io.vigil.infra.asyncapi;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Builds an instance of any contracts record with every component set (nothing null), so that its
 * JSON shows every property. A record whose constructor refuses the made-up values (Thresholds
 * checks its order) is taken from its own public constant of that type.
 */
final class SampleRecords {

    private SampleRecords() {}

    static Object of(Type type) {
        Class<?> raw = raw(type);
        if (raw == String.class || raw == Object.class) return "x";
        if (raw == Instant.class) return Instant.parse("2026-11-23T01:02:03Z");
        if (raw == int.class || raw == Integer.class) return 1;
        if (raw == long.class || raw == Long.class) return 1L;
        if (raw == double.class || raw == Double.class) return 1.5;
        if (raw == boolean.class || raw == Boolean.class) return true;
        if (raw.isEnum()) return raw.getEnumConstants()[0];
        if (raw == List.class) return List.of(of(argument(type, 0)));
        if (raw == Map.class) return Map.of("k", of(argument(type, 1)));
        if (raw.isRecord()) return record(raw);
        throw new IllegalArgumentException("no sample for " + type);
    }

    static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) return c;
        if (type instanceof ParameterizedType p) return (Class<?>) p.getRawType();
        throw new IllegalArgumentException("unsupported type " + type);
    }

    static Type argument(Type type, int index) {
        return ((ParameterizedType) type).getActualTypeArguments()[index];
    }

    private static Object record(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values =
                Arrays.stream(components).map(c -> of(c.getGenericType())).toArray();
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            return canonical.newInstance(values);
        } catch (InvocationTargetException refused) {
            return ownConstant(type);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object ownConstant(Class<?> type) {
        return Arrays.stream(type.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == type)
                .findFirst()
                .map(f -> {
                    try {
                        return f.get(null);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .orElseThrow(() -> new IllegalStateException(type + " refuses sample values and has no constant"));
    }
}
