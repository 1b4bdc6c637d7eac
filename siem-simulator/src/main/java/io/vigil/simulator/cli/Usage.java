package io.vigil.simulator.cli;

import io.vigil.simulator.formats.SourceFormat;
import io.vigil.simulator.scenario.ScenarioKind;

/** The help texts, general and per subcommand. */
public final class Usage {

    private static final String PROGRAM = "siem-simulator";

    private Usage() {}

    public static String text(String command) {
        if (command == null) {
            return general();
        }
        return switch (command) {
            case "run" -> run();
            case "simulate" -> simulate();
            case "ingest" -> ingest();
            default -> general();
        };
    }

    private static String general() {
        return """
                Usage: %1$s <command> [options]

                Produces security events into Vigil's siem.events Kafka topic.

                Commands:
                  run        continuous synthetic traffic for several tenants, with an attack scenario
                             injected every --scenario-every seconds; runs until SIGTERM/Ctrl-C
                  simulate   synthetic traffic for one tenant, optionally one attack scenario, for a
                             bounded time, then prints a summary
                  ingest     produces each element of a JSON array or NDJSON file as it is
                  help       this text, or `help <command>` for a command's options

                Run `%1$s <command> --help` for the options of a command.
                Exit codes: 0 done, 1 Kafka unreachable or records failed, 2 bad arguments.
                """.formatted(PROGRAM);
    }

    private static String run() {
        return """
                Usage: %s run [--rate N] [--tenants a,b,c] [--scenario-every SECONDS] [--duration SECONDS]
                              [--bootstrap HOST:PORT] [--topic NAME] [--seed N]

                Continuous background traffic for each tenant (logons, connections, DNS, process starts,
                low-severity IDS alerts) shaped by the tenant's local time of day, in a mix of formats
                (%s),
                plus one attack scenario (%s)
                for a random tenant every --scenario-every seconds (the first after 20 s, or sooner if the
                period is shorter).
                A status line every 10 s; SIGTERM or Ctrl-C stops it cleanly.

                Options:
                  --rate N                 events per second, all tenants together, as a daily average (default %s)
                  --tenants a,b,c          tenants (default %s)
                  --scenario-every SECONDS seconds between injected scenarios (default %d)
                  --duration SECONDS       stop after this long (default: run until SIGTERM or Ctrl-C)
                %s""".formatted(
                        PROGRAM,
                        SourceFormat.choices(),
                        ScenarioKind.choices(),
                        number(CommandLine.DEFAULT_RUN_RATE),
                        String.join(",", CommandLine.DEFAULT_TENANTS),
                        CommandLine.DEFAULT_SCENARIO_EVERY.toSeconds(),
                        commonOptions(true));
    }

    private static String simulate() {
        return """
                Usage: %s simulate --tenant T [--rate N] [--scenario %s]
                                   [--duration SECONDS] [--bootstrap HOST:PORT] [--topic NAME] [--seed N]

                Background traffic for one tenant at a flat rate and, with --scenario, one attack starting
                5 seconds in; exits after --duration with a summary.

                Scenarios:
                  brute-force   ~60 failed logons (SSH or Windows) for one user from one address, then a success
                  port-scan     one source probing 240 ports across the tenant's servers within 30 s
                  beaconing     one workstation calling one external address every 3 s (±15%%) for 50 s
                  exfiltration  60 uploads of 5-50 MB from one host to one external address within 30 s

                Options:
                  --tenant T               the tenant (required)
                  --rate N                 background events per second (default %s)
                  --scenario NAME          the attack to inject (default: none, background only)
                  --duration SECONDS       how long to run (default %d)
                %s""".formatted(
                        PROGRAM,
                        ScenarioKind.choices(),
                        number(CommandLine.DEFAULT_SIMULATE_RATE),
                        CommandLine.DEFAULT_SIMULATE_DURATION.toSeconds(),
                        commonOptions(true));
    }

    private static String ingest() {
        return """
                Usage: %s ingest FILE [--format %s] [--tenant T]
                                 [--bootstrap HOST:PORT] [--topic NAME]

                Produces each element of FILE, a JSON array or NDJSON (one JSON object per line, detected
                from the first character), as one record: NDJSON lines byte for byte, array elements
                re-serialised compactly. A bad element is reported with its line number and the rest are
                still sent; the exit code is 1 if any element failed.

                Options:
                  --format NAME            sets the vigil-format header (default: none, the processor detects it)
                  --tenant T               sets the vigil-tenant header (default: none)
                %s""".formatted(PROGRAM, SourceFormat.choices(), commonOptions(false));
    }

    private static String commonOptions(boolean seed) {
        return "  %-24s %s%n"
                        .formatted(
                                "--bootstrap HOST:PORT",
                                "Kafka bootstrap servers (default " + CommandLine.DEFAULT_BOOTSTRAP + ")")
                + "  %-24s %s%n"
                        .formatted("--topic NAME", "topic to produce to (default " + CommandLine.DEFAULT_TOPIC + ")")
                + (seed
                        ? "  %-24s %s%n".formatted("--seed N", "random seed, for a reproducible sequence of events")
                        : "");
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
