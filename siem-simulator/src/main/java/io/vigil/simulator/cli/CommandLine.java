package io.vigil.simulator.cli;

import io.vigil.simulator.formats.SourceFormat;
import io.vigil.simulator.scenario.ScenarioKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns the program arguments into a {@link Command}, or a {@link UsageException} saying what is wrong. */
public final class CommandLine {

    public static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";
    public static final String DEFAULT_TOPIC = "siem.events";
    public static final double DEFAULT_RUN_RATE = 50;
    public static final double DEFAULT_SIMULATE_RATE = 20;
    public static final List<String> DEFAULT_TENANTS = List.of("acme", "globex", "initech");
    public static final Duration DEFAULT_SCENARIO_EVERY = Duration.ofSeconds(90);
    public static final Duration DEFAULT_SIMULATE_DURATION = Duration.ofSeconds(60);

    /** Tenants become the first segment of record keys and of STOMP destinations: no '/' or '.'. */
    private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    private CommandLine() {}

    public static Command parse(String... args) {
        if (args.length == 0) {
            throw new UsageException(null, "a command is required");
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        return switch (args[0]) {
            case "run" -> run(rest);
            case "simulate" -> simulate(rest);
            case "ingest" -> ingest(rest);
            case "help", "--help", "-h" -> new Command.Help(rest.isEmpty() ? null : rest.getFirst());
            default -> throw new UsageException(null, "unknown command '" + args[0] + "'");
        };
    }

    private static Command run(List<String> args) {
        ParsedArguments parsed = new ParsedArguments(
                "run", args, Set.of("rate", "tenants", "bootstrap", "topic", "scenario-every", "duration", "seed"));
        if (parsed.help()) {
            return new Command.Help("run");
        }
        noPositional("run", parsed);
        String tenantList = parsed.string("tenants", String.join(",", DEFAULT_TENANTS));
        List<String> tenants = Arrays.stream(tenantList.split(","))
                .map(String::trim)
                .distinct()
                .toList();
        tenants.forEach(t -> tenant("run", t));
        return new Command.Run(
                parsed.positiveNumber("rate", DEFAULT_RUN_RATE),
                tenants,
                target(parsed),
                parsed.seconds("scenario-every", DEFAULT_SCENARIO_EVERY),
                parsed.seconds("duration", null),
                parsed.optionalLong("seed"));
    }

    private static Command simulate(List<String> args) {
        ParsedArguments parsed = new ParsedArguments(
                "simulate", args, Set.of("rate", "tenant", "scenario", "duration", "bootstrap", "topic", "seed"));
        if (parsed.help()) {
            return new Command.Help("simulate");
        }
        noPositional("simulate", parsed);
        String scenarioName = parsed.string("scenario", null);
        Optional<ScenarioKind> scenario = Optional.ofNullable(scenarioName)
                .map(name -> ScenarioKind.fromCliName(name)
                        .orElseThrow(() -> new UsageException(
                                "simulate",
                                "unknown scenario '" + name + "', expected one of " + ScenarioKind.choices())));
        return new Command.Simulate(
                parsed.positiveNumber("rate", DEFAULT_SIMULATE_RATE),
                tenant("simulate", parsed.required("tenant")),
                scenario,
                parsed.seconds("duration", DEFAULT_SIMULATE_DURATION),
                target(parsed),
                parsed.optionalLong("seed"));
    }

    private static Command ingest(List<String> args) {
        ParsedArguments parsed = new ParsedArguments("ingest", args, Set.of("format", "tenant", "bootstrap", "topic"));
        if (parsed.help()) {
            return new Command.Help("ingest");
        }
        if (parsed.positional().size() != 1) {
            throw new UsageException(
                    "ingest",
                    parsed.positional().isEmpty()
                            ? "a FILE to ingest is required"
                            : "exactly one FILE is expected, got " + parsed.positional());
        }
        Path file = Path.of(parsed.positional().getFirst());
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new UsageException("ingest", "cannot read file " + file.toAbsolutePath());
        }
        Optional<SourceFormat> format = Optional.ofNullable(parsed.string("format", null))
                .map(name -> SourceFormat.fromHeader(name)
                        .orElseThrow(() -> new UsageException(
                                "ingest", "unknown format '" + name + "', expected one of " + SourceFormat.choices())));
        Optional<String> tenant =
                Optional.ofNullable(parsed.string("tenant", null)).map(t -> tenant("ingest", t));
        return new Command.Ingest(file, format, tenant, target(parsed));
    }

    private static Command.Target target(ParsedArguments parsed) {
        return new Command.Target(parsed.string("bootstrap", DEFAULT_BOOTSTRAP), parsed.string("topic", DEFAULT_TOPIC));
    }

    private static void noPositional(String command, ParsedArguments parsed) {
        if (!parsed.positional().isEmpty()) {
            throw new UsageException(command, "unexpected argument(s) " + parsed.positional());
        }
    }

    private static String tenant(String command, String tenant) {
        if (!TENANT.matcher(tenant).matches()) {
            throw new UsageException(
                    command,
                    "invalid tenant '" + tenant
                            + "': use lower-case letters, digits, '-' and '_' (at most 63, starting with a letter or digit)");
        }
        return tenant;
    }
}
