package io.vigil.simulator.scenario;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** The attack scenarios the simulator can inject, by their command-line names. */
public enum ScenarioKind {
    BRUTE_FORCE("brute-force", BruteForce::new),
    PORT_SCAN("port-scan", PortScan::new),
    BEACONING("beaconing", Beaconing::new),
    EXFILTRATION("exfiltration", Exfiltration::new);

    private final String cliName;
    private final Supplier<Scenario> factory;

    ScenarioKind(String cliName, Supplier<Scenario> factory) {
        this.cliName = cliName;
        this.factory = factory;
    }

    public String cliName() {
        return cliName;
    }

    public Scenario create() {
        return factory.get();
    }

    public static Optional<ScenarioKind> fromCliName(String name) {
        return Arrays.stream(values()).filter(k -> k.cliName.equals(name)).findFirst();
    }

    /** "brute-force|port-scan|beaconing|exfiltration", for usage and error messages. */
    public static String choices() {
        return Arrays.stream(values()).map(ScenarioKind::cliName).collect(Collectors.joining("|"));
    }
}
