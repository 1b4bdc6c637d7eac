package io.vigil.stream.bench;

import io.vigil.stream.StreamTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Produce → threat-score latency on the running application: events at a steady rate, each from a
 * new source address (so each yields a first score record), timed from just before the send until
 * a read_committed consumer sees that address's score.
 */
final class LatencyProbe {

    private static final String TENANT = "bench-latency";

    private LatencyProbe() {}

    static double[] measure(String bootstrap, StreamTopics topics, int count, int rate) throws Exception {
        var sent = new AtomicLongArray(count);
        var received = new double[count];
        Arrays.fill(received, Double.NaN);
        try (var consumer = consumer(bootstrap)) {
            var parts = consumer.partitionsFor(topics.scores().name()).stream()
                    .map(p -> new TopicPartition(topics.scores().name(), p.partition()))
                    .toList();
            consumer.assign(parts);
            consumer.seekToEnd(parts);
            parts.forEach(consumer::position);
            Thread producer = Thread.ofPlatform().start(() -> produce(bootstrap, topics, count, rate, sent));
            int seen = 0;
            long deadline = System.nanoTime()
                    + Duration.ofSeconds(count / Math.max(1, rate) + 60).toNanos();
            while (seen < count && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    String prefix = TENANT + "/ip/100.64.";
                    if (record.key() == null || !record.key().startsWith(prefix)) continue;
                    String[] ab = record.key().substring(prefix.length()).split("\\.");
                    int i = Integer.parseInt(ab[0]) * 250 + Integer.parseInt(ab[1]);
                    if (i < count && Double.isNaN(received[i]) && sent.get(i) != 0) {
                        received[i] = (now - sent.get(i)) / 1e6;
                        seen++;
                    }
                }
            }
            producer.join();
        }
        return Arrays.stream(received).filter(d -> !Double.isNaN(d)).sorted().toArray();
    }

    private static void produce(String bootstrap, StreamTopics topics, int count, int rate, AtomicLongArray sent) {
        var props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        try (var producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            long interval = 1_000_000_000L / rate;
            long next = System.nanoTime();
            for (int i = 0; i < count; i++) {
                String json = """
                        {"time":"%s","category":"intrusion_detection","action":"alert","severity":"HIGH",\
                        "entities":{"srcIp":"100.64.%d.%d"},"signature":"latency probe"}""".formatted(Instant.now(), i / 250, i % 250);
                var record = new ProducerRecord<byte[], byte[]>(
                        topics.events().name(), json.getBytes(StandardCharsets.UTF_8));
                record.headers().add("vigil-tenant", TENANT.getBytes(StandardCharsets.UTF_8));
                sent.set(i, System.nanoTime());
                producer.send(record);
                next += interval;
                LockSupport.parkNanos(next - System.nanoTime());
            }
        }
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrap) {
        var props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(
                props, new StringDeserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer());
    }
}
