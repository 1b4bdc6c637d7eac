package io.vigil.workers.task;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.convert.DurationStyle;

/**
 * Typed access to a task request's {@code params}, with the configured value as default. A value
 * that cannot be read fails the task with a message naming the parameter.
 */
public record TaskParams(Map<String, Object> values) {

    public TaskParams {
        values = values == null ? Map.of() : values;
    }

    public Duration duration(String name, Duration fallback) {
        Object value = values.get(name);
        if (value == null) return fallback;
        try {
            Duration parsed = DurationStyle.detectAndParse(value.toString());
            if (parsed.isNegative() || parsed.isZero()) throw new IllegalArgumentException("must be positive");
            return parsed;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "param '%s' must be a positive duration like \"6h\" or \"PT6H\", got \"%s\""
                            .formatted(name, value));
        }
    }

    public double number(String name, double fallback) {
        Object value = values.get(name);
        if (value == null) return fallback;
        if (value instanceof Number number) return number.doubleValue();
        try {
            return Double.parseDouble(value.toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("param '%s' must be a number, got \"%s\"".formatted(name, value));
        }
    }

    public int integer(String name, int fallback) {
        return (int) Math.round(number(name, fallback));
    }
}
