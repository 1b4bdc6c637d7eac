package io.vigil.reliability.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A known, reproducible set of canonical events (seeded), in event-time order per tenant, ending
 * exactly at a minute boundary so that the last metrics window closes one grace period after the
 * last event. Every event is valid: all of them must be counted, once.
 */
final class KnownEvents {

    /** One input record: key = tenant. */
    record Event(String tenant, byte[] value) {}

    private static final String[] SEVERITIES = {"INFO", "LOW", "MEDIUM", "HIGH", "CRITICAL"};
    private static final String[] CATEGORIES = {
        "authentication", "network", "intrusion_detection", "process", "malware", "web", "dns"
    };
    private static final String[] OUTCOMES = {"SUCCESS", "FAILURE", "UNKNOWN"};

    private KnownEvents() {}

    /**
     * {@code n} events over {@code tenants} tenants, interleaved (tenant i % tenants), spread
     * evenly over {@code span} of event time ending at a minute boundary {@code end}.
     */
    static List<Event> generate(String run, int n, int tenants, Duration span, long seed) {
        Random random = new Random(seed);
        Instant end = Instant.now().minus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
        Instant start = end.minus(span);
        long perTenant = (n + tenants - 1) / tenants;
        long stepNanos = span.toNanos() / perTenant;
        List<Event> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String tenant = run + "-t" + (i % tenants);
            long index = i / tenants;
            // the last event of a tenant lands 1 ms before the end of the span's last minute
            Instant time = start.plusNanos(stepNanos * (index + 1)).minusMillis(1);
            String severity = SEVERITIES[random.nextInt(SEVERITIES.length)];
            String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
            String json = "{\"id\":\"k-" + i + "\",\"time\":\"" + time + "\",\"tenant\":\"" + tenant
                    + "\",\"source\":\"reliability\",\"category\":\"" + category + "\",\"action\":\"alert\""
                    + ",\"outcome\":\"" + OUTCOMES[random.nextInt(OUTCOMES.length)] + "\",\"severity\":\""
                    + severity + "\",\"entities\":{\"host\":\"h" + random.nextInt(20) + "\",\"user\":\"u"
                    + random.nextInt(30) + "\",\"srcIp\":\"10.1.0." + random.nextInt(60) + "\",\"dstIp\":\"10.2.0."
                    + random.nextInt(40) + "\",\"dstPort\":" + (1000 + random.nextInt(12)) + "},\"signature\":\"sig-"
                    + random.nextInt(15) + "\"}";
            events.add(new Event(tenant, json.getBytes(StandardCharsets.UTF_8)));
        }
        return events;
    }
}
