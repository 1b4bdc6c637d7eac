package io.vigil.stream.ingest;

import tools.jackson.databind.JsonNode;

/**
 * Reads optional fields from a source document, by nested path ({@code "source.ip"} as
 * {@code source -> ip}) or, as ECS and some collectors write them, by a literal dotted key.
 * Missing, null and blank fields all read as null.
 */
final class JsonFields {

    private JsonFields() {}

    static JsonNode node(JsonNode root, String path) {
        JsonNode literal = root.get(path);
        if (literal != null && !literal.isNull()) {
            return literal;
        }
        JsonNode current = root;
        for (String part : path.split("\\.")) {
            current = current.get(part);
            if (current == null || current.isNull()) {
                return null;
            }
        }
        return current;
    }

    static String text(JsonNode root, String... paths) {
        for (String path : paths) {
            JsonNode node = node(root, path);
            if (node == null) continue;
            if (node.isArray()) node = node.isEmpty() ? null : node.get(0);
            if (node == null || node.isContainer()) continue;
            String value = node.asString().trim();
            if (!value.isEmpty() && !value.equals("-")) {
                return value;
            }
        }
        return null;
    }

    static Integer integer(JsonNode root, String... paths) {
        String value = text(root, paths);
        if (value == null) return null;
        try {
            double number = Double.parseDouble(value);
            // (int) would clamp 1e308 to Integer.MAX_VALUE: a value out of range is no value at all.
            if (Double.isNaN(number) || number > Integer.MAX_VALUE || number < Integer.MIN_VALUE) return null;
            return (int) number;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Boolean bool(JsonNode root, String path) {
        JsonNode node = node(root, path);
        if (node == null) return null;
        if (node.isBoolean()) return node.booleanValue();
        String value = node.asString().trim().toLowerCase(java.util.Locale.ROOT);
        return switch (value) {
            case "true", "t", "yes", "1", "success" -> true;
            case "false", "f", "no", "0", "failure" -> false;
            default -> null;
        };
    }

    static String lower(String value) {
        return value == null ? null : value.toLowerCase(java.util.Locale.ROOT);
    }
}
