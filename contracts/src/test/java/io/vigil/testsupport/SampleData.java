package io.vigil.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the real public sample data in {@code ../shared/data} beside the checkout. It is read in
 * place, never copied into the repository.
 */
public final class SampleData {

    private SampleData() {}

    public static Path sharedData() {
        String configured = System.getenv("VIGIL_SHARED_DATA");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path root =
                Path.of(System.getProperty("vigil.root", ".")).toAbsolutePath().normalize();
        for (Path dir = root; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared").resolve("data");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("Sample data not found: expected ../shared/data beside the checkout " + "(from "
                + root + "), or set VIGIL_SHARED_DATA.");
    }

    public static Path suricata(String fileName) {
        return sharedData().resolve("suricata").resolve(fileName);
    }
}
