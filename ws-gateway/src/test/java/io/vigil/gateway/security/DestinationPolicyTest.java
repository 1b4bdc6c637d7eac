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
            assertThat(DestinationPolicy.subscribe(user(Role.VIEWER), "/topic/acme." + kind))
                    .isEmpty();
        }
    }

    @Test
    void otherTenantsAndWildcardsAreRefusedWithReasons() {
        assertThat(DestinationPolicy.subscribe(user(Role.ADMIN), "/topic/other.scores"))
                .hasValue("Forbidden: tenant 'acme' may not subscribe to /topic/other.scores");
        assertThat(DestinationPolicy.subscribe(user(Role.ADMIN), "/topic/#"))
                .get()
                .asString()
                .startsWith("Forbidden: no such destination for clients: /topic/#");
        assertThat(DestinationPolicy.subscribe(user(Role.ADMIN), "/topic/acme.*"))
                .isPresent();
        assertThat(DestinationPolicy.subscribe(user(Role.ADMIN), "/queue/anything"))
                .isPresent();
        assertThat(DestinationPolicy.subscribe(user(Role.ADMIN), "/topic/acme.unknown"))
                .isPresent();
        assertThat(DestinationPolicy.subscribe(user(Role.ADMIN), null)).isPresent();
    }

    @Test
    void opsTopicsNeedAdmin() {
        assertThat(DestinationPolicy.subscribe(user(Role.ANALYST), "/topic/ops.tasks"))
                .hasValue("Forbidden: /topic/ops.tasks needs role admin");
        assertThat(DestinationPolicy.subscribe(user(Role.ADMIN), "/topic/ops.tasks"))
                .isEmpty();
    }

    @Test
    void appAndLocalQueuesAreAllowed() {
        assertThat(DestinationPolicy.subscribe(user(Role.VIEWER), "/app/snapshot/scores"))
                .isEmpty();
        assertThat(DestinationPolicy.subscribe(user(Role.VIEWER), "/app/resume/alerts/17-0"))
                .isEmpty();
        assertThat(DestinationPolicy.subscribe(user(Role.VIEWER), "/user/queue/replies"))
                .isEmpty();
        assertThat(DestinationPolicy.subscribe(user(Role.VIEWER), "/user/queue/other"))
                .isPresent();
    }

    @Test
    void alertCommandsNeedAnalystAndNothingElseMayBeSent() {
        String command = "/app/alerts/acme/score.ip_10.0.0.5.1c2f3a4b-1/ack";
        assertThat(DestinationPolicy.send(user(Role.VIEWER), command))
                .hasValue("Forbidden: " + command + " needs role analyst");
        assertThat(DestinationPolicy.send(user(Role.ANALYST), command)).isEmpty();
        assertThat(DestinationPolicy.send(user(Role.ADMIN), "/app/alerts/acme/fan_out.ip_1.2.3.4.10ab-12/resolve"))
                .isEmpty();
        assertThat(DestinationPolicy.send(user(Role.ADMIN), "/topic/acme.alerts"))
                .get()
                .asString()
                .startsWith("Forbidden: clients may only SEND to /app/alerts/{tenant}/{token}/ack");
        assertThat(DestinationPolicy.send(user(Role.ADMIN), "/app/alerts/acme/a1/delete"))
                .isPresent();
    }

    @Test
    void alertIdsMustBeWellFormedAndOfTheOwnTenant() {
        assertThat(DestinationPolicy.send(user(Role.ANALYST), "/app/alerts/other/score.x.1f-1/ack"))
                .hasValue("Forbidden: tenant 'acme' may not command alerts of tenant 'other'");
        for (String id :
                new String[] {"a1", "acme/a/b", "acme/a%2Fb", "acme/" + "x".repeat(161), "acme/a b", "acme/"}) {
            assertThat(DestinationPolicy.send(user(Role.ANALYST), "/app/alerts/" + id + "/ack"))
                    .as(id)
                    .get()
                    .asString()
                    .startsWith("Refused: not an alert id: ");
        }
        assertThat(DestinationPolicy.send(user(Role.ANALYST), "/app/alerts/acme/" + "x".repeat(160) + "/ack"))
                .isEmpty();
    }
}
