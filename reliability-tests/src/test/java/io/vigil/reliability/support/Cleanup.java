package io.vigil.reliability.support;

import java.util.ArrayList;
import java.util.List;

/**
 * What a check started (processes, proxies, clients, private brokers, topics), closed in reverse
 * order when the check ends; one failing close does not keep the others open.
 */
public final class Cleanup implements AutoCloseable {

    private final List<AutoCloseable> open = new ArrayList<>();

    public synchronized <T extends AutoCloseable> T add(T closeable) {
        open.add(closeable);
        return closeable;
    }

    @Override
    public synchronized void close() {
        for (AutoCloseable c : open.reversed()) {
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("closing " + c + ": " + e);
            }
        }
        open.clear();
    }
}
