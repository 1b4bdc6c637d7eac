package io.vigil.gateway.stream;

/** Whether this instance's shared broker subscriptions are consuming (shared delivery mode only). */
@FunctionalInterface
public interface SharedSubscriptionHealth {

    boolean consuming();
}
