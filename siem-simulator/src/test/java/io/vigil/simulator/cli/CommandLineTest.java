package io.vigil.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.simulator.formats.SourceFormat;
import io.vigil.simulator.scenario.ScenarioKind;
import io.vigil.testsupport.SampleData;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    private static final String HONEYPOT =
            SampleData.suricata("honeypot-2018-alerts.json").toString();

    @Test
    void runHasDemoDefaults() {
        Command.Run run = (Command.Run) CommandLine.parse("run");

        assertThat(run.rate()).isEqualTo(50);
        assertThat(run.tenants()).containsExactly("acme", "globex", "initech");
        assertThat(run.target()).isEqualTo(new Command.Target("127.0.0.1:9092", "siem.events"));
        assertThat(run.scenarioEvery()).isEqualTo(Duration.ofSeconds(90));
        assertThat(run.duration()).isNull();
        assertThat(run.seed()).isNull();
    }

    @Test
    void runTakesEveryOptionInBothSpellings() {
        Command.Run run = (Command.Run) CommandLine.parse(
                "run",
                "--rate",
                "12.5",
                "--tenants=a, b ,c",
                "--bootstrap",
                "127.0.0.1:19092",
                "--topic=t1",
                "--scenario-every",
                "30",
                "--duration",
                "120",
                "--seed",
                "42");

        assertThat(run)
                .isEqualTo(new Command.Run(
                        12.5,
                        List.of("a", "b", "c"),
                        new Command.Target("127.0.0.1:19092", "t1"),
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(120),
                        42L));
    }

    @Test
    void simulateNeedsATenantAndDefaultsToSixtySecondsWithoutScenario() {
        Command.Simulate simulate = (Command.Simulate) CommandLine.parse("simulate", "--tenant", "acme");

        assertThat(simulate.tenant()).isEqualTo("acme");
        assertThat(simulate.rate()).isEqualTo(20);
        assertThat(simulate.scenario()).isEmpty();
        assertThat(simulate.duration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(((Command.Simulate) CommandLine.parse(
                                "simulate", "--tenant", "acme", "--scenario", "beaconing", "--rate", "5"))
                        .scenario())
                .contains(ScenarioKind.BEACONING);
    }

    @Test
    void ingestTakesAFileAndOptionalHeaders() {
        Command.Ingest ingest =
                (Command.Ingest) CommandLine.parse("ingest", HONEYPOT, "--format", "suricata", "--tenant", "acme");

        assertThat(ingest.file().toString()).isEqualTo(HONEYPOT);
        assertThat(ingest.format()).contains(SourceFormat.SURICATA);
        assertThat(ingest.tenant()).contains("acme");
        assertThat(((Command.Ingest) CommandLine.parse("ingest", HONEYPOT)).format())
                .isEmpty();
    }

    @Test
    void helpIsACommandAndAnOption() {
        assertThat(CommandLine.parse("--help")).isEqualTo(new Command.Help(null));
        assertThat(CommandLine.parse("help", "ingest")).isEqualTo(new Command.Help("ingest"));
        assertThat(CommandLine.parse("simulate", "--help")).isEqualTo(new Command.Help("simulate"));
        assertThat(CommandLine.parse("run", "--rate", "3", "-h")).isEqualTo(new Command.Help("run"));
    }

    @Test
    void badArgumentsAreRefusedWithAReason() {
        assertRefused("a command is required");
        assertRefused("unknown command 'start'", "start");
        assertRefused("unknown option --speed for 'run'", "run", "--speed", "3");
        assertRefused("option --rate needs a value", "run", "--rate");
        assertRefused("option --rate must be a number above 0", "run", "--rate", "fast");
        assertRefused("option --rate must be a number above 0", "run", "--rate", "-5");
        assertRefused("option --rate is given more than once", "run", "--rate", "5", "--rate", "6");
        assertRefused("option --tenant is required", "simulate", "--rate", "5");
        assertRefused(
                "unknown scenario 'ddos', expected one of brute-force|port-scan|beaconing|exfiltration",
                "simulate",
                "--tenant",
                "acme",
                "--scenario",
                "ddos");
        assertRefused(
                "option --duration must be a whole number of seconds above 0",
                "simulate",
                "--tenant",
                "acme",
                "--duration",
                "1.5");
        assertRefused("invalid tenant 'Acme/1'", "simulate", "--tenant", "Acme/1");
        assertRefused("invalid tenant ''", "run", "--tenants", "acme,,globex");
        assertRefused("unexpected argument(s) [extra]", "run", "extra");
        assertRefused("a FILE to ingest is required", "ingest", "--format", "ecs");
        assertRefused("cannot read file", "ingest", "/no/such/file.json");
        assertRefused(
                "unknown format 'cef', expected one of suricata|zeek|ecs|ocsf|winsec|canonical",
                "ingest",
                HONEYPOT,
                "--format",
                "cef");
        assertRefused("option --topic must not be empty", "ingest", HONEYPOT, "--topic=");
    }

    private static void assertRefused(String message, String... args) {
        assertThatThrownBy(() -> CommandLine.parse(args))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining(message);
    }
}
