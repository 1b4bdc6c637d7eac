package io.vigil.simulator.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the elements of a JSON array file or an NDJSON file one by one, detecting which from
 * the first non-blank character. Every element comes out either as JSON object bytes or as a
 * refusal with its line number and reason: nothing is skipped silently. NDJSON lines are passed
 * on byte for byte; array elements are re-serialised compactly. A malformed array cannot be read
 * past the error, so reading stops there (with a refusal that says so).
 */
final class JsonElements {

    /** The two layouts an input file can have. */
    enum Layout {
        ARRAY,
        NDJSON
    }

    /** One element: {@code json} when it is a JSON object, otherwise {@code error} says why not. */
    record Element(long line, byte[] json, String error) {
        boolean ok() {
            return error == null;
        }
    }

    /** Reads array elements one at a time from a shared parser, so more tokens after each is normal. */
    private final ObjectMapper mapper = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    /** A line must hold exactly one value: `{"a":1} x` is refused, not half-sent. */
    private final ObjectMapper strict = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static Layout detect(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            int b;
            while ((b = in.read()) != -1) {
                if (b == '[') {
                    return Layout.ARRAY;
                }
                // Skip whitespace and a UTF-8 byte order mark.
                if (!Character.isWhitespace(b) && b != 0xEF && b != 0xBB && b != 0xBF) {
                    return Layout.NDJSON;
                }
            }
        }
        return Layout.NDJSON;
    }

    Layout read(Path file, Consumer<Element> sink) throws IOException {
        Layout layout = detect(file);
        if (layout == Layout.ARRAY) {
            readArray(file, sink);
        } else {
            readLines(file, sink);
        }
        return layout;
    }

    private void readArray(Path file, Consumer<Element> sink) {
        try (JsonParser parser = mapper.createParser(file)) {
            parser.nextToken(); // START_ARRAY, checked by detect()
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
                long line = parser.currentTokenLocation().getLineNr();
                if (token == JsonToken.START_OBJECT) {
                    JsonNode element = mapper.readTree(parser);
                    sink.accept(new Element(line, mapper.writeValueAsBytes(element), null));
                } else {
                    parser.skipChildren();
                    sink.accept(new Element(line, null, "element is " + describe(token) + ", not a JSON object"));
                }
            }
        } catch (JacksonException e) {
            long line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            sink.accept(new Element(
                    line, null, "malformed JSON, the rest of the array cannot be read: " + e.getOriginalMessage()));
        }
    }

    private void readLines(Path file, Consumer<Element> sink) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            long line = 0;
            while ((text = reader.readLine()) != null) {
                line++;
                if (line == 1 && text.startsWith("\uFEFF")) {
                    text = text.substring(1);
                }
                if (text.isBlank()) {
                    continue;
                }
                sink.accept(parseLine(line, text.strip()));
            }
        }
    }

    private Element parseLine(long line, String text) {
        try {
            JsonNode node = strict.readTree(text);
            if (!node.isObject()) {
                return new Element(line, null, "line is " + describe(node) + ", not a JSON object");
            }
            return new Element(line, text.getBytes(StandardCharsets.UTF_8), null);
        } catch (JacksonException e) {
            return new Element(line, null, "malformed JSON: " + e.getOriginalMessage());
        }
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.name();
        };
    }

    private static String describe(JsonNode node) {
        return node.isArray()
                ? "an array"
                : node.isNull() ? "null" : "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
