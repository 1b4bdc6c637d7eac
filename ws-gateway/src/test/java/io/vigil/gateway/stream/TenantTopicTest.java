package io.vigil.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TenantTopicTest {

    @Test
    void parsesTenantTopicDestinations() {
        assertThat(TenantTopic.parse("/topic/acme-1.scores")).hasValue(new TenantTopic("acme-1", Kind.SCORES));
        assertThat(new TenantTopic("acme", Kind.ALERTS).destination()).isEqualTo("/topic/acme.alerts");
        assertThat(new TenantTopic("acme", Kind.ALERTS).routingKey()).isEqualTo("acme.alerts");
    }

    @Test
    void refusesWildcardsReservedAndUnknownNames() {
        assertThat(TenantTopic.parse("/topic/*.scores")).isEmpty();
        assertThat(TenantTopic.parse("/topic/#.scores")).isEmpty();
        assertThat(TenantTopic.parse("/topic/a.b.scores")).isEmpty();
        assertThat(TenantTopic.parse("/topic/ops.scores")).isEmpty();
        assertThat(TenantTopic.parse("/topic/acme.tasks")).isEmpty();
        assertThat(TenantTopic.parse("/queue/acme.scores")).isEmpty();
        assertThat(TenantTopic.parse(null)).isEmpty();
        assertThat(TenantTopic.validTenant("ops")).isFalse();
        assertThat(TenantTopic.validTenant("a".repeat(65))).isFalse();
    }
}
