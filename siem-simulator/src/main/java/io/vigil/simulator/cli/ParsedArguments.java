package io.vigil.simulator.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options ({@code --name value} or {@code --name=value}) and positional arguments of one
 * subcommand, checked against the options it accepts, with typed, validated accessors.
 */
final class ParsedArguments {

    private final String command;
    private final Map<String, String> options = new HashMap<>();
    private final List<String> positional = new ArrayList<>();
    private final boolean help;

    ParsedArguments(String command, List<String> args, Set<String> accepted) {
        this.command = command;
        boolean helpSeen = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                helpSeen = true;
            } else if (arg.startsWith("--")) {
                int equals = arg.indexOf('=');
                String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
                if (!accepted.contains(name)) {
                    throw new UsageException(command, "unknown option --" + name + " for '" + command + "'");
                }
                String value;
                if (equals >= 0) {
                    value = arg.substring(equals + 1);
                } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                    value = args.get(++i);
                } else {
                    throw new UsageException(command, "option --" + name + " needs a value");
                }
                if (options.put(name, value) != null) {
                    throw new UsageException(command, "option --" + name + " is given more than once");
                }
            } else {
                positional.add(arg);
            }
        }
        this.help = helpSeen;
    }

    boolean help() {
        return help;
    }

    List<String> positional() {
        return positional;
    }

    String string(String name, String fallback) {
        String value = options.get(name);
        if (value != null && value.isBlank()) {
            throw new UsageException(command, "option --" + name + " must not be empty");
        }
        return value == null ? fallback : value;
    }

    String required(String name) {
        String value = string(name, null);
        if (value == null) {
            throw new UsageException(command, "option --" + name + " is required");
        }
        return value;
    }

    double positiveNumber(String name, double fallback) {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            double number = Double.parseDouble(value);
            if (number > 0 && number <= 100_000) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below, with the accepted range
        }
        throw new UsageException(
                command, "option --" + name + " must be a number above 0 and at most 100000, got '" + value + "'");
    }

    Duration seconds(String name, Duration fallback) {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            long seconds = Long.parseLong(value);
            if (seconds > 0) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(
                command, "option --" + name + " must be a whole number of seconds above 0, got '" + value + "'");
    }

    Long optionalLong(String name) {
        String value = options.get(name);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new UsageException(command, "option --" + name + " must be a whole number, got '" + value + "'");
        }
    }
}
