package io.vigil.stream.bench;

import io.vigil.stream.StreamTopics;
import io.vigil.stream.TestProperties;
import io.vigil.stream.anomaly.AnomalyTopology;
import io.vigil.stream.config.VigilTopologies;
import io.vigil.stream.entity.EntityTopology;
import io.vigil.stream.ingest.IngestMetrics;
import io.vigil.stream.ingest.IngestTopology;
import io.vigil.stream.metrics.MetricsTopology;
import io.vigil.stream.model.ModelParamsTable;
import io.vigil.stream.scoring.ThreatScoreTopology;
import io.vigil.stream.window.PunctuationLag;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;

/**
 * Throughput benchmark (not a test; see docs/benchmarks.md): produces N synthetic events into fresh
 * topics, measures the raw consumer rate on them (the ceiling), then runs every topology with
 * exactly_once_v2 over the same backlog until all event-driven work is committed, and finally
 * measures produce → threat-score latency at a steady rate on the running application.
 *
 * <p>Arguments: {@code [events=500000] [partitions=6] [latencyEvents=3000] [latencyRate=500]}.
 */
public final class ThroughputBenchmark {

    private static final String BOOTSTRAP = System.getProperty("vigil.kafka", "127.0.0.1:9092");

    public static void main(String[] args) throws Exception {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 500_000;
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        int latencyEvents = args.length > 2 ? Integer.parseInt(args[2]) : 3_000;
        int latencyRate = args.length > 3 ? Integer.parseInt(args[3]) : 500;
        String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        StreamTopics topics = StreamTopics.withPrefix(prefix);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            createTopics(admin, topics, partitions);
            try {
                run(admin, topics, prefix, n, latencyEvents, latencyRate, partitions);
            } finally {
                var mine = admin.listTopics().names().get().stream()
                        .filter(t -> t.startsWith(prefix))
                        .toList();
                admin.deleteTopics(mine).all().get();
            }
        }
    }

    private static void run(
            Admin admin, StreamTopics topics, String prefix, long n, int latencyEvents, int latencyRate, int partitions)
            throws Exception {
        var cpu = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var synthetic = new SyntheticEvents();
        Instant base = Instant.now().minusSeconds(Math.max(60, n / 25_000));
        long t0 = System.nanoTime();
        try (var producer = producer()) {
            for (long i = 0; i < n; i++) {
                Instant time = base.plusNanos(i * 40_000); // 25,000 events per second of event time
                var record = new ProducerRecord<byte[], byte[]>(topics.events().name(), synthetic.next(i, time));
                record.headers().add("vigil-tenant", synthetic.tenant(i).getBytes(StandardCharsets.UTF_8));
                producer.send(record);
            }
            producer.flush();
        }
        double produceSeconds = seconds(t0);
        System.out.printf("produced %,d events in %.1f s (%,.0f/s)%n", n, produceSeconds, n / produceSeconds);

        long cpu0 = cpu.getProcessCpuTime();
        t0 = System.nanoTime();
        long raw = rawConsume(topics.events().name(), n);
        double rawSeconds = seconds(t0);
        double rawCores = (cpu.getProcessCpuTime() - cpu0) / 1e9 / rawSeconds;
        System.out.printf(
                "raw consumer: %,d records in %.2f s = %,.0f/s (%.2f cores)%n",
                raw, rawSeconds, raw / rawSeconds, rawCores);

        var config = TestProperties.with(Map.of(
                "vigil.streams.application-id", prefix + "app",
                "vigil.streams.bootstrap-servers", BOOTSTRAP,
                "vigil.streams.state-dir",
                        Files.createTempDirectory("vigil-bench").toString(),
                "vigil.streams.num-stream-threads", System.getProperty("vigil.threads", "2"),
                "vigil.streams.commit-interval", System.getProperty("vigil.commit", "100ms"),
                "vigil.streams.cache-max-bytes", System.getProperty("vigil.cache", "33554432")));
        var builder = new StreamsBuilder();
        String only = System.getProperty("vigil.only", "");
        if (only.isEmpty()) {
            VigilTopologies.build(builder, topics, config, IngestMetrics.NONE, PunctuationLag.untracked());
        } else {
            // Diagnostics: ingest plus the named downstream topologies only (scores, metrics, anomalies).
            ModelParamsTable.build(builder, topics);
            var events = IngestTopology.build(builder, topics, config.ingest(), IngestMetrics.NONE);
            var byEntity = EntityTopology.build(events);
            if (only.contains("scores"))
                ThreatScoreTopology.build(builder, byEntity.contributions(), topics, config.scoring());
            if (only.contains("metrics")) MetricsTopology.build(builder, topics, config.metrics());
            if (only.contains("anomalies"))
                AnomalyTopology.build(builder, byEntity.observations(), topics, config.anomaly());
        }
        var props = new Properties();
        props.putAll(VigilTopologies.streamsProperties(config.streams()));
        BenchResult result;
        try (var streams = new KafkaStreams(builder.build(props), props)) {
            cpu0 = cpu.getProcessCpuTime();
            t0 = System.nanoTime();
            streams.start();
            var progress = new Progress(admin, prefix + "app", topics.events().name(), n);
            progress.awaitDone();
            double allSeconds = seconds(t0);
            double cpuSeconds = (cpu.getProcessCpuTime() - cpu0) / 1e9;
            double cores = cpuSeconds / allSeconds;
            System.out.printf(
                    "all topologies (exactly_once_v2): %,d events in %.1f s incl. start-up = %,.0f/s;"
                            + " sustained (from the first committed progress) %,.0f/s; ingest committed after %.1f s; %.2f cores%n",
                    n, allSeconds, n / allSeconds, progress.sustainedRate(), progress.ingestSeconds(), cores);
            System.out.printf(
                    "ratio to raw consumer: %.1f%%; CPU per event: %.3f ms%n",
                    100 * progress.sustainedRate() / (raw / rawSeconds), 1000 * cpuSeconds / n);
            printThreadTime(streams);

            double[] latencies = LatencyProbe.measure(BOOTSTRAP, topics, latencyEvents, latencyRate);
            System.out.printf(
                    "produce -> score latency at %d events/s: p50 %.0f ms, p99 %.0f ms, max %.0f ms (%d samples)%n",
                    latencyRate,
                    percentile(latencies, 50),
                    percentile(latencies, 99),
                    latencies.length == 0 ? Double.NaN : latencies[latencies.length - 1],
                    latencies.length);
            result = new BenchResult(
                    n,
                    progress.sustainedRate(),
                    raw / rawSeconds,
                    percentile(latencies, 50),
                    percentile(latencies, 99),
                    cores,
                    1000 * cpuSeconds / n);
            streams.close(Duration.ofSeconds(30));
            streams.cleanUp();
        }
        System.out.printf("topologies: %s%n", only.isEmpty() ? "all" : "ingest + " + only);
        System.out.printf(
                "cpus: %d, partitions: %d, stream threads: %s, commit interval: %s, cache: %s bytes%n",
                Runtime.getRuntime().availableProcessors(),
                partitions,
                System.getProperty("vigil.threads", "2"),
                System.getProperty("vigil.commit", "100ms"),
                System.getProperty("vigil.cache", "33554432"));
        result.writeIfRequested();
    }

    private static void createTopics(Admin admin, StreamTopics topics, int partitions) throws Exception {
        List<NewTopic> all = new ArrayList<>();
        for (String name : List.of(
                topics.events().name(),
                topics.eventsDlq().name(),
                topics.normalized().name(),
                topics.scores().name(),
                topics.metrics().name(),
                topics.anomalies().name(),
                topics.alerts().name(),
                topics.alertCommands().name())) {
            all.add(new NewTopic(name, partitions, (short) 1));
        }
        all.add(new NewTopic(topics.modelParams().name(), 1, (short) 1));
        admin.createTopics(all).all().get();
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        var props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static long rawConsume(String topic, long n) {
        var props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            var parts = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            long count = 0;
            while (count < n) {
                count += consumer.poll(Duration.ofMillis(500)).count();
            }
            return count;
        }
    }

    /**
     * Where the stream threads spent their time (Kafka Streams' per-thread ratios over the last
     * sample windows, and the mean commit latency): time not processing is time waiting.
     */
    private static void printThreadTime(KafkaStreams streams) {
        var byThread = new java.util.TreeMap<String, java.util.TreeMap<String, Object>>();
        streams.metrics().forEach((name, metric) -> {
            if (name.group().equals("stream-thread-metrics")
                    && List.of("process-ratio", "punctuate-ratio", "poll-ratio", "commit-ratio", "commit-latency-avg")
                            .contains(name.name())) {
                String thread = name.tags().getOrDefault("thread-id", "?");
                byThread.computeIfAbsent(thread.substring(thread.lastIndexOf('-') + 1), t -> new java.util.TreeMap<>())
                        .put(name.name(), metric.metricValue());
            }
        });
        byThread.forEach((thread, values) -> System.out.printf("stream thread %s: %s%n", thread, values));
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
