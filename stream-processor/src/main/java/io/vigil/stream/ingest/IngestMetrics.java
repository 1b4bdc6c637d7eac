package io.vigil.stream.ingest;

/**
 * Counts what ingest does with each record, for dashboards and the in = normalised + dead-lettered
 * check. The application binds it to Micrometer; tests use {@link #NONE}.
 */
public interface IngestMetrics {

    IngestMetrics NONE = new IngestMetrics() {
        @Override
        public void normalised(String format) {}

        @Override
        public void deadLettered(String stage) {}
    };

    void normalised(String format);

    void deadLettered(String stage);
}
