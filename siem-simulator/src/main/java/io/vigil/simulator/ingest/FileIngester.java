package io.vigil.simulator.ingest;

import io.vigil.simulator.formats.SourceFormat;
import io.vigil.simulator.kafka.EventSink;
import io.vigil.simulator.kafka.OutboundRecord;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code ingest} command: sends each element of a JSON array or NDJSON file as one record,
 * with the optional {@code vigil-format} and {@code vigil-tenant} headers and no key, then
 * reports how many were sent and each failure by line number (parse refusals and send errors).
 */
public final class FileIngester {

    /** The outcome of one file: how many elements were read and sent, and each failure. */
    public record Report(Path file, String layout, long elements, long sent, List<Failure> failures) {
        public boolean ok() {
            return failures.isEmpty();
        }
    }

    /** One element that was not written, by its line in the file. */
    public record Failure(long line, String reason) {}

    private final EventSink sink;

    public FileIngester(EventSink sink) {
        this.sink = sink;
    }

    public Report ingest(Path file, Optional<SourceFormat> format, Optional<String> tenant) throws IOException {
        ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
        AtomicLong elements = new AtomicLong();
        AtomicLong attempted = new AtomicLong();
        String formatHeader = format.map(SourceFormat::header).orElse(null);
        JsonElements.Layout layout = new JsonElements().read(file, element -> {
            elements.incrementAndGet();
            if (!element.ok()) {
                failures.add(new Failure(element.line(), element.error()));
                return;
            }
            attempted.incrementAndGet();
            sink.send(
                    new OutboundRecord(null, tenant.orElse(null), formatHeader, element.json()),
                    e -> failures.add(new Failure(element.line(), "not written to Kafka: " + e.getMessage())));
        });
        sink.flush();
        List<Failure> sorted = new ArrayList<>(failures);
        sorted.sort(Comparator.comparingLong(Failure::line));
        long sendFailures = sorted.stream()
                .filter(f -> f.reason().startsWith("not written"))
                .count();
        return new Report(
                file,
                layout == JsonElements.Layout.ARRAY ? "JSON array" : "NDJSON",
                elements.get(),
                attempted.get() - sendFailures,
                List.copyOf(sorted));
    }

    public static void print(Report report, PrintStream out, PrintStream err) {
        for (Failure failure : report.failures()) {
            err.println(report.file() + ":" + failure.line() + ": " + failure.reason());
        }
        out.printf(
                "ingested %s (%s): %d elements, %d sent, %d failed%n",
                report.file(),
                report.layout(),
                report.elements(),
                report.sent(),
                report.failures().size());
    }
}
