package io.vigil.stream.bench;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Follows the benchmark application's committed offsets. Done means: every input event committed
 * by ingest, and no lag left on the normalised topic and the repartition topics, i.e. every
 * event-driven step of every topology has committed its work (one offset per partition is allowed
 * for the transaction marker that follows the last record).
 */
final class Progress {

    private final Admin admin;
    private final String groupId;
    private final String eventsTopic;
    private final long n;
    private long start;
    private long firstProgress = -1;
    private long ingestDone = -1;
    private long done = -1;

    Progress(Admin admin, String groupId, String eventsTopic, long n) {
        this.admin = admin;
        this.groupId = groupId;
        this.eventsTopic = eventsTopic;
        this.n = n;
    }

    void awaitDone() throws Exception {
        start = System.nanoTime();
        while (done < 0) {
            if (ThroughputBenchmark.seconds(start) > 900) throw new IllegalStateException("not done after 15 minutes");
            var committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata()
                    .get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            long now = System.nanoTime();
            long ingested = 0;
            boolean caughtUp = true;
            boolean sawDownstream = false;
            for (var entry : committed.entrySet()) {
                TopicPartition tp = entry.getKey();
                long offset = entry.getValue() == null ? 0 : entry.getValue().offset();
                if (tp.topic().equals(eventsTopic)) {
                    ingested += offset;
                } else if (tp.topic().endsWith("-repartition") || tp.topic().endsWith("siem.events.normalized")) {
                    sawDownstream = true;
                    if (ends.get(tp).offset() - offset > 1) caughtUp = false;
                }
            }
            if (firstProgress < 0 && ingested > 0) firstProgress = now;
            if (ingestDone < 0 && ingested >= n) ingestDone = now;
            if (ingestDone >= 0 && sawDownstream && caughtUp) done = now;
            if (done < 0) Thread.sleep(200);
        }
    }

    /** Events per second from the first committed progress until all work was committed. */
    double sustainedRate() {
        return n / ((done - firstProgress) / 1e9);
    }

    double ingestSeconds() {
        return (ingestDone - start) / 1e9;
    }
}
