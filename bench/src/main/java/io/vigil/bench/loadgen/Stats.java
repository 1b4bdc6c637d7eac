package io.vigil.bench.loadgen;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Delivered frames and end-to-end latency of one worker, reset per measured step. Frames whose
 * record was produced before the step began (a previous step's backlog) are counted apart, so one
 * step's figures never include another's. Guarded by its monitor (callbacks come from the
 * WebSocket client's thread, stats requests from the command loop).
 */
final class Stats {

    private long frames;
    private long earlier;
    private long since;
    private Histogram latency = new Histogram();
    private long lost;
    private final Map<String, Long> lostReasons = new LinkedHashMap<>();

    synchronized void frame(long sentAt) {
        if (sentAt < since) {
            earlier++;
            return;
        }
        frames++;
        latency.add(System.currentTimeMillis() - sentAt);
    }

    synchronized void lost(String reason) {
        lost++;
        lostReasons.merge(reason, 1L, Long::sum);
    }

    /** The figures so far; with {@code reset}, starts a new step that counts records from {@code sinceMillis}. */
    synchronized Map<String, Object> take(boolean reset, long sinceMillis, int sessions) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("frames", frames);
        reply.put("earlier", earlier);
        reply.put("latency", latency.sparse());
        reply.put("lost", lost);
        reply.put("lostReasons", new LinkedHashMap<>(lostReasons));
        reply.put("held", sessions - lost);
        if (reset) {
            frames = 0;
            earlier = 0;
            latency = new Histogram();
            since = sinceMillis;
        }
        return reply;
    }

    synchronized void clearLost() {
        lost = 0;
        lostReasons.clear();
    }
}
