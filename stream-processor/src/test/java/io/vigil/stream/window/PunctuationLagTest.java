package io.vigil.stream.window;

import static io.vigil.stream.window.PunctuationLag.Punctuation.ALERT_SWEEP;
import static io.vigil.stream.window.PunctuationLag.Punctuation.ANOMALY_CLOSE;
import static io.vigil.stream.window.PunctuationLag.Punctuation.METRICS_EMIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.stream.StreamTopics;
import io.vigil.stream.TestProperties;
import io.vigil.stream.TopologyDrivers;
import io.vigil.stream.config.VigilTopologies;
import io.vigil.stream.ingest.IngestMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The punctuation lag over the whole application's topologies: 0 while the punctuations run on
 * time, growing while the wall clock moves on and they do not run (a stuck stream thread), back to
 * 0 once they have run, and gone when their tasks close.
 */
class PunctuationLagTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    /** What the gauge reads as "now"; the driver's wall clock is the stream thread's. */
    private final AtomicLong scrapeClock = new AtomicLong(T0.toEpochMilli());

    private final PunctuationLag lag = new PunctuationLag(scrapeClock::get);
    private TopologyTestDriver driver;

    @BeforeEach
    void setUp() {
        var builder = new StreamsBuilder();
        VigilTopologies.build(builder, StreamTopics.withPrefix(""), TestProperties.defaults(), IngestMetrics.NONE, lag);
        driver = TopologyDrivers.driver(builder, "punctuation-lag-test", T0);
    }

    @AfterEach
    void tearDown() {
        if (driver != null) driver.close();
    }

    private void scrapeAt(Duration sinceT0) {
        scrapeClock.set(T0.plus(sinceT0).toEpochMilli());
    }

    @Test
    void zeroWhileOnTimeGrowingWhileNotRunBackToZeroOnceRun() {
        assertThat(lag.lagSeconds(METRICS_EMIT)).isZero();
        assertThat(lag.lagSeconds(ANOMALY_CLOSE)).isZero();
        assertThat(lag.lagSeconds(ALERT_SWEEP)).isZero();

        // The wall clock moves on 31 s but the stream thread runs no punctuation: due at T0 + 1 s.
        scrapeAt(Duration.ofSeconds(31));
        assertThat(lag.lagSeconds(METRICS_EMIT)).isEqualTo(30.0);
        assertThat(lag.lagSeconds(ANOMALY_CLOSE)).isEqualTo(30.0);
        assertThat(lag.lagSeconds(ALERT_SWEEP)).isZero(); // its interval is a minute: not due yet

        scrapeAt(Duration.ofSeconds(90));
        assertThat(lag.lagSeconds(METRICS_EMIT)).isEqualTo(89.0);
        assertThat(lag.lagSeconds(ALERT_SWEEP)).isEqualTo(30.0);

        // The thread catches up: every punctuation runs at T0 + 90 s, the next ones are not due yet.
        driver.advanceWallClockTime(Duration.ofSeconds(90));
        assertThat(lag.lagSeconds(METRICS_EMIT)).isZero();
        assertThat(lag.lagSeconds(ANOMALY_CLOSE)).isZero();
        assertThat(lag.lagSeconds(ALERT_SWEEP)).isZero();

        scrapeAt(Duration.ofSeconds(93));
        assertThat(lag.lagSeconds(METRICS_EMIT)).isEqualTo(2.0);
    }

    @Test
    void closedTasksNoLongerCount() {
        scrapeAt(Duration.ofSeconds(31));
        assertThat(lag.lagSeconds(METRICS_EMIT)).isPositive();

        driver.close();
        driver = null;
        assertThat(lag.lagSeconds(METRICS_EMIT)).isZero();
        assertThat(lag.lagSeconds(ANOMALY_CLOSE)).isZero();
    }

    @Test
    void aTaskRegisteredAgainIsNotRemovedByItsOldProcessorClosing() {
        driver.close(); // only the registrations below remain
        driver = null;
        var old = lag.register(METRICS_EMIT, "9_0", Duration.ofSeconds(1), T0.toEpochMilli());
        lag.register(METRICS_EMIT, "9_0", Duration.ofSeconds(1), T0.toEpochMilli());
        old.unregister();
        scrapeAt(Duration.ofSeconds(11));
        assertThat(lag.lagSeconds(METRICS_EMIT)).isEqualTo(10.0);
    }
}
