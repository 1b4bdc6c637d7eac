package io.vigil.gateway;

/** {@link BrokerOutageIT} again in delivery mode {@code relay}. */
class RelayBrokerOutageIT extends BrokerOutageIT {

    @Override
    String mode() {
        return "relay";
    }
}
