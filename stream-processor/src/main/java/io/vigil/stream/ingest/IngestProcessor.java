package io.vigil.stream.ingest;

import io.vigil.contracts.event.SecurityEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Normalises each input record or turns it into a dead letter carrying the original bytes and
 * headers that say where and why it failed. Every input record produces exactly one output record,
 * which is what makes "in = normalised + dead-lettered" hold; no exception escapes.
 */
final class IngestProcessor implements Processor<byte[], byte[], byte[], IngestResult> {

    static final String FORMAT_HEADER = "vigil-format";
    static final String TENANT_HEADER = "vigil-tenant";
    static final String DLQ_STAGE = "vigil-dlq-stage";
    static final String DLQ_REASON = "vigil-dlq-reason";
    static final String DLQ_TOPIC = "vigil-dlq-topic";
    static final String DLQ_PARTITION = "vigil-dlq-partition";
    static final String DLQ_OFFSET = "vigil-dlq-offset";

    private static final Logger log = LoggerFactory.getLogger(IngestProcessor.class);

    private final Normalisation normalisation;
    private final IngestMetrics metrics;
    private ProcessorContext<byte[], IngestResult> context;

    IngestProcessor(Normalisation normalisation, IngestMetrics metrics) {
        this.normalisation = normalisation;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<byte[], IngestResult> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata where = context.recordMetadata().orElse(null);
        String topic = where == null ? null : where.topic();
        int partition = where == null ? -1 : where.partition();
        long offset = where == null ? -1 : where.offset();
        try {
            var result = normalisation.normalise(
                    record.value(),
                    header(record.headers(), FORMAT_HEADER),
                    header(record.headers(), TENANT_HEADER),
                    topic,
                    partition,
                    offset,
                    Instant.ofEpochMilli(context.currentSystemTimeMs()));
            SecurityEvent event = result.event();
            metrics.normalised(result.format().id());
            context.forward(record.withValue((IngestResult) new IngestResult.Normalised(event))
                    .withTimestamp(event.time().toEpochMilli()));
        } catch (Rejection rejection) {
            deadLetter(record, rejection.stage(), rejection.getMessage(), topic, partition, offset);
        } catch (RuntimeException unexpected) {
            log.error(
                    "Normaliser failed on {}-{}@{}; sending the record to the DLQ",
                    topic,
                    partition,
                    offset,
                    unexpected);
            deadLetter(record, Rejection.NORMALISE, "internal error: " + unexpected, topic, partition, offset);
        }
    }

    private void deadLetter(
            Record<byte[], byte[]> record, String stage, String reason, String topic, int partition, long offset) {
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.add(DLQ_STAGE, bytes(stage));
        headers.add(DLQ_REASON, bytes(reason));
        if (topic != null) {
            headers.add(DLQ_TOPIC, bytes(topic));
            headers.add(DLQ_PARTITION, bytes(String.valueOf(partition)));
            headers.add(DLQ_OFFSET, bytes(String.valueOf(offset)));
        }
        metrics.deadLettered(stage);
        log.debug("Dead-lettered {}-{}@{} at {}: {}", topic, partition, offset, stage, reason);
        context.forward(record.withValue((IngestResult) new IngestResult.DeadLetter(record.value()))
                .withHeaders(headers));
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
