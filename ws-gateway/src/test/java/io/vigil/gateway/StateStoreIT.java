package io.vigil.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.gateway.state.StateEntry;
import io.vigil.gateway.state.StateStore;
import io.vigil.gateway.stream.Kind;
import io.vigil.gateway.stream.TenantTopic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * The latest state in Redis only moves forward in version, atomically: an older record arriving late
 * (redelivery, two bridge instances during a rebalance) never replaces a newer one; tombstones always
 * remove.
 */
class StateStoreIT extends GatewayItBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    StateStore state;

    @Test
    void anOlderVersionNeverReplacesANewerOne() {
        String tenant = It.tenant();
        TenantTopic scores = new TenantTopic(tenant, Kind.SCORES);
        String key = Records.scoreKey(tenant, "10.0.0.1");

        state.apply(scores, entry(key, 2, 20), true);
        state.apply(scores, entry(key, 1, 10), true);
        assertThat(state.get(tenant, Kind.SCORES, key)).get().satisfies(e -> {
            assertThat(e.version()).isEqualTo(2);
            assertThat(e.offset()).isEqualTo(20);
        });
        state.apply(scores, entry(key, 2, 21), true); // a duplicate of the held version changes nothing
        assertThat(state.get(tenant, Kind.SCORES, key).orElseThrow().offset()).isEqualTo(20);
        state.apply(scores, entry(key, 3, 30), true);
        assertThat(state.get(tenant, Kind.SCORES, key).orElseThrow().version()).isEqualTo(3);

        // a tombstone removes whatever is held
        state.apply(scores, new StateEntry(key, 0, 0, 40, null, true, null), true);
        assertThat(state.get(tenant, Kind.SCORES, key)).isEmpty();
    }

    @Test
    void aResolvedAlertLeavesOnlyIfItIsNotOlderThanWhatIsHeld() {
        String tenant = It.tenant();
        TenantTopic alerts = new TenantTopic(tenant, Kind.ALERTS);
        String id = Records.alertId(tenant, "10.0.0.5", 1);

        state.apply(alerts, entry(id, 3, 3), true); // acknowledged, version 3
        StateEntry staleResolution = state.apply(alerts, entry(id, 2, 2), false);
        assertThat(state.get(tenant, Kind.ALERTS, id).orElseThrow().version()).isEqualTo(3);
        assertThat(staleResolution.seq()).as("still in the resume history").isNotNull();

        state.apply(alerts, entry(id, 4, 4), false);
        assertThat(state.get(tenant, Kind.ALERTS, id)).isEmpty();
    }

    private static StateEntry entry(String key, long version, long offset) {
        return new StateEntry(
                key,
                version,
                0,
                offset,
                null,
                false,
                JSON.readTree("{\"key\":\"" + key + "\",\"version\":" + version + "}"));
    }
}
