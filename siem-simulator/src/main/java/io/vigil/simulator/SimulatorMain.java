package io.vigil.simulator;

import io.vigil.simulator.cli.Command;
import io.vigil.simulator.cli.CommandLine;
import io.vigil.simulator.cli.Usage;
import io.vigil.simulator.cli.UsageException;
import io.vigil.simulator.ingest.FileIngester;
import io.vigil.simulator.kafka.EventSink;
import io.vigil.simulator.kafka.KafkaEventSink;
import io.vigil.simulator.kafka.SinkUnavailableException;
import io.vigil.simulator.run.SendStats;
import io.vigil.simulator.run.TrafficLoop;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.random.RandomGenerator;

/**
 * Entry point of the SIEM simulator jar: {@code run}, {@code simulate} and {@code ingest}. Exit
 * codes: 0 done, 1 Kafka unusable or records failed, 2 bad arguments (see {@link Usage}).
 */
public final class SimulatorMain {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    /** When the simulate scenario starts: after a little background, so it stands out. */
    static final Duration SCENARIO_DELAY = Duration.ofSeconds(5);

    private final PrintStream out;
    private final PrintStream err;
    private final Function<Command.Target, EventSink> sinks;
    private final Clock clock;
    private final AtomicBoolean stopRequested = new AtomicBoolean();

    SimulatorMain(PrintStream out, PrintStream err, Function<Command.Target, EventSink> sinks, Clock clock) {
        this.out = out;
        this.err = err;
        this.sinks = sinks;
        this.clock = clock;
    }

    public static void main(String[] args) {
        // Status lines must reach a log file as they are printed: System.out does not flush
        // printf output when redirected, so use auto-flushing streams.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        SimulatorMain main = new SimulatorMain(
                out, err, target -> KafkaEventSink.connect(target.bootstrap(), target.topic()), Clock.systemUTC());
        System.exit(main.execute(args));
    }

    int execute(String... args) {
        Command command;
        try {
            command = CommandLine.parse(args);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println();
            err.print(Usage.text(e.command()));
            return USAGE;
        }
        try {
            return switch (command) {
                case Command.Help help -> {
                    out.print(Usage.text(help.command()));
                    yield OK;
                }
                case Command.Run run -> stoppable(() -> run(run));
                case Command.Simulate simulate -> stoppable(() -> simulate(simulate));
                case Command.Ingest ingest -> ingest(ingest);
            };
        } catch (SinkUnavailableException e) {
            err.println("error: " + e.getMessage());
            return FAILED;
        }
    }

    private int run(Command.Run run) {
        out.printf(
                "run: %s events/s over tenants %s, a scenario every %ds, to %s on %s%n",
                run.rate(),
                run.tenants(),
                run.scenarioEvery().toSeconds(),
                run.target().topic(),
                run.target().bootstrap());
        try (EventSink sink = sinks.apply(run.target())) {
            TrafficLoop loop = TrafficLoop.continuous(
                    run.tenants(), run.rate(), run.scenarioEvery(), random(run.seed()), sink, out);
            SendStats stats = untilStopped(loop, sink, run.duration());
            out.printf("run finished: sent=%d %s%n", stats.total(), stats.perFormat());
            return stats.failed() == 0 ? OK : FAILED;
        }
    }

    private int simulate(Command.Simulate simulate) {
        simulate.scenario().ifPresent(kind -> {
            Duration needed = SCENARIO_DELAY.plus(kind.create().length());
            if (simulate.duration().compareTo(needed) < 0) {
                err.printf(
                        "warning: %s needs about %ds; --duration %d cuts it short%n",
                        kind.cliName(), needed.toSeconds(), simulate.duration().toSeconds());
            }
        });
        out.printf(
                "simulate: tenant %s, %s events/s, scenario %s, for %ds, to %s on %s%n",
                simulate.tenant(),
                simulate.rate(),
                simulate.scenario().map(k -> k.cliName()).orElse("none"),
                simulate.duration().toSeconds(),
                simulate.target().topic(),
                simulate.target().bootstrap());
        try (EventSink sink = sinks.apply(simulate.target())) {
            TrafficLoop loop = TrafficLoop.single(
                    simulate.tenant(),
                    simulate.rate(),
                    simulate.scenario(),
                    SCENARIO_DELAY,
                    random(simulate.seed()),
                    sink,
                    out);
            SendStats stats = untilStopped(loop, sink, simulate.duration());
            out.printf(
                    "simulate finished: sent=%d (scenario events=%d) %s%n",
                    stats.total(), stats.scenarioEvents(), stats.perFormat());
            out.println("scenario: " + loop.lastScenario()
                    + (loop.unsentScenarioActivities() > 0
                            ? ", " + loop.unsentScenarioActivities() + " events not sent" + " before the end"
                            : ""));
            return stats.failed() == 0 ? OK : FAILED;
        }
    }

    /**
     * Runs a traffic command so that SIGTERM/SIGINT ends it cleanly: the shutdown hook asks the
     * loop to stop and keeps the JVM alive until the command has flushed, closed the producer and
     * printed its summary.
     */
    private int stoppable(IntSupplier command) {
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    stopRequested.set(true);
                    try {
                        finished.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "simulator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return command.getAsInt();
        } finally {
            finished.countDown();
            if (!stopRequested.get()) {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        }
    }

    /** Runs the loop until the duration ends or a stop is requested, then flushes what was sent. */
    private SendStats untilStopped(TrafficLoop loop, EventSink sink, Duration duration) {
        Instant end = duration == null ? null : clock.instant().plus(duration);
        SendStats stats = loop.runUntil(clock, end, stopRequested::get);
        sink.flush();
        return stats;
    }

    private int ingest(Command.Ingest ingest) {
        try (EventSink sink = sinks.apply(ingest.target())) {
            FileIngester.Report report = new FileIngester(sink).ingest(ingest.file(), ingest.format(), ingest.tenant());
            FileIngester.print(report, out, err);
            return report.ok() ? OK : FAILED;
        } catch (IOException e) {
            err.println("error: cannot read " + ingest.file() + ": " + e.getMessage());
            return FAILED;
        }
    }

    private static RandomGenerator random(Long seed) {
        return seed == null ? new Random() : new Random(seed);
    }
}
