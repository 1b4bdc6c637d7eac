package io.vigil.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.gateway.state.StateEntry;
import io.vigil.gateway.state.StateStore;
import io.vigil.gateway.stream.Kind;
import io.vigil.gateway.stream.TenantTopic;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The latest state in Redis only moves forward in version, atomically: an older record arriving late
 * (redelivery, two bridge instances during a rebalance) never replaces a newer one; tombstones always
 * remove. Records restored by a rebuild never undo what the bridge wrote meanwhile.
 */
class StateStoreIT extends GatewayItBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    StateStore state;

    @Autowired
    StringRedisTemplate redis;

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

    @Test
    void aRestoredRecordNeverUndoesWhatTheBridgeWroteMeanwhile() {
        String tenant = It.tenant();
        TenantTopic scores = new TenantTopic(tenant, Kind.SCORES);
        String kept = Records.scoreKey(tenant, "10.0.0.7");
        state.apply(scores, entry(kept, 3, 30), true);
        assertThat(state.restore(scores, entry(kept, 1, 10), true, 0)).isFalse();
        assertThat(state.restore(scores, tombstone(kept, 5), true, 0))
                .as("a tombstone older than what the bridge wrote")
                .isFalse();
        assertThat(state.get(tenant, Kind.SCORES, kept).orElseThrow().version()).isEqualTo(3);
        String gone = Records.scoreKey(tenant, "10.0.0.9");
        state.restore(scores, entry(gone, 1, 1), true, 0);
        assertThat(state.restore(scores, tombstone(gone, 2), true, 0)).isTrue();
        assertThat(state.get(tenant, Kind.SCORES, gone)).isEmpty();

        // while a rebuild runs, a key the bridge removes stays removed whatever older record the
        // rebuild reads afterwards (a rebuild "of another instance", its lease running)
        String marker = REDIS_PREFIX + ":state";
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "complete".equals(redis.opsForHash().get(marker, "phase")));
        Map<Object, Object> before = redis.opsForHash().entries(marker);
        redis.opsForHash()
                .putAll(
                        marker,
                        Map.of(
                                "phase",
                                "rebuilding",
                                "leaseUntil",
                                Long.toString(System.currentTimeMillis() + 60_000)));
        try {
            String removed = Records.scoreKey(tenant, "10.0.0.8");
            state.apply(scores, entry(removed, 2, 20), true);
            state.apply(scores, tombstone(removed, 40), true);
            assertThat(state.restore(scores, entry(removed, 2, 20), true, 0)).isFalse();
            assertThat(state.get(tenant, Kind.SCORES, removed)).isEmpty();
        } finally {
            redis.delete(marker);
            redis.opsForHash().putAll(marker, before);
            redis.delete(REDIS_PREFIX + ":rebuild-removals");
        }
    }

    private static StateEntry tombstone(String key, long offset) {
        return new StateEntry(key, 0, 0, offset, null, true, null);
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
