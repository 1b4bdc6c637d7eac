package io.vigil.e2e;

import static io.vigil.testsupport.LocalService.KAFKA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.testsupport.RequiresLocalServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two stream-processor processes share the partitions of one application id, with a standby replica
 * of each task's state. One is killed (SIGKILL) in the middle of the stream; the other takes over
 * its tasks, and every one-minute metrics window of 20,000 known events is finalised exactly once
 * with exactly the produced counts: nothing lost, nothing counted twice (exactly_once_v2).
 */
@RequiresLocalServices({KAFKA})
class StreamProcessorFailoverIT {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String APP_ID = "it-e2e-fo-" + RUN;
    static final Duration START = Duration.ofSeconds(180);

    static Kafka kafka;
    static ServiceProcess first;
    static ServiceProcess second;
    static Path stateRoot;
    static final EventLoad LOAD = new EventLoad("e2e-fo-" + RUN, 8, 20_000, Duration.ofMinutes(6));

    @BeforeAll
    static void start() throws Exception {
        kafka = new Kafka("it-e2e-fo-" + RUN + ".");
        kafka.createTopics(4, (short) 1);
        stateRoot = Files.createTempDirectory("it-e2e-fo-");
        first = processor("a");
        second = processor("b");
        CompletableFuture<?> firstUp = CompletableFuture.runAsync(() -> first.start(START));
        second.start(START);
        firstUp.get(START.toSeconds() + 10, TimeUnit.SECONDS);
    }

    private static ServiceProcess processor(String instance) {
        return VigilProcesses.streamProcessorInstance(
                        kafka, "stream-processor-fo-" + instance + "-" + RUN, APP_ID, stateRoot.resolve(instance))
                .property("vigil.streams.num-standby-replicas", 1)
                // A window closes on its task's clock, which runs on with the wall clock while an upstream
                // partition is stalled by the failover (up to the 45 s session timeout, then a transaction
                // timeout): a grace longer than that keeps the stalled events in their windows.
                .property("vigil.metrics.grace", "120s")
                .build();
    }

    @AfterAll
    static void stop() throws Exception {
        for (ServiceProcess p : new ServiceProcess[] {first, second}) {
            if (p != null) p.close();
        }
        if (kafka != null) {
            kafka.deleteTopics(APP_ID);
            kafka.close();
        }
        if (stateRoot != null) {
            try (Stream<Path> files = Files.walk(stateRoot)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void theSurvivorTakesOverAndEveryWindowIsCountedExactlyOnce() throws Exception {
        // both instances own part of the partitions before anything flows
        await("two members sharing the partitions")
                .atMost(Duration.ofSeconds(90))
                .untilAsserted(() -> {
                    List<MemberDescription> members = members();
                    assertThat(members).hasSize(2);
                    assertThat(members)
                            .allSatisfy(m ->
                                    assertThat(m.assignment().topicPartitions()).isNotEmpty());
                });
        Set<TopicPartition> inputs = assigned(members()).stream()
                .filter(p ->
                        p.topic().equals(kafka.topics.events()) || p.topic().equals(kafka.normalized))
                .collect(Collectors.toSet());
        assertThat(inputs).hasSize(8);

        LOAD.produce(kafka, 0, 10_000);
        // mid-stream: the first results are committed, most of the first half is still being worked on
        await("the first committed metrics")
                .atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> EventLoad.committedRecords(kafka, kafka.topics.metrics()) > 0);
        first.kill();
        LOAD.produce(kafka, 10_000, 20_000);

        await("the survivor owning every partition of the input and normalised topics")
                .atMost(Duration.ofSeconds(120))
                .untilAsserted(() -> {
                    List<MemberDescription> members = members();
                    assertThat(members).hasSize(1);
                    assertThat(assigned(members)).containsAll(inputs);
                });
        assertThat(second.alive()).isTrue();

        await("every window final")
                .atMost(Duration.ofSeconds(360))
                .pollInterval(Duration.ofSeconds(5))
                .until(() -> EventLoad.finalWindows(kafka)
                        .keySet()
                        .containsAll(LOAD.expected().keySet()));
        LOAD.assertCompleteAndExact(EventLoad.finalWindows(kafka));
    }

    private static List<MemberDescription> members() throws Exception {
        return List.copyOf(kafka.admin()
                .describeConsumerGroups(List.of(APP_ID))
                .all()
                .get(30, TimeUnit.SECONDS)
                .get(APP_ID)
                .members());
    }

    private static Set<TopicPartition> assigned(List<MemberDescription> members) {
        return members.stream()
                .flatMap(m -> m.assignment().topicPartitions().stream())
                .collect(Collectors.toSet());
    }
}
