package io.vigil.simulator.cli;

import io.vigil.simulator.formats.SourceFormat;
import io.vigil.simulator.scenario.ScenarioKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A parsed, validated command line: one of the subcommands with its options. */
public sealed interface Command {

    /** Where events go. */
    record Target(String bootstrap, String topic) {}

    /** {@code help [command]}, or any {@code --help}. */
    record Help(String command) implements Command {}

    /**
     * {@code run}: continuous traffic for several tenants with a scenario every so often.
     *
     * @param duration how long to run, or null until SIGTERM/SIGINT
     * @param seed random seed, or null for a fresh one
     */
    record Run(double rate, List<String> tenants, Target target, Duration scenarioEvery, Duration duration, Long seed)
            implements Command {}

    /** {@code simulate}: one tenant, optionally one scenario, for a bounded time. */
    record Simulate(
            double rate, String tenant, Optional<ScenarioKind> scenario, Duration duration, Target target, Long seed)
            implements Command {}

    /** {@code ingest}: produce the elements of a JSON array or NDJSON file as they are. */
    record Ingest(Path file, Optional<SourceFormat> format, Optional<String> tenant, Target target)
            implements Command {}
}
