package io.vigil.stream.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast path for common ISO-8601 times must read exactly what the general formatter reads. */
class EventTimesTest {

    @ParameterizedTest
    @CsvSource({
        "2026-11-22T10:00:00Z, 2026-11-22T10:00:00Z",
        "2026-11-22T10:00:00, 2026-11-22T10:00:00Z",
        "2026-11-22T10:00:00.5Z, 2026-11-22T10:00:00.500Z",
        "2026-11-22T10:00:00.123456789Z, 2026-11-22T10:00:00.123456789Z",
        "2018-03-06T19:52:33.123456+0000, 2018-03-06T19:52:33.123456Z",
        "2018-03-06T19:52:33.123456-0600, 2018-03-07T01:52:33.123456Z",
        "2026-11-22T10:00:00+05:30, 2026-11-22T04:30:00Z",
        "2026-11-22T10:00:00-00:30, 2026-11-22T10:30:00Z",
        // not the common shape: read by the general formatter
        "2026-11-22 10:00:00, 2026-11-22T10:00:00Z",
        "2026-11-22t10:00:00z, 2026-11-22T10:00:00Z",
        "2026-11-22T10:00Z, 2026-11-22T10:00:00Z",
        "2026-11-22T10:00:00+02, 2026-11-22T08:00:00Z",
        "2026-02-30T10:00:00Z, 2026-02-28T10:00:00Z",
        "2026-11-22T24:00:00Z, 2026-11-23T00:00:00Z"
    })
    void readsIsoTimes(String text, String expected) {
        assertThat(EventTimes.parse(text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-13-22T10:00:00Z",
                "2026-11-22T10:61:00Z",
                "2026-11-22T10:00:00.1234567890Z",
                "2026-11-22T10:00:00+19:00"
            })
    void refusesWhatTheFormatterRefuses(String text) {
        assertThatThrownBy(() -> EventTimes.parse(text)).isInstanceOf(DateTimeParseException.class);
    }
}
