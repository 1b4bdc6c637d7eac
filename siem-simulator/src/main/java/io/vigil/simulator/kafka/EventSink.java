package io.vigil.simulator.kafka;

import java.util.function.Consumer;

/** Where generated and ingested events go: Kafka in production, a list in unit tests. */
public interface EventSink extends AutoCloseable {

    /**
     * Sends asynchronously; {@code onFailure} is called (on another thread) if the record could
     * not be written, with the reason.
     */
    void send(OutboundRecord record, Consumer<Exception> onFailure);

    /** Blocks until everything sent so far is acknowledged or failed. */
    void flush();

    @Override
    void close();
}
