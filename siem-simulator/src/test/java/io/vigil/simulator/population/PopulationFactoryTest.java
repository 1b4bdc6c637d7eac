package io.vigil.simulator.population;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PopulationFactoryTest {

    @Test
    void aTenantHasTheSameStablePopulationEveryTime() {
        assertThat(PopulationFactory.create("acme")).isEqualTo(PopulationFactory.create("acme"));
    }

    @Test
    void populationIsPlausibleAndPrivateAddressesAreTheTenantsOwn() {
        TenantPopulation acme = PopulationFactory.create("acme");
        TenantPopulation globex = PopulationFactory.create("globex");

        assertThat(acme.workstations()).hasSizeGreaterThanOrEqualTo(24).allMatch(h -> h.ip().startsWith("10."));
        assertThat(acme.servers()).anyMatch(Host::windows).anyMatch(h -> !h.windows());
        assertThat(acme.users()).doesNotHaveDuplicates().contains("administrator");
        assertThat(acme.hostileIps()).noneMatch(ip -> ip.startsWith("10."));
        String acmeSubnet = acme.workstations().getFirst().ip().split("\\.")[1];
        assertThat(globex.workstations()).noneMatch(h -> h.ip().split("\\.")[1].equals(acmeSubnet));
        assertThat(acme.site().offset()).isEqualTo(ZoneOffset.ofHours(-5));
        assertThat(acme.site().domain()).isEqualTo("acme.local");
    }
}
