package io.vigil.e2e;

import io.vigil.contracts.anomaly.Anomaly;
import io.vigil.contracts.event.Severity;
import io.vigil.contracts.metrics.MetricsWindow;
import io.vigil.contracts.score.EntityType;
import io.vigil.contracts.score.ScoreFactor;
import io.vigil.contracts.score.ThreatLevel;
import io.vigil.contracts.score.ThreatScore;
import io.vigil.contracts.topic.Keys;
import io.vigil.contracts.topic.TopicNames;
import io.vigil.contracts.topic.VigilSerdes;
import io.vigil.testsupport.LocalServices;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The test's own Kafka topics, all of infra/kafka/topics.conf under one prefix (created here: the
 * broker does not auto-create), and a producer that writes Vigil records into them with the
 * contract serdes.
 */
public final class Kafka implements AutoCloseable {

    public final TopicNames topics;
    /** The stream processor's own topic of normalised events (not in {@link TopicNames}). */
    public final String normalized;
    /** The brokers these topics live on. */
    public final String bootstrap;

    private final Admin admin;
    private final KafkaProducer<String, byte[]> producer;

    /** Topics under {@code prefix} on the shared local broker. */
    public Kafka(String prefix) {
        this(prefix, LocalServices.kafkaBootstrap());
    }

    /** Topics under {@code prefix} on the given brokers (e.g. the 3-broker cluster of infra/kafka/cluster.sh). */
    public Kafka(String prefix, String bootstrap) {
        this.topics = TopicNames.DEFAULTS.withPrefix(prefix);
        this.normalized = prefix + "siem.events.normalized";
        this.bootstrap = bootstrap;
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        admin = Admin.create(props);
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(producerProps, new StringSerializer(), new ByteArraySerializer());
    }

    List<String> names() {
        return List.of(
                topics.events(),
                topics.eventsDlq(),
                normalized,
                topics.scores(),
                topics.metrics(),
                topics.anomalies(),
                topics.alerts(),
                topics.alertCommands(),
                topics.modelParams());
    }

    /** Two partitions each (one for model.params); the state topics compacted, as in topics.conf. */
    public void createTopics() throws Exception {
        createTopics(2, (short) 1);
    }

    /**
     * {@code partitions} each (one for model.params) with {@code replicas} replicas; the state topics
     * compacted, as in topics.conf.
     */
    void createTopics(int partitions, short replicas) throws Exception {
        Set<String> compacted =
                Set.of(topics.scores(), topics.metrics(), topics.anomalies(), topics.alerts(), topics.modelParams());
        admin.createTopics(names().stream()
                        .map(name -> new NewTopic(name, name.equals(topics.modelParams()) ? 1 : partitions, replicas)
                                .configs(compacted.contains(name) ? Map.of("cleanup.policy", "compact") : Map.of()))
                        .toList())
                .all()
                .get(30, TimeUnit.SECONDS);
    }

    Admin admin() {
        return admin;
    }

    /** Deletes the test's topics and the internal topics of Kafka Streams applications with these ids. */
    public void deleteTopics(String... applicationIds) {
        try {
            List<String> doomed = new java.util.ArrayList<>(names());
            for (String topic : admin.listTopics().names().get(30, TimeUnit.SECONDS)) {
                for (String id : applicationIds) {
                    if (topic.startsWith(id + "-")) {
                        doomed.add(topic);
                    }
                }
            }
            admin.deleteTopics(doomed).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // best effort: the names are unique to this run, so a leftover disturbs nobody
        }
    }

    public void send(String topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not produce to " + topic + ": " + e.getMessage(), e);
        }
    }

    /** Produces a threat score at the same level as before (raises no alert unless version 1); returns its key. */
    String score(String tenant, EntityType type, String id, double score, long version) {
        return score(tenant, type, id, score, version, level(score));
    }

    /**
     * Produces a threat score that was at {@code previousLevel} before; returns its key. The stream
     * processor raises a score alert when a score reaches HIGH or CRITICAL above its previous level
     * (or starts there, version 1).
     */
    String score(String tenant, EntityType type, String id, double score, long version, ThreatLevel previousLevel) {
        String key = Keys.entity(tenant, type, id);
        ThreatLevel level = level(score);
        Instant now = Instant.now();
        ThreatScore value = new ThreatScore(
                tenant,
                type,
                id,
                score,
                level,
                previousLevel,
                List.of(
                        new ScoreFactor("intrusion_detection", "ET SCAN Suspicious inbound", score * 0.6, 12),
                        new ScoreFactor("authentication", "failed logon", score * 0.3, 7)),
                now,
                now,
                version);
        send(topics.scores(), key, VigilSerdes.threatScore().serializer().serialize(topics.scores(), value));
        return key;
    }

    private static ThreatLevel level(double score) {
        return score >= 90
                ? ThreatLevel.CRITICAL
                : score >= 70 ? ThreatLevel.HIGH : score >= 40 ? ThreatLevel.MEDIUM : ThreatLevel.LOW;
    }

    /** The id of the first score alert the stream processor raises for an entity (see Keys.alertSeries). */
    static String scoreAlertId(String tenant, EntityType type, String id) {
        return Keys.alert(Keys.alertSeries(tenant, "score", type.keyPart() + "/" + id), 1);
    }

    void metrics(String tenant, String dimension, Instant windowStart, Map<String, Long> counts, long version) {
        String key = Keys.metrics(tenant, dimension, windowStart);
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        MetricsWindow value = new MetricsWindow(
                tenant, dimension, windowStart, windowStart.plusSeconds(60), total, counts, true, version);
        send(topics.metrics(), key, VigilSerdes.metricsWindow().serializer().serialize(topics.metrics(), value));
    }

    void anomaly(
            String tenant,
            String detector,
            String subject,
            Instant windowStart,
            double observed,
            double expected,
            Severity severity,
            String reason) {
        String key = Keys.anomaly(tenant, detector, subject, windowStart);
        Anomaly value = new Anomaly(
                tenant,
                detector,
                subject,
                windowStart,
                windowStart.plusSeconds(60),
                observed,
                expected,
                observed / Math.max(1, expected),
                severity,
                reason,
                windowStart.plusSeconds(60),
                1);
        send(topics.anomalies(), key, VigilSerdes.anomaly().serializer().serialize(topics.anomalies(), value));
    }

    @Override
    public void close() {
        producer.close();
        admin.close();
    }
}
