package io.vigil.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DestinationPolicyTest {

    private static GatewayUser user(Role role) {
        return new GatewayUser("ana", "acme", role.withIncluded(), Instant.now().plusSeconds(60));
    }

    @Test
    void ownTenantTopicsAreAllowed() {
        for (String kind : new String[] {"scores", "metrics", "anomalies", "alerts", "presence"}) {
            assertThat(DestinationPolicy.subscribe(user(Role.VIEWER), "/topic/acme." + kind)).isEmpty();
        }
    }

    @Test
    void otherTenantsAndWildcardsAreRefusedWithReasons() {
        assertThat(DestinationPolicy.subscribe(user(Role.ADMIN), "/topic/other.scores"))
                .hasValue("Forbidden: tenant 'acme' may not subscribe to /topic/other.scores");
        assertThat(DestinationPolicy.subscribe(user(Role.ADMIN), "/topic/#")).get().asString()
                .startsWith("Forbidden: no such destination for clients: /topic/#");
        assertThat(DestinationPolicy.subscribe(user(Role.ADMIN), "/topic/acme.*")).isPresent();
        assertThat(DestinationPolicy.subscribe(user(Role.ADMIN), "/queue/anything")).isPresent();
        assertThat(DestinationPolicy.subscribe(user(Role.ADMIN), "/topic/acme.unknown")).isPresent();
        assertThat(DestinationPolicy.subscribe(user(Role.ADMIN), null)).isPresent();
    }

    @Test
    void opsTopicsNeedAdmin() {
        assertThat(DestinationPolicy.subscribe(user(Role.ANALYST), "/topic/ops.tasks"))
                .hasValue("Forbidden: /topic/ops.tasks needs role admin");
        assertThat(DestinationPolicy.subscribe(user(Role.ADMIN), "/topic/ops.tasks")).isEmpty();
    }

    @Test
    void appAndLocalQueuesAreAllowed() {
        assertThat(DestinationPolicy.subscribe(user(Role.VIEWER), "/app/snapshot/scores")).isEmpty();
        assertThat(DestinationPolicy.subscribe(user(Role.VIEWER), "/app/resume/alerts/17-0")).isEmpty();
        assertThat(DestinationPolicy.subscribe(user(Role.VIEWER), "/user/queue/replies")).isEmpty();
        assertThat(DestinationPolicy.subscribe(user(Role.VIEWER), "/user/queue/other")).isPresent();
    }

    @Test
    void alertCommandsNeedAnalystAndNothingElseMayBeSent() {
        assertThat(DestinationPolicy.send(user(Role.VIEWER), "/app/alerts/a1/ack"))
                .hasValue("Forbidden: /app/alerts/a1/ack needs role analyst");
        assertThat(DestinationPolicy.send(user(Role.ANALYST), "/app/alerts/a1/ack")).isEmpty();
        assertThat(DestinationPolicy.send(user(Role.ADMIN), "/app/alerts/a1/resolve")).isEmpty();
        assertThat(DestinationPolicy.send(user(Role.ADMIN), "/topic/acme.alerts")).isPresent();
        assertThat(DestinationPolicy.send(user(Role.ADMIN), "/app/alerts/a1/delete")).isPresent();
    }
}
