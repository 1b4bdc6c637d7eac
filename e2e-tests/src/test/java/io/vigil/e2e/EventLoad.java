package io.vigil.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.contracts.event.Entities;
import io.vigil.contracts.event.Outcome;
import io.vigil.contracts.event.SecurityEvent;
import io.vigil.contracts.event.Severity;
import io.vigil.contracts.metrics.MetricsWindow;
import io.vigil.contracts.topic.VigilSerdes;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A known set of canonical events and what the stream processor must make of it: event {@code i}
 * belongs to tenant {@code i mod tenants}, happens at {@code start + i * step} (so every partition
 * sees its tenants' events in time order, as a live feed would) and has severity {@code i mod 5}.
 * The expectation is computed from the events themselves: each tenant's final one-minute metrics
 * window must count exactly the events produced into that minute, once — no loss, no double count.
 */
final class EventLoad {

    private static final Severity[] SEVERITIES = Severity.values();

    private final String prefix;
    private final int tenants;
    private final int events;
    private final Instant start;
    private final long stepMs;
    /** "tenant/windowStart" → severity → count. */
    private final Map<String, Map<String, Long>> expected = new TreeMap<>();

    /** {@code events} events of {@code tenants} tenants named {@code prefix-<n>}, spread over {@code span}. */
    EventLoad(String prefix, int tenants, int events, Duration span) {
        this.prefix = prefix;
        this.tenants = tenants;
        this.events = events;
        // Whole minutes in the recent past: every window is complete once the last event is in.
        this.start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(span).minus(Duration.ofMinutes(5));
        this.stepMs = span.toMillis() / events;
        for (int i = 0; i < events; i++) {
            Instant time = time(i);
            expected.computeIfAbsent(tenant(i) + "/" + time.truncatedTo(ChronoUnit.MINUTES), k -> new TreeMap<>())
                    .merge(severity(i).name(), 1L, Long::sum);
        }
    }

    String tenant(int i) {
        return prefix + "-" + (i % tenants);
    }

    private Instant time(int i) {
        return start.plusMillis(i * stepMs);
    }

    private static Severity severity(int i) {
        return SEVERITIES[i % SEVERITIES.length];
    }

    /** Per tenant and window, the severity counts the events add up to. */
    Map<String, Map<String, Long>> expected() {
        return expected;
    }

    /**
     * Produces events {@code from} (inclusive) to {@code to} (exclusive) into siem.events, keyed by
     * tenant (acks=all, idempotent, in order per partition), and waits until all are acknowledged.
     */
    void produce(Kafka kafka, int from, int to) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        var serializer = VigilSerdes.securityEvent().serializer();
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = from; i < Math.min(to, events); i++) {
                String tenant = tenant(i);
                var event = new SecurityEvent(
                        "e2e-" + prefix + "-" + i,
                        time(i),
                        tenant,
                        "e2e-load",
                        "network",
                        "connection",
                        Outcome.SUCCESS,
                        severity(i),
                        new Entities("host-" + i % 7, null, "10.0." + i % 5 + "." + i % 11, null, null, null, "tcp"),
                        "load",
                        null,
                        null);
                producer.send(new ProducerRecord<>(kafka.topics.events(), tenant, serializer.serialize("", event)));
            }
            producer.flush();
        }
    }

    /** How many records of a topic are committed (the sum of its partitions' last stable offsets). */
    static long committedRecords(Kafka kafka, String topic) throws Exception {
        var partitions = kafka
                .admin()
                .describeTopics(List.of(topic))
                .allTopicNames()
                .get(30, TimeUnit.SECONDS)
                .get(topic)
                .partitions()
                .stream()
                .collect(java.util.stream.Collectors.toMap(
                        p -> new org.apache.kafka.common.TopicPartition(topic, p.partition()),
                        p -> org.apache.kafka.clients.admin.OffsetSpec.latest()));
        return kafka
                .admin()
                .listOffsets(
                        partitions,
                        new org.apache.kafka.clients.admin.ListOffsetsOptions(
                                org.apache.kafka.common.IsolationLevel.READ_COMMITTED))
                .all()
                .get(30, TimeUnit.SECONDS)
                .values()
                .stream()
                .mapToLong(o -> o.offset())
                .sum();
    }

    /** The final metrics windows (severity dimension) so far, by "tenant/windowStart", each as it was emitted. */
    static Map<String, List<MetricsWindow>> finalWindows(Kafka kafka) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-e2e-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // only what the stream processor committed: an aborted transaction's output is no result
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, List<MetricsWindow>> finals = new TreeMap<>();
        var deserializer = VigilSerdes.metricsWindow().deserializer();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(kafka.topics.metrics()).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    MetricsWindow window = deserializer.deserialize("", record.value());
                    if (window != null && window.isFinal() && window.dimension().equals("severity")) {
                        finals.computeIfAbsent(window.tenant() + "/" + window.windowStart(), k -> new ArrayList<>())
                                .add(window);
                    }
                }
            }
        }
        return finals;
    }

    /** Asserts that every window was finalised exactly once with exactly the produced counts. */
    void assertCompleteAndExact(Map<String, List<MetricsWindow>> finals) {
        assertThat(finals.keySet()).as("windows with a final record").isEqualTo(expected.keySet());
        finals.forEach((window, records) -> {
            assertThat(records)
                    .as("final records of %s (one, not re-emitted)", window)
                    .hasSize(1);
            MetricsWindow only = records.getFirst();
            assertThat(only.counts()).as("severity counts of %s", window).isEqualTo(expected.get(window));
            assertThat(only.total())
                    .as("total of %s", window)
                    .isEqualTo(expected.get(window).values().stream()
                            .mapToLong(Long::longValue)
                            .sum());
        });
    }
}
