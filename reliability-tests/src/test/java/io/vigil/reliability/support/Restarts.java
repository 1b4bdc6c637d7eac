package io.vigil.reliability.support;

import io.vigil.e2e.ServiceProcess;
import java.time.Duration;

/**
 * Starting a service process again after a fault. On the shared development machine another build
 * may be replacing the service's jar at that very moment (the process then exits, or hangs with a
 * dead main thread, before it is healthy); such a start is killed and tried again, up to three
 * times, rather than reported as a finding.
 */
public final class Restarts {

    private Restarts() {}

    public static ServiceProcess start(ServiceProcess process, Duration timeout) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return process.start(timeout);
            } catch (IllegalStateException | org.awaitility.core.ConditionTimeoutException e) {
                last = e;
                process.kill();
            }
        }
        throw last;
    }
}
