package io.vigil.simulator.traffic;

import io.vigil.simulator.population.TenantPopulation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.random.RandomGenerator;

/**
 * The simulated world, advanced by an outside clock: each call to {@link #advance(Instant)} returns
 * the background activities that fell due since the previous call (at the configured rate, shaped
 * by each tenant's local time of day) plus the scheduled scenario activities whose time has come.
 * It never sleeps and never reads a clock itself, so tests drive it with made-up instants.
 */
public final class Simulation {

    /** After a long pause (GC, suspended laptop) do not catch up with a burst larger than this. */
    private static final Duration MAX_STEP = Duration.ofSeconds(5);

    private final List<TenantPopulation> tenants;
    private final double ratePerTenant;
    private final DailyShape shape;
    private final BackgroundTraffic background;
    private final RandomGenerator random;
    private final double[] owed;
    private final PriorityQueue<Activity> scheduled = new PriorityQueue<>(Comparator.comparing(Activity::time));
    private Instant last;

    public Simulation(
            List<TenantPopulation> tenants, double totalRatePerSecond, DailyShape shape, RandomGenerator random) {
        if (tenants.isEmpty()) {
            throw new IllegalArgumentException("at least one tenant is needed");
        }
        this.tenants = List.copyOf(tenants);
        this.ratePerTenant = totalRatePerSecond / tenants.size();
        this.shape = shape;
        this.random = random;
        this.background = new BackgroundTraffic(random);
        this.owed = new double[tenants.size()];
    }

    public List<TenantPopulation> tenants() {
        return tenants;
    }

    /** Queues scenario activities; each is returned by the first {@link #advance} at or after its time. */
    public void schedule(List<Activity> activities) {
        scheduled.addAll(activities);
    }

    public int pendingScenarioActivities() {
        return scheduled.size();
    }

    /** Everything due in (previous call, now], ordered by time. The first call only sets the start. */
    public List<Activity> advance(Instant now) {
        List<Activity> due = new ArrayList<>();
        if (last != null && now.isAfter(last)) {
            Instant from = now.minus(MAX_STEP).isAfter(last) ? now.minus(MAX_STEP) : last;
            double seconds = Duration.between(from, now).toNanos() / 1e9;
            for (int i = 0; i < tenants.size(); i++) {
                TenantPopulation tenant = tenants.get(i);
                owed[i] += ratePerTenant * shape.factor(now, tenant.site().offset()) * seconds;
                long count = (long) owed[i];
                owed[i] -= count;
                for (long n = 0; n < count; n++) {
                    long offsetNanos = (long) (random.nextDouble() * seconds * 1e9);
                    due.add(background.next(from.plusNanos(offsetNanos), tenant));
                }
            }
        }
        if (last == null || now.isAfter(last)) {
            last = now;
        }
        while (!scheduled.isEmpty() && !scheduled.peek().time().isAfter(now)) {
            due.add(scheduled.poll());
        }
        due.sort(Comparator.comparing(Activity::time));
        return due;
    }
}
