package io.vigil.stream.supervision;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a new stream thread whenever the client runs with fewer live threads than configured.
 *
 * <p>Kafka Streams replaces a failed thread only through the uncaught-exception handler, and a thread
 * can end without it: if the handler, or Kafka Streams' own logging around it, throws, the thread
 * dies silently (Kafka Streams installs a no-op Java uncaught-exception handler on its threads) and
 * the client keeps reporting RUNNING. This check does not depend on how the thread ended.
 */
public final class StreamThreadWatchdog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StreamThreadWatchdog.class);

    private final LocalStreamThreads threads;
    private final Runnable onReplaced;
    private final Duration interval;
    private ScheduledExecutorService executor;
    // Touched only by the one scheduler thread (or a test calling check()).
    private int checksMissing;

    /** {@code onReplaced} runs once per thread started (a metric). */
    public StreamThreadWatchdog(LocalStreamThreads threads, Runnable onReplaced, Duration interval) {
        this.threads = threads;
        this.onReplaced = onReplaced;
        this.interval = interval;
    }

    /** Checks every {@code interval} on a daemon thread of its own, until closed. */
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .daemon()
                .name("vigil-stream-thread-watchdog")
                .factory());
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(this::checkLogged, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void checkLogged() {
        try {
            check();
        } catch (RuntimeException e) {
            // an exception escaping a scheduled task would cancel every later check
            log.warn("Stream thread check failed; checking again in {}", interval, e);
        }
    }

    /**
     * One check. Threads are added only when two checks in a row found them missing: the
     * REPLACE_THREAD handler ends a failed thread before it starts the new one, and a thread added
     * in that gap would be one too many. Returns the number of threads started.
     */
    public int check() {
        Optional<StreamThreadCount> found = threads.count();
        if (found.isEmpty() || !found.get().missingThreads()) {
            checksMissing = 0;
            return 0;
        }
        StreamThreadCount count = found.get();
        if (++checksMissing < 2) {
            log.info("{}; starting a new one if that is still so in {}", count.describe(), interval);
            return 0;
        }
        checksMissing = 0;
        int started = 0;
        for (int i = count.live(); i < count.configured(); i++) {
            Optional<String> name = threads.add();
            if (name.isEmpty()) {
                break;
            }
            log.warn(
                    "{} in two checks {} apart: started {} (a stream thread ended without being replaced)",
                    count.describe(),
                    interval,
                    name.get());
            onReplaced.run();
            started++;
        }
        return started;
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }
}
