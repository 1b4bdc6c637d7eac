package io.vigil.simulator.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.simulator.RecordingSink;
import io.vigil.simulator.formats.SourceFormat;
import io.vigil.testsupport.SampleData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class FileIngesterTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void bothRealSuricataSamplesAreArraysAndEveryElementIsSentAsItIs() throws IOException {
        for (String name : new String[] {"honeypot-2018-alerts.json", "first-org-conf-2015-alerts.json"}) {
            Path file = SampleData.suricata(name);
            RecordingSink sink = new RecordingSink();

            FileIngester.Report report =
                    new FileIngester(sink).ingest(file, Optional.of(SourceFormat.SURICATA), Optional.empty());

            int expected = MAPPER.readTree(file.toFile()).size();
            assertThat(report.layout()).isEqualTo("JSON array");
            assertThat(report.ok()).isTrue();
            assertThat(report.sent()).isEqualTo(expected);
            assertThat(sink.records)
                    .hasSize(expected)
                    .allMatch(r -> r.key() == null && r.tenant() == null && "suricata".equals(r.format()));
            assertThat(MAPPER.readTree(sink.records.getFirst().value()))
                    .isEqualTo(MAPPER.readTree(file.toFile()).get(0));
        }
    }

    @Test
    void ndjsonLinesAreSentByteForByteAndBadLinesAreReportedByNumber() throws IOException {
        String good1 = "{\"ts\":1.5,\"_path\":\"conn\",\"id.orig_h\":\"10.0.0.1\"}";
        String good2 = "{ \"EventID\" : 4625 }";
        Path file =
                write("events.ndjson", good1 + "\n\n[1,2]\n{\"broken\":\n" + good2 + "\r\n42\n{\"a\":1} trailing\n");
        RecordingSink sink = new RecordingSink();

        FileIngester.Report report = new FileIngester(sink).ingest(file, Optional.empty(), Optional.of("globex"));

        assertThat(report.layout()).isEqualTo("NDJSON");
        assertThat(report.elements()).isEqualTo(6);
        assertThat(report.sent()).isEqualTo(2);
        assertThat(sink.records)
                .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactly(good1, good2);
        assertThat(sink.records).allMatch(r -> "globex".equals(r.tenant()) && r.format() == null);
        assertThat(report.failures()).extracting(FileIngester.Failure::line).containsExactly(3L, 4L, 6L, 7L);
        assertThat(report.failures().get(0).reason()).isEqualTo("line is an array, not a JSON object");
        assertThat(report.failures().get(1).reason()).startsWith("malformed JSON");
        assertThat(report.failures().get(2).reason()).isEqualTo("line is a number, not a JSON object");
        assertThat(report.failures().get(3).reason()).startsWith("malformed JSON");
    }

    @Test
    void arrayElementsThatAreNotObjectsAreReportedAndTheRestSent() throws IOException {
        Path file = write("mixed.json", "\uFEFF  [\n  {\"a\": 1},\n  \"text\",\n  {\"b\": {\"c\": [1, 2]}}\n]\n");
        RecordingSink sink = new RecordingSink();

        FileIngester.Report report = new FileIngester(sink).ingest(file, Optional.empty(), Optional.empty());

        assertThat(report.layout()).isEqualTo("JSON array");
        assertThat(sink.records)
                .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactly("{\"a\":1}", "{\"b\":{\"c\":[1,2]}}");
        assertThat(report.failures())
                .containsExactly(new FileIngester.Failure(3, "element is a string, not a JSON object"));
    }

    @Test
    void aMalformedArrayIsReportedWhereItBreaks() throws IOException {
        Path file = write("broken.json", "[\n{\"a\":1},\n{\"b\":\n]\n");
        RecordingSink sink = new RecordingSink();

        FileIngester.Report report = new FileIngester(sink).ingest(file, Optional.empty(), Optional.empty());

        assertThat(sink.records).hasSize(1);
        assertThat(report.failures()).singleElement().satisfies(f -> {
            assertThat(f.line()).isEqualTo(4);
            assertThat(f.reason()).startsWith("malformed JSON, the rest of the array cannot be read");
        });
    }

    @Test
    void sendFailuresAreReportedWithTheirLine() throws IOException {
        Path file = write("two.ndjson", "{\"a\":1}\n{\"refuse\":true}\n");
        RecordingSink sink = new RecordingSink(r -> new String(r.value(), StandardCharsets.UTF_8).contains("refuse"));

        FileIngester.Report report = new FileIngester(sink).ingest(file, Optional.empty(), Optional.empty());

        assertThat(report.sent()).isEqualTo(1);
        assertThat(report.failures())
                .singleElement()
                .isEqualTo(new FileIngester.Failure(2, "not written to Kafka: refused by test"));
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }
}
