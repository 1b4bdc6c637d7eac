package io.vigil.reliability.faults;

import static io.vigil.testsupport.LocalService.KAFKA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.e2e.ServiceProcess;
import io.vigil.reliability.support.FaultStack;
import io.vigil.reliability.support.Producers;
import io.vigil.reliability.support.Restarts;
import io.vigil.reliability.support.Results;
import io.vigil.reliability.support.Scale;
import io.vigil.testsupport.LocalServices;
import io.vigil.testsupport.RequiresLocalServices;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Exactly once under crashes: the same known events go through two stream-processor processes on
 * topics of their own, one undisturbed, one killed with SIGKILL {@code reliability.kills} times
 * while it works through them (each kill after a further share of the input has been committed,
 * then restarted). Afterwards every final metrics window and every threat score of the killed run
 * must equal the undisturbed run's (checksum per window and per entity), and the final windows must
 * count every event exactly once. Of the threat scores, what is a function of the events alone is
 * compared: the same entities are scored, and each entity's first score record (emitted on its
 * first event) is equal. Which later score records are emitted depends on the timing of the decay
 * punctuation even without a fault (docs/reliability.md); the last scores are compared and
 * reported, not asserted.
 */
@RequiresLocalServices({KAFKA})
class StreamProcessorKillIT {

    static final String RUN = "rel-k-" + UUID.randomUUID().toString().substring(0, 8);
    static final List<FaultStack> STACKS = new ArrayList<>();
    /** Diagnosis switch (default: the production setting): e.g. 3650d fires the decay only at (re)starts. */
    static final String DECAY_INTERVAL = System.getProperty("reliability.decay-interval", "");

    @AfterAll
    static void stop() {
        STACKS.forEach(FaultStack::close);
    }

    @Test
    void killedProcessorEndsInTheSameStateAsAnUndisturbedOne() throws Exception {
        int n = Scale.events();
        int kills = Scale.kills();
        List<KnownEvents.Event> events = KnownEvents.generate(RUN, n, 2, Duration.ofMinutes(240), 42);
        FaultStack calm = stack("calm");
        FaultStack killed = stack("killed");
        ServiceProcess calmProcessor = processor(calm);
        ServiceProcess killedProcessor = processor(killed);
        String killedApp = killed.applicationId("sp");
        produce(calm, events);

        // the killed run gets its input in kills + 1 parts; each part is interrupted by a kill -9
        int part = (n + kills) / (kills + 1);
        int producedToKilled = 0;
        int killed9 = 0;
        List<Long> killedAtOffset = new ArrayList<>();
        try (Admin admin = admin()) {
            for (int k = 0; k <= kills; k++) {
                List<KnownEvents.Event> slice = events.subList(producedToKilled, Math.min(n, producedToKilled + part));
                long before = committed(admin, killedApp);
                produce(killed, slice);
                producedToKilled += slice.size();
                if (k == kills) {
                    break;
                }
                // kill as soon as part of this slice is committed: its transactions are in flight
                long target = before + Math.max(1, slice.size() / 10);
                await("killed run to commit past offset " + target)
                        .atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> committed(admin, killedApp) >= target);
                killedAtOffset.add(committed(admin, killedApp));
                killedProcessor.kill();
                killed9++;
                Restarts.start(killedProcessor, Duration.ofSeconds(180));
            }
            await("both runs to consume all " + n + " events")
                    .atMost(Duration.ofSeconds(300))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> committed(admin, calm.applicationId("sp")) >= n && committed(admin, killedApp) >= n);
        }
        // windows close a grace period after the last event; wait until both runs are quiet and final
        awaitQuiet(calm, killed);

        Map<String, String> calmMetrics = OutputDigest.of(calm.topics().metrics(), true);
        Map<String, String> killedMetrics = OutputDigest.of(killed.topics().metrics(), true);
        Map<String, String> calmScores = OutputDigest.of(calm.topics().scores(), false);
        Map<String, String> killedScores = OutputDigest.of(killed.topics().scores(), false);
        Set<String> metricsDiff = OutputDigest.divergent(calmMetrics, killedMetrics);
        Set<String> scoresDiff = OutputDigest.divergent(calmScores, killedScores);
        Set<String> entitiesDiff = OutputDigest.divergent(
                calmScores.keySet().stream().collect(java.util.stream.Collectors.toMap(k -> k, k -> "")),
                killedScores.keySet().stream().collect(java.util.stream.Collectors.toMap(k -> k, k -> "")));
        Map<String, String> calmFirst = OutputDigest.firstOf(calm.topics().scores());
        Set<String> firstDiff = OutputDigest.divergent(
                calmFirst, OutputDigest.firstOf(killed.topics().scores()));
        Set<String> anomaliesDiff = OutputDigest.divergent(
                OutputDigest.of(calm.topics().anomalies(), false),
                OutputDigest.of(killed.topics().anomalies(), false));
        Set<String> alertsDiff = OutputDigest.divergent(
                OutputDigest.of(calm.topics().alerts(), false),
                OutputDigest.of(killed.topics().alerts(), false));
        long countedCalm = OutputDigest.countedEvents(calm.topics().metrics(), "severity");
        long countedKilled = OutputDigest.countedEvents(killed.topics().metrics(), "severity");

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("events", n);
        figures.put("kill -9", killed9);
        figures.put("killed at committed offsets", killedAtOffset);
        figures.put("metrics windows checked", calmMetrics.size());
        figures.put("divergent windows", metricsDiff.size());
        figures.put("entities scored", calmScores.size());
        figures.put("entities scored by one run only", entitiesDiff.size());
        figures.put("divergent first score records", firstDiff.size());
        figures.put("divergent last score records (informational: timing)", scoresDiff.size());
        figures.put("events counted (undisturbed / killed)", countedCalm + " / " + countedKilled);
        figures.put("divergent anomalies (informational)", anomaliesDiff.size());
        figures.put("divergent alerts (informational)", alertsDiff.size());
        boolean held = metricsDiff.isEmpty()
                && entitiesDiff.isEmpty()
                && firstDiff.isEmpty()
                && countedKilled == n
                && countedCalm == n
                && !calmMetrics.isEmpty();
        Results.record(
                "5-stream-processor-kill9",
                "Stream processor kill -9 during ingest: every final window, the scored entities and their first scores equal the undisturbed run",
                figures,
                held,
                StreamProcessorKillIT.class);
        for (String key : metricsDiff.stream().limit(5).toList()) {
            System.out.println("[kill] window " + key + "\n  calm:   " + calmMetrics.get(key) + "\n  killed: "
                    + killedMetrics.get(key));
        }
        for (String key : scoresDiff.stream().limit(5).toList()) {
            System.out.println("[kill] score " + key + "\n  calm:   " + calmScores.get(key) + "\n  killed: "
                    + killedScores.get(key));
        }
        assertThat(calmMetrics).isNotEmpty();
        assertThat(countedCalm).as("events counted by the undisturbed run").isEqualTo(n);
        assertThat(countedKilled).as("events counted by the killed run").isEqualTo(n);
        assertThat(metricsDiff).as("divergent metrics windows").isEmpty();
        assertThat(entitiesDiff).as("entities scored by one run only").isEmpty();
        assertThat(firstDiff).as("divergent first score records").isEmpty();
    }

    static FaultStack stack(String name) throws Exception {
        FaultStack stack = FaultStack.create(RUN + "-" + name, "unused-hs256-secret-of-the-kill-check-0123456789");
        STACKS.add(stack);
        return stack;
    }

    static ServiceProcess processor(FaultStack stack) throws Exception {
        ServiceProcess.Builder builder = stack.streamProcessor("sp", Files.createTempDirectory("rel-sp"));
        if (!DECAY_INTERVAL.isBlank()) {
            builder.property("vigil.scoring.decay-interval", DECAY_INTERVAL);
        }
        return stack.start(builder);
    }

    static void produce(FaultStack stack, List<KnownEvents.Event> events) throws Exception {
        try (KafkaProducer<String, byte[]> producer =
                Producers.idempotent(LocalServices.kafkaBootstrap(), Map.of(ProducerConfig.LINGER_MS_CONFIG, 5))) {
            for (KnownEvents.Event e : events) {
                producer.send(new ProducerRecord<>(stack.topics().events(), e.tenant(), e.value()));
            }
            producer.flush();
        }
    }

    /** Sum of the application's committed offsets on its input topic (its progress). */
    static long committed(Admin admin, String group) throws Exception {
        Map<org.apache.kafka.common.TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS);
        return offsets.entrySet().stream()
                .filter(e -> e.getKey().topic().endsWith("siem.events") && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset())
                .sum();
    }

    /** Until neither run's outputs grow between two looks a few seconds apart and every window is final. */
    static void awaitQuiet(FaultStack... stacks) {
        long[] last = {-1};
        await("both runs to finish their windows")
                .atMost(Duration.ofSeconds(240))
                .pollInterval(Duration.ofSeconds(5))
                .until(() -> {
                    long size = 0;
                    boolean allFinal = true;
                    for (FaultStack s : stacks) {
                        size += OutputDigest.size(s.topics().metrics())
                                + OutputDigest.size(s.topics().alerts())
                                + OutputDigest.size(s.topics().anomalies())
                                + OutputDigest.size(s.topics().scores());
                        Map<String, String> all = OutputDigest.of(s.topics().metrics(), false);
                        allFinal &= all.values().stream().allMatch(v -> v.contains("final=true"));
                    }
                    boolean quiet = size == last[0];
                    last[0] = size;
                    return quiet && allFinal;
                });
    }

    static Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LocalServices.kafkaBootstrap());
        return Admin.create(props);
    }
}
