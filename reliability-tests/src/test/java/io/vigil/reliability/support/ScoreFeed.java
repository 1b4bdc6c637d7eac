package io.vigil.reliability.support;

import io.vigil.contracts.score.EntityType;
import io.vigil.contracts.score.ThreatLevel;
import io.vigil.contracts.score.ThreatScore;
import io.vigil.contracts.topic.Keys;
import io.vigil.contracts.topic.VigilSerdes;
import io.vigil.e2e.Kafka;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.json.JsonMapper;

/**
 * Steady load on the bridge: threat-score updates for a fixed set of one tenant's hosts, round
 * robin, each with the next version of its key, written to the stack's scores topic at a fixed
 * rate until stopped. The server's state to compare clients with is read back from that topic.
 */
public final class ScoreFeed implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Kafka kafka;
    private final String tenant;
    private volatile int entities;
    private final Map<String, Long> versions = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicLong produced = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    public ScoreFeed(Kafka kafka, String tenant, int entities) {
        this.kafka = kafka;
        this.tenant = tenant;
        this.entities = entities;
    }

    /** Starts writing one update every {@code period}. */
    public ScoreFeed start(Duration period) {
        timer.scheduleAtFixedRate(this::next, 0, period.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void next() {
        long n = produced.get();
        String host = "h" + (n % entities);
        long version = versions.getOrDefault(host, 0L) + 1;
        Instant now = Instant.now();
        double score = (n * 7) % 100;
        ThreatScore value = new ThreatScore(
                tenant, EntityType.HOST, host, score, ThreatLevel.LOW, ThreatLevel.LOW, List.of(), now, now, version);
        String topic = kafka.topics.scores();
        try {
            kafka.send(
                    topic,
                    Keys.entity(tenant, EntityType.HOST, host),
                    VigilSerdes.threatScore().serializer().serialize(topic, value));
            versions.put(host, version);
            produced.incrementAndGet();
        } catch (RuntimeException e) {
            // retried with the same version on the next tick
        }
    }

    /** From now on, update only the first {@code n} entities (the others keep their last version). */
    public void onlyFirst(int n) {
        this.entities = n;
    }

    public long produced() {
        return produced.get();
    }

    /** Stops writing (waits for the update in progress). */
    public void stop() {
        timer.shutdown();
        try {
            timer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The server's state: key → latest version in the scores topic for this tenant. */
    public Map<String, Long> serverState() {
        Map<String, Long> state = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> r :
                TopicReader.readUntil(kafka.topics.scores(), x -> true, Duration.ofSeconds(30))) {
            if (!r.key().startsWith(tenant + "/")) {
                continue;
            }
            if (r.value() == null) {
                state.remove(r.key());
            } else {
                state.merge(r.key(), JSON.readTree(r.value()).path("version").asLong(), Math::max);
            }
        }
        return state;
    }

    /** Entities whose version in {@code view} differs from the server's state (or that one side lacks). */
    public static int divergent(Map<String, Long> server, Map<String, Long> view) {
        java.util.Set<String> keys = new java.util.HashSet<>(server.keySet());
        keys.addAll(view.keySet());
        return (int) keys.stream()
                .filter(k -> !java.util.Objects.equals(server.get(k), view.get(k)))
                .count();
    }

    @Override
    public void close() {
        stop();
    }
}
