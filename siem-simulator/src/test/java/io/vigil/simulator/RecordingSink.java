package io.vigil.simulator;

import io.vigil.simulator.kafka.EventSink;
import io.vigil.simulator.kafka.OutboundRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** An in-memory sink for unit tests: keeps every record, and can refuse some to test failure paths. */
public final class RecordingSink implements EventSink {

    public final List<OutboundRecord> records = new ArrayList<>();
    private final Predicate<OutboundRecord> refuse;
    public boolean flushed;
    public boolean closed;

    public RecordingSink() {
        this(r -> false);
    }

    public RecordingSink(Predicate<OutboundRecord> refuse) {
        this.refuse = refuse;
    }

    @Override
    public void send(OutboundRecord record, Consumer<Exception> onFailure) {
        if (refuse.test(record)) {
            onFailure.accept(new IllegalStateException("refused by test"));
        } else {
            records.add(record);
        }
    }

    @Override
    public void flush() {
        flushed = true;
    }

    @Override
    public void close() {
        closed = true;
    }
}
