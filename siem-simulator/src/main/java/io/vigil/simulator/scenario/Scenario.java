package io.vigil.simulator.scenario;

import io.vigil.simulator.population.TenantPopulation;
import io.vigil.simulator.traffic.Activity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * An attack, planned in full up front: the activities it consists of, each with its own event
 * time from {@code start} on. The simulation releases them as its clock reaches them, which is why
 * tests can check a scenario's shape without waiting for it.
 */
public interface Scenario {

    /** Its name, as on the command line and in status lines. */
    String name();

    /** How long the attack lasts from its first to its last activity, roughly. */
    Duration length();

    /** Every activity of one run of the attack against {@code tenant}, tagged with {@link #name()}. */
    List<Activity> plan(Instant start, TenantPopulation tenant, RandomGenerator random);
}
