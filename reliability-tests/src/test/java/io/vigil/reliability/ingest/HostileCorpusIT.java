package io.vigil.reliability.ingest;

import static io.vigil.testsupport.LocalService.KAFKA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.e2e.ServiceProcess;
import io.vigil.reliability.support.FaultStack;
import io.vigil.reliability.support.Producers;
import io.vigil.reliability.support.Results;
import io.vigil.reliability.support.Scale;
import io.vigil.reliability.support.TopicReader;
import io.vigil.testsupport.LocalServices;
import io.vigil.testsupport.RequiresLocalServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hostile corpus ({@link HostileCorpus}) through a real stream-processor process on topics of
 * its own: every input record comes out exactly once, either normalised or dead-lettered, traced by
 * its partition and offset (normalised events carry {@code raw.partition/offset}, dead letters the
 * {@code vigil-dlq-partition/offset} headers), and the processor stays healthy.
 */
@RequiresLocalServices({KAFKA})
class HostileCorpusIT {

    static final String RUN = "rel-in-" + UUID.randomUUID().toString().substring(0, 8);
    static final JsonMapper JSON = JsonMapper.builder().build();
    static FaultStack stack;
    static ServiceProcess processor;

    @BeforeAll
    static void start() throws Exception {
        stack = FaultStack.create(RUN, "unused-hs256-secret-of-the-corpus-check-0123456789");
        processor = stack.start(stack.streamProcessor("sp", Files.createTempDirectory("rel-corpus")));
    }

    @AfterAll
    static void stop() {
        if (processor != null) {
            processor.stop();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyRecordIsNormalisedOrDeadLetteredExactlyOnce() throws Exception {
        String tenant = RUN;
        List<HostileCorpus.Entry> corpus = HostileCorpus.build(tenant);
        Map<String, String> nameByPosition = new HashMap<>();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (int copy = 0; copy < Scale.corpusCopies(); copy++) {
                for (HostileCorpus.Entry entry : corpus) {
                    ProducerRecord<String, byte[]> record =
                            new ProducerRecord<>(stack.topics().events(), "k-" + copy, entry.value());
                    entry.headers().forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
                    RecordMetadata at = producer.send(record).get(30, TimeUnit.SECONDS);
                    nameByPosition.put(at.partition() + "@" + at.offset(), entry.name());
                }
            }
        }
        int in = nameByPosition.size();
        List<List<ConsumerRecord<String, byte[]>>> out = new java.util.ArrayList<>(List.of(List.of(), List.of()));
        try {
            await("normalised + dead-lettered to reach " + in)
                    .atMost(Duration.ofSeconds(240))
                    .pollInterval(Duration.ofSeconds(2))
                    .until(() -> {
                        out.set(0, TopicReader.readUntil(stack.normalizedTopic(), r -> true, Duration.ofSeconds(10)));
                        out.set(
                                1,
                                TopicReader.readUntil(stack.topics().eventsDlq(), r -> true, Duration.ofSeconds(10)));
                        return out.get(0).size() + out.get(1).size() >= in;
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // reported below as lost records
        }
        List<ConsumerRecord<String, byte[]>> normalised = out.get(0);
        List<ConsumerRecord<String, byte[]>> dlq = out.get(1);

        Map<String, Integer> seen = new HashMap<>();
        Map<String, String> outcome = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> r : normalised) {
            JsonNode raw = JSON.readTree(r.value()).path("raw");
            String position =
                    raw.path("partition").asInt() + "@" + raw.path("offset").asLong();
            seen.merge(position, 1, Integer::sum);
            outcome.put(nameByPosition.getOrDefault(position, "?" + position), "normalised");
        }
        for (ConsumerRecord<String, byte[]> r : dlq) {
            String position = header(r, "vigil-dlq-partition") + "@" + header(r, "vigil-dlq-offset");
            seen.merge(position, 1, Integer::sum);
            outcome.put(
                    nameByPosition.getOrDefault(position, "?" + position),
                    "dead letter (" + header(r, "vigil-dlq-stage") + ": " + abbreviate(header(r, "vigil-dlq-reason"))
                            + ")");
        }
        long duplicates = seen.values().stream().filter(n -> n > 1).count();
        long missing = nameByPosition.keySet().stream()
                .filter(p -> !seen.containsKey(p))
                .count();
        long strangers = seen.keySet().stream()
                .filter(p -> !nameByPosition.containsKey(p))
                .count();
        boolean healthy = processor.healthy();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("records in", in);
        figures.put("normalised", normalised.size());
        figures.put("dead-lettered", dlq.size());
        figures.put("lost", missing);
        figures.put("duplicated", duplicates);
        figures.put("outputs without an input", strangers);
        figures.put("processor healthy after", healthy);
        boolean held = normalised.size() + dlq.size() == in && missing == 0 && duplicates == 0 && healthy;
        Results.record(
                "4-kafka-hostile-corpus",
                "Kafka input: " + corpus.size()
                        + " malformed/truncated/huge/hostile records: in = normalised + dead-lettered",
                figures,
                held,
                HostileCorpusIT.class);
        outcome.forEach((name, what) -> System.out.println("[corpus] " + name + " -> " + what));
        assertThat(missing).as("records lost").isZero();
        assertThat(duplicates).as("records out twice").isZero();
        assertThat(normalised.size() + dlq.size()).isEqualTo(in);
        assertThat(healthy).as("processor healthy after the corpus").isTrue();
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? "?" : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static String abbreviate(String s) {
        return s.length() > 90 ? s.substring(0, 90) + "…" : s;
    }

    private static KafkaProducer<String, byte[]> producer() {
        return Producers.idempotent(
                LocalServices.kafkaBootstrap(), Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_048_576));
    }
}
