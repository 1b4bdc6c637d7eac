package io.vigil.gateway;

/** {@link TwoInstancesIT} again in delivery mode {@code relay}. */
class RelayTwoInstancesIT extends TwoInstancesIT {

    @Override
    String mode() {
        return "relay";
    }
}
