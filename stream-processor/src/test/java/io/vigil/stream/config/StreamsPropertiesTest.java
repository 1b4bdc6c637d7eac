package io.vigil.stream.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code vigil.streams.properties}: bound with Kafka's dotted keys intact, and merged last. */
class StreamsPropertiesTest {

    static VigilProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("vigil", VigilProperties.class);
    }

    @Test
    void emptyByDefault() {
        var streams = bind(Map.of()).streams();
        assertThat(streams.properties()).isEmpty();
        assertThat(VigilTopologies.streamsProperties(streams))
                .containsEntry("producer.compression.type", "lz4")
                .containsEntry("num.stream.threads", 1);
    }

    @Test
    void passedThroughWithDottedKeysAndOverridingEverythingElse() {
        var streams = bind(Map.of(
                        "vigil.streams.num-stream-threads", "2",
                        "vigil.streams.properties.session.timeout.ms", "30000",
                        "vigil.streams.properties.security.protocol", "SSL",
                        "vigil.streams.properties.client.rack", "eu-1a",
                        "vigil.streams.properties.producer.compression.type", "zstd"))
                .streams();
        assertThat(VigilTopologies.streamsProperties(streams))
                .containsEntry("session.timeout.ms", "30000")
                .containsEntry("security.protocol", "SSL")
                .containsEntry("client.rack", "eu-1a")
                .containsEntry("producer.compression.type", "zstd")
                .containsEntry("num.stream.threads", 2);
    }

    @EnableConfigurationProperties(VigilProperties.class)
    static class Enabled {}

    @Test
    void validated() {
        var runner = new ApplicationContextRunner().withUserConfiguration(Enabled.class);
        runner.withPropertyValues("vigil.streams.properties.session.timeout.ms=30000")
                .run(context -> assertThat(
                                context.getBean(VigilProperties.class).streams().properties())
                        .containsEntry("session.timeout.ms", "30000"));
        // an empty value is a Kafka setting too (it turns TLS host name verification off)
        runner.withPropertyValues("vigil.streams.properties.ssl.endpoint.identification.algorithm=")
                .run(context -> assertThat(
                                context.getBean(VigilProperties.class).streams().properties())
                        .containsEntry("ssl.endpoint.identification.algorithm", ""));
        runner.withPropertyValues("vigil.streams.thread-check-interval=0s")
                .run(context -> assertThat(context).hasFailed());
    }
}
