package io.vigil.simulator.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces to one Kafka topic with an idempotent, acks=all producer (no duplicates or reordering
 * per partition on retries), a short linger for batching (uncompressed, see {@link #COMPRESSION}). Checks first that
 * the broker answers and the topic exists, since the broker does not auto-create topics and a
 * producer would otherwise just block.
 */
public final class KafkaEventSink implements EventSink {

    public static final String TENANT_HEADER = "vigil-tenant";
    public static final String FORMAT_HEADER = "vigil-format";
    /**
     * No compression: the broker is on loopback, CPU is the scarce resource on the demo machine,
     * and lz4-java prints a sun.misc.Unsafe deprecation warning on every start under JDK 24+.
     */
    static final String COMPRESSION = "none";

    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;

    private KafkaEventSink(KafkaProducer<String, byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    /** Connects, or throws {@link SinkUnavailableException} saying what is wrong and what to do. */
    public static KafkaEventSink connect(String bootstrap, String topic) {
        checkTopic(bootstrap, topic);
        return new KafkaEventSink(new KafkaProducer<>(producerConfig(bootstrap)), topic);
    }

    static Map<String, Object> producerConfig(String bootstrap) {
        return Map.ofEntries(
                Map.entry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                Map.entry(ProducerConfig.CLIENT_ID_CONFIG, "vigil-siem-simulator"),
                Map.entry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                Map.entry(ProducerConfig.ACKS_CONFIG, "all"),
                Map.entry(ProducerConfig.LINGER_MS_CONFIG, 5),
                Map.entry(ProducerConfig.COMPRESSION_TYPE_CONFIG, COMPRESSION),
                Map.entry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000),
                Map.entry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000),
                Map.entry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000),
                Map.entry(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class),
                Map.entry(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    private static void checkTopic(String bootstrap, String topic) {
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) CHECK_TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CHECK_TIMEOUT.toMillis());
        try (Admin admin = Admin.create(config)) {
            Set<String> topics = admin.listTopics().names().get(CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!topics.contains(topic)) {
                throw new SinkUnavailableException("Topic '" + topic + "' does not exist on Kafka at " + bootstrap
                        + " (topics are not auto-created). Create it with `infra/services.sh up` or `./vigil up`.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkUnavailableException("Interrupted while checking Kafka at " + bootstrap);
        } catch (ExecutionException | TimeoutException e) {
            throw new SinkUnavailableException("Kafka is not reachable at " + bootstrap + " (" + rootMessage(e)
                    + "). Start it with `infra/services.sh up` or `./vigil up`, or pass --bootstrap HOST:PORT.");
        }
    }

    @Override
    public void send(OutboundRecord record, Consumer<Exception> onFailure) {
        ProducerRecord<String, byte[]> producerRecord = new ProducerRecord<>(topic, record.key(), record.value());
        if (record.tenant() != null) {
            producerRecord
                    .headers()
                    .add(new RecordHeader(TENANT_HEADER, record.tenant().getBytes(StandardCharsets.UTF_8)));
        }
        if (record.format() != null) {
            producerRecord
                    .headers()
                    .add(new RecordHeader(FORMAT_HEADER, record.format().getBytes(StandardCharsets.UTF_8)));
        }
        try {
            producer.send(producerRecord, (metadata, exception) -> {
                if (exception != null) {
                    onFailure.accept(exception);
                }
            });
        } catch (RuntimeException e) {
            // Serialisation, size or buffer-full errors are thrown here instead of in the callback.
            onFailure.accept(e);
        }
    }

    @Override
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
