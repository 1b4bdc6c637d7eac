package io.vigil.workers.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * Reads a bounded slice of a Kafka topic for a batch job: all partitions from a point in time (or
 * the beginning) up to the end offsets seen when the read starts. No consumer group, no commits:
 * a job run is a snapshot, and a re-run reads the same data again.
 */
@Component
public class TopicReader {

    private static final Logger log = LoggerFactory.getLogger(TopicReader.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration DEADLINE = Duration.ofMinutes(5);

    private final KafkaProperties kafka;

    TopicReader(KafkaProperties kafka) {
        this.kafka = kafka;
    }

    /** One record read: key, value (null for a tombstone or an undecodable value) and timestamp. */
    public record Read<V>(String key, V value, Instant timestamp) {}

    /** Records with a timestamp at or after {@code from} (null: from the beginning). */
    public <V> List<Read<V>> read(String topic, Deserializer<V> values, Instant from) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "vigil-task-workers-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        List<Read<V>> out = new ArrayList<>();
        int undecodable = 0;
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            if (partitions.isEmpty()) throw new IllegalStateException("Kafka topic " + topic + " does not exist");
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            seek(consumer, partitions, end, from);
            Map<TopicPartition, Long> remaining = new LinkedHashMap<>(end);
            remaining.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (!remaining.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + topic + " took longer than " + DEADLINE);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    Long stop = end.get(partition);
                    if (stop == null || record.offset() >= stop) continue;
                    V value = null;
                    if (record.value() != null) {
                        try {
                            value = values.deserialize(topic, record.value());
                        } catch (RuntimeException e) {
                            undecodable++;
                        }
                    }
                    if (record.value() == null || value != null) {
                        out.add(new Read<>(record.key(), value, Instant.ofEpochMilli(record.timestamp())));
                    }
                }
                remaining.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            }
        }
        if (undecodable > 0) {
            log.warn("skipped {} undecodable records of {} (not the expected JSON)", undecodable, topic);
        }
        return out;
    }

    /** The latest value per key (compacted-topic view), tombstones removing their key. */
    public <V> Map<String, V> latestByKey(String topic, Deserializer<V> values) {
        Map<String, V> latest = new LinkedHashMap<>();
        for (Read<V> read : read(topic, values, null)) {
            if (read.value() == null) latest.remove(read.key());
            else latest.put(read.key(), read.value());
        }
        return latest;
    }

    private static void seek(
            KafkaConsumer<String, byte[]> consumer,
            List<TopicPartition> partitions,
            Map<TopicPartition, Long> end,
            Instant from) {
        if (from == null) {
            consumer.seekToBeginning(partitions);
            return;
        }
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(p -> query.put(p, from.toEpochMilli()));
        consumer.offsetsForTimes(query)
                .forEach((partition, found) ->
                        consumer.seek(partition, found == null ? end.get(partition) : found.offset()));
    }
}
