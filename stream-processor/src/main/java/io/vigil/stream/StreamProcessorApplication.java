package io.vigil.stream;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Vigil's stream processor: a Kafka Streams application that normalises SIEM events and keeps threat
 * scores, minute metrics, anomalies and alerts in compacted topics (see docs/stream-processor.md).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class StreamProcessorApplication {

    public static void main(String[] args) {
        SpringApplication.run(StreamProcessorApplication.class, args);
    }
}
