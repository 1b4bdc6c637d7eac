package io.vigil.workers.report;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/** Kafka consumer lag of the components' consumer groups: end offset minus committed offset. */
@Component
class ConsumerLag implements DisposableBean {

    private final Admin admin;

    ConsumerLag(KafkaProperties kafka) {
        this.admin = Admin.create(new HashMap<>(kafka.buildAdminProperties()));
    }

    /** Total lag and lag per topic of one group; "committed" false when the group has no offsets. */
    Map<String, Object> of(String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(30, TimeUnit.SECONDS);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("group", group);
        committed.values().removeIf(java.util.Objects::isNull);
        if (committed.isEmpty()) {
            out.put("committed", false);
            out.put("lag", 0L);
            return out;
        }
        Map<TopicPartition, OffsetSpec> query = new HashMap<>();
        committed.keySet().forEach(partition -> query.put(partition, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                admin.listOffsets(query).all().get(30, TimeUnit.SECONDS);
        Map<String, Long> byTopic = new java.util.TreeMap<>();
        long total = 0;
        for (var entry : committed.entrySet()) {
            long lag = Math.max(
                    0, ends.get(entry.getKey()).offset() - entry.getValue().offset());
            byTopic.merge(entry.getKey().topic(), lag, Long::sum);
            total += lag;
        }
        out.put("committed", true);
        out.put("lag", total);
        out.put("byTopic", byTopic);
        return out;
    }

    @Override
    public void destroy() {
        admin.close();
    }
}
