package io.vigil.simulator.formats;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The formats accepted on siem.events, by the value of the {@code vigil-format} header. */
public enum SourceFormat {
    SURICATA,
    ZEEK,
    ECS,
    OCSF,
    WINSEC,
    CANONICAL;

    /** The header and command-line value: the lower-case name. */
    public String header() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SourceFormat> fromHeader(String value) {
        return Arrays.stream(values()).filter(f -> f.header().equals(value)).findFirst();
    }

    /** "suricata|zeek|ecs|ocsf|winsec|canonical", for usage and error messages. */
    public static String choices() {
        return Arrays.stream(values()).map(SourceFormat::header).collect(Collectors.joining("|"));
    }
}
