package io.vigil.gateway.bridge;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.gateway.config.GatewayProperties;
import io.vigil.gateway.state.StateMarker;
import io.vigil.gateway.state.StateStore;
import io.vigil.gateway.state.StoreGate;
import io.vigil.gateway.state.StoreStatus;
import io.vigil.gateway.stream.Kind;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Notices that Redis lost the latest state and rebuilds it from the compacted topics.
 *
 * <p>Every {@code vigil.state.rebuild.check-interval} each instance checks the state marker
 * ({@link StateMarker}). The instance that finds it gone claims the rebuild and reads every
 * partition of the bridge's topics from the beginning up to the end offsets of that moment, with a
 * consumer of its own ({@code assign}, never committing, so the bridge group and its offsets are
 * untouched). The records only restore Redis ({@link StateStore#restore}): nothing is published,
 * so clients get no stale updates. The bridge goes on meanwhile with new records, published as
 * usual; the compare-and-set in Redis keeps whichever is newer. Which instance owns which bridge
 * partition does not matter: the rebuild reads all of them. When it reaches the end offsets it
 * marks the store complete, which releases waiting snapshots on every instance.
 */
@Component
class StateRebuilder implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StateRebuilder.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);

    private final StateMarker marker;
    private final StoreGate gate;
    private final StateStore state;
    private final Map<String, Kind> kinds;
    private final ConsumerFactory<?, ?> consumers;
    private final JsonMapper json;
    private final GatewayProperties.Rebuild config;
    private final String instance;
    private final Counter completed;
    private final Counter aborted;
    private final Counter records;

    private volatile ScheduledExecutorService checker;
    private volatile Thread rebuilding;
    private volatile Consumer<?, ?> reader;
    private volatile boolean stopping;

    StateRebuilder(
            StateMarker marker,
            StoreGate gate,
            StateStore state,
            KafkaBridge bridge,
            ConsumerFactory<?, ?> consumers,
            JsonMapper json,
            GatewayProperties properties,
            MeterRegistry meters) {
        this.marker = marker;
        this.gate = gate;
        this.state = state;
        this.kinds = bridge.kinds();
        this.consumers = consumers;
        this.json = json;
        this.config = properties.state().rebuild();
        this.instance = ManagementFactory.getRuntimeMXBean().getName() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
        this.completed = Counter.builder("vigil.bridge.rebuilds")
                .description("Rebuilds of the gateway's Redis state from the compacted topics run by this instance")
                .tag("outcome", "completed")
                .register(meters);
        this.aborted = Counter.builder("vigil.bridge.rebuilds")
                .description("Rebuilds of the gateway's Redis state from the compacted topics run by this instance")
                .tag("outcome", "aborted")
                .register(meters);
        this.records = Counter.builder("vigil.bridge.rebuild.records")
                .description("Records read back into Redis by rebuilds on this instance")
                .register(meters);
    }

    @Override
    public void start() {
        stopping = false;
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("vigil-state-check").daemon().factory());
        timer.scheduleWithFixedDelay(this::check, 0, config.checkInterval().toMillis(), TimeUnit.MILLISECONDS);
        checker = timer;
    }

    @Override
    public void stop() {
        stopping = true;
        ScheduledExecutorService timer = checker;
        if (timer != null) {
            timer.shutdownNow();
        }
        Consumer<?, ?> current = reader;
        if (current != null) {
            current.wakeup();
        }
        Thread thread = rebuilding;
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return checker != null && !checker.isShutdown();
    }

    /** One look at the marker; claims and starts a rebuild when the marker is gone (or its owner's lease lapsed). */
    void check() {
        try {
            boolean idle = rebuilding == null;
            StoreStatus status =
                    marker.check(instance, idle && !stopping, UUID.randomUUID().toString());
            if (status.claimed()) {
                log.warn(
                        "No complete state under the gateway's Redis prefix (Redis lost its data, or this is its"
                                + " first start): rebuilding it from the compacted topics (epoch {}, attempt {})",
                        status.epoch(),
                        status.attempt());
                Thread thread = Thread.ofPlatform()
                        .name("vigil-state-rebuild")
                        .daemon()
                        .unstarted(() -> rebuild(status.attempt()));
                rebuilding = thread;
                thread.start();
            }
            gate.observed(status);
        } catch (RuntimeException e) {
            // Redis away: the bridge stalls and retries too; the next check looks again
            log.debug("State marker check failed: {}", e.toString());
        }
    }

    private void rebuild(String attempt) {
        long read = 0;
        int total = 0;
        boolean done = false;
        try (Consumer<?, ?> consumer = newReader()) {
            reader = consumer;
            List<TopicPartition> partitions = partitions(consumer);
            total = partitions.size();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> targets = consumer.endOffsets(partitions, KAFKA_TIMEOUT);
            Set<TopicPartition> remaining = new HashSet<>(partitions);
            marker.renew(attempt, 0, 0, total); // progress shows the partitions to read from the start
            long renewAt = System.nanoTime() + config.lease().toNanos() / 3;
            while (!stopping) {
                List<TopicPartition> reached = remaining.stream()
                        .filter(tp -> consumer.position(tp, KAFKA_TIMEOUT) >= targets.getOrDefault(tp, 0L))
                        .toList();
                reached.forEach(remaining::remove);
                consumer.pause(reached);
                if (remaining.isEmpty()) {
                    done = true;
                    break;
                }
                for (ConsumerRecord<?, ?> record : consumer.poll(POLL)) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() < targets.getOrDefault(tp, 0L)) {
                        restore(record);
                        read++;
                    }
                }
                if (System.nanoTime() - renewAt >= 0) {
                    if (!marker.renew(attempt, read, total - remaining.size(), total)) {
                        log.warn(
                                "State rebuild {} superseded (Redis lost it again, or another instance took it over)",
                                attempt);
                        break;
                    }
                    renewAt = System.nanoTime() + config.lease().toNanos() / 3;
                }
            }
            if (done && marker.finish(attempt, read, total, total)) {
                completed.increment();
                log.info("State rebuilt from the compacted topics: {} records from {} partitions", read, total);
                gate.observed(marker.read());
                return;
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            log.warn(
                    "State rebuild {} failed after {} records; another attempt follows once its lease of {} lapses: {}",
                    attempt,
                    read,
                    config.lease(),
                    e.toString());
        } finally {
            reader = null;
            rebuilding = null;
        }
        aborted.increment();
    }

    private void restore(ConsumerRecord<?, ?> raw) {
        @SuppressWarnings("unchecked")
        ConsumerRecord<String, String> record = (ConsumerRecord<String, String>) raw;
        try {
            BridgedRecord decoded = BridgedRecord.decode(kinds.get(record.topic()), record, json);
            state.restore(decoded.topic(), decoded.entry(), decoded.keep(), decoded.timestamp());
            records.increment();
        } catch (BridgedRecord.Rejected e) {
            // the bridge logged and counted it when it first read it
        }
    }

    private List<TopicPartition> partitions(Consumer<?, ?> consumer) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : kinds.keySet()) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, KAFKA_TIMEOUT);
            for (PartitionInfo info : infos == null ? List.<PartitionInfo>of() : infos) {
                partitions.add(new TopicPartition(info.topic(), info.partition()));
            }
        }
        return partitions;
    }

    /** The bridge's consumer settings, but assigned, never committing and never creating a topic. */
    private Consumer<?, ?> newReader() {
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        overrides.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        overrides.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        String group = String.valueOf(consumers.getConfigurationProperties().get(ConsumerConfig.GROUP_ID_CONFIG));
        return consumers.createConsumer(group + "-rebuild", "vigil-state-rebuild", null, overrides);
    }
}
