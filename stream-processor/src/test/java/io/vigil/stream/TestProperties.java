package io.vigil.stream;

import io.vigil.stream.config.VigilProperties;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@link VigilProperties} with the defaults, plus overrides given as {@code vigil.*} keys. */
public final class TestProperties {

    private TestProperties() {}

    public static VigilProperties defaults() {
        return with(Map.of());
    }

    public static VigilProperties with(Map<String, String> overrides) {
        return new Binder(new MapConfigurationPropertySource(overrides)).bindOrCreate("vigil", VigilProperties.class);
    }
}
