package io.vigil.e2e;

import static io.vigil.testsupport.LocalService.KAFKA;
import static io.vigil.testsupport.LocalService.RABBITMQ;
import static io.vigil.testsupport.LocalService.RABBITMQ_STOMP;
import static io.vigil.testsupport.LocalService.REDIS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.contracts.anomaly.Anomaly;
import io.vigil.contracts.event.Severity;
import io.vigil.contracts.topic.Keys;
import io.vigil.contracts.topic.VigilSerdes;
import io.vigil.testsupport.RequiresLocalServices;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two gateway processes of one deployment (one bridge consumer group, one Redis state, two ports),
 * each with a real STOMP-over-WebSocket client of the same tenant: whichever instance bridges a
 * partition, every client receives every anomaly update exactly once — each key with every version,
 * none twice, none missing (anomalies are never conflated, unlike the latest-value state streams).
 */
@RequiresLocalServices({KAFKA, RABBITMQ, RABBITMQ_STOMP, REDIS})
class GatewayFanOutIT {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String TENANT = "e2e-fan-" + RUN;
    static final String BRIDGE_GROUP = "it-e2e-gw-fan-" + RUN;
    static final int ENTITIES = 50;
    static final int VERSIONS = 6;
    static final Instant WINDOW = Instant.now().truncatedTo(ChronoUnit.MINUTES);

    static Kafka kafka;
    static ServiceProcess first;
    static ServiceProcess second;
    static final List<StompFeed> feeds = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        kafka = new Kafka("it-e2e-fan-" + RUN + ".");
        kafka.createTopics();
        first = gateway("a");
        second = gateway("b");
        CompletableFuture<?> firstUp = CompletableFuture.runAsync(() -> first.start(Duration.ofSeconds(150)));
        second.start(Duration.ofSeconds(150));
        firstUp.get(160, TimeUnit.SECONDS);
    }

    private static ServiceProcess gateway(String instance) {
        return VigilProcesses.gateway(kafka, "fan-" + RUN, "ws-gateway-fan-" + instance + "-" + RUN)
                .build();
    }

    @AfterAll
    static void stop() {
        feeds.forEach(StompFeed::close);
        for (ServiceProcess p : new ServiceProcess[] {first, second}) {
            if (p != null) p.close();
        }
        if (kafka != null) {
            kafka.deleteTopics();
            kafka.close();
        }
    }

    @Test
    void aClientOnEachInstanceReceivesEveryUpdateExactlyOnce() throws Exception {
        // both instances bridge part of the partitions before anything is produced
        await("two bridge members sharing the partitions")
                .atMost(Duration.ofSeconds(90))
                .untilAsserted(() -> {
                    List<MemberDescription> members = bridgeMembers();
                    assertThat(members).hasSize(2);
                    assertThat(members)
                            .allSatisfy(m ->
                                    assertThat(m.assignment().topicPartitions()).isNotEmpty());
                });

        String token = new GatewayApi(first.baseUrl()).token("fay", TENANT, "analyst");
        String destination = "/topic/" + TENANT + ".anomalies";
        List<List<StompFeed.Frame>> received = new ArrayList<>();
        for (ServiceProcess gateway : List.of(first, second)) {
            StompFeed feed = StompFeed.gateway(gateway.baseUrl(), token);
            feeds.add(feed);
            List<StompFeed.Frame> frames = new java.util.concurrent.CopyOnWriteArrayList<>();
            feed.subscribe(destination, frames);
            received.add(frames);
        }
        // live on both before the measured updates: probes until each client has seen one (whether or
        // not the delivery mode answers the SUBSCRIBE's receipt request)
        int[] probes = {0};
        await("both subscriptions live")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    anomaly("probe-" + probes[0]++, 1);
                    return received.stream().allMatch(frames -> !frames.isEmpty());
                });

        // Anomalies: an event stream, never conflated, so every version must arrive.
        Map<String, List<Long>> expected = new TreeMap<>();
        for (int version = 1; version <= VERSIONS; version++) {
            for (int entity = 0; entity < ENTITIES; entity++) {
                String key = anomaly("10.1.0." + entity, version);
                expected.computeIfAbsent(key, k -> new ArrayList<>()).add((long) version);
            }
        }
        int total = ENTITIES * VERSIONS;
        for (List<StompFeed.Frame> frames : received) {
            frames.removeIf(f -> f.header("vigil-key").contains("/probe-"));
        }

        for (int i = 0; i < received.size(); i++) {
            List<StompFeed.Frame> frames = received.get(i);
            StompFeed feed = feeds.get(i);
            // everything arrives, and nothing more follows for a while (a late duplicate would)
            await("all " + total + " updates").atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                assertThat(feed.errors).isEmpty();
                assertThat(frames).hasSizeGreaterThanOrEqualTo(total);
            });
            await("no further frames")
                    .during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> measured(frames).size() == total);
            Map<String, List<Long>> versions = measured(frames).stream()
                    .collect(Collectors.groupingBy(
                            f -> f.header("vigil-key"),
                            TreeMap::new,
                            Collectors.mapping(f -> Long.parseLong(f.header("vigil-version")), Collectors.toList())));
            assertThat(versions.keySet()).isEqualTo(expected.keySet());
            versions.forEach((key, seen) -> assertThat(seen)
                    .as("versions of %s", key)
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, VERSIONS)
                            .mapToObj(v -> (long) v)
                            .toList()));
            assertThat(feed.errors).isEmpty();
        }
    }

    private static List<StompFeed.Frame> measured(List<StompFeed.Frame> frames) {
        return frames.stream()
                .filter(f -> !f.header("vigil-key").contains("/probe-"))
                .toList();
    }

    /** Produces version {@code version} of the tenant's fan-out anomaly about {@code subject}; returns its key. */
    private static String anomaly(String subject, long version) {
        String key = Keys.anomaly(TENANT, "fan_out", subject, WINDOW);
        var value = new Anomaly(
                TENANT,
                "fan_out",
                subject,
                WINDOW,
                WINDOW.plusSeconds(60),
                10 + version,
                5,
                2 + version,
                Severity.MEDIUM,
                subject + " reached " + (10 + version) + " ports",
                Instant.now(),
                version);
        kafka.send(
                kafka.topics.anomalies(),
                key,
                VigilSerdes.anomaly().serializer().serialize("", value));
        return key;
    }

    private static List<MemberDescription> bridgeMembers() throws Exception {
        return List.copyOf(kafka.admin()
                .describeConsumerGroups(List.of(BRIDGE_GROUP))
                .all()
                .get(30, TimeUnit.SECONDS)
                .get(BRIDGE_GROUP)
                .members());
    }
}
