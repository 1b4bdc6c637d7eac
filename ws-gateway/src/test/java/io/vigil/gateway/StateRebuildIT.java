package io.vigil.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.contracts.score.ThreatLevel;
import io.vigil.gateway.StompTestClient.Frame;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Redis loses the gateway's data (its keys are deleted, as a restart of a Redis without persistence
 * would): the gateway notices, rebuilds the latest state from the compacted topics, and a client
 * subscribing afterwards gets every entity in its snapshot, also those that did not change since;
 * clients connected throughout get no replay of old records. While a rebuild is not done, snapshots
 * wait for it, then say they are incomplete; a rebuild whose owner went silent is taken over.
 */
class StateRebuildIT extends GatewayItBase {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String MARKER = REDIS_PREFIX + ":state";

    @Autowired
    MeterRegistry meters;

    @Autowired
    StringRedisTemplate redis;

    @Test
    void afterRedisLostItsDataALateSnapshotHasEveryEntityAndNothingOldIsSentLive() throws Exception {
        String tenant = It.tenant();
        StompTestClient throughout = connect(It.token("ana", tenant, "viewer"));
        List<Frame> live = throughout.subscribeConfirmed("/topic/" + tenant + ".scores");
        int entities = 12;
        for (int i = 0; i < entities; i++) {
            It.send(
                    producer(),
                    TOPICS.scores(),
                    Records.scoreKey(tenant, "10.9.0." + i),
                    Records.score(tenant, "10.9.0." + i, 10 + i, ThreatLevel.LOW, 1));
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(live).hasSize(entities));
        // the first start's rebuild is done (by this instance, or by the Relay…IT context sharing the prefix)
        await().atMost(WAIT).until(() -> "complete".equals(redis.opsForHash().get(MARKER, "phase")));
        Object epochBefore = redis.opsForHash().get(MARKER, "epoch");

        It.deleteRedisKeys(REDIS_PREFIX);
        // one entity changes after the loss: the bridge writes it into the empty Redis at once
        String changed = Records.scoreKey(tenant, "10.9.0.0");
        It.send(producer(), TOPICS.scores(), changed, Records.score(tenant, "10.9.0.0", 90, ThreatLevel.HIGH, 2));

        StompTestClient late = connect(It.token("bob", tenant, "viewer"));
        List<Frame> snapshot = late.subscribe("/app/snapshot/scores");
        await().atMost(WAIT).untilAsserted(() -> assertThat(snapshot).hasSize(1));
        JsonNode body = snapshot.getFirst().body();
        assertThat(body.path("complete").asBoolean(false))
                .as("snapshot complete: %s", body)
                .isTrue();
        Map<String, Long> versions = new HashMap<>();
        body.path("items")
                .forEach(item -> versions.put(
                        item.path("key").asString(), item.path("version").asLong()));
        assertThat(versions).as("every entity, at its latest version").hasSize(entities);
        for (int i = 1; i < entities; i++) {
            assertThat(versions).containsEntry(Records.scoreKey(tenant, "10.9.0." + i), 1L);
        }
        assertThat(versions).containsEntry(changed, 2L);
        assertThat(redis.opsForHash().get(MARKER, "epoch"))
                .as("a new epoch: the loss was noticed and the store rebuilt")
                .isNotNull()
                .isNotEqualTo(epochBefore);

        // the rebuild restored Redis only: the client connected throughout got the one new update
        await().atMost(WAIT).untilAsserted(() -> assertThat(live).hasSize(entities + 1));
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(live).hasSize(entities + 1));
        assertThat(live.getLast().headers().getFirst("vigil-key")).isEqualTo(changed);

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(
                                JSON.readTree(get("/actuator/health", null).body())
                                        .at("/components/stateRebuild/details/state")
                                        .asString())
                        .isEqualTo("complete"));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(meters.get("vigil.bridge.rebuild.active")
                                .gauge()
                                .value())
                        .isZero());
        assertThat(meters.get("vigil.bridge.rebuilds")
                        .tag("outcome", "completed")
                        .counter()
                        .count())
                .as("rebuilds completed by this instance (each start's, at least)")
                .isPositive();
        throughout.disconnect();
        late.disconnect();
    }

    @Test
    void whileTheRebuildIsStuckSnapshotsSayTheyAreIncompleteAndALapsedLeaseIsTakenOver() {
        String tenant = It.tenant();
        String key = Records.scoreKey(tenant, "10.9.1.1");
        It.send(producer(), TOPICS.scores(), key, Records.score(tenant, "10.9.1.1", 20, ThreatLevel.LOW, 1));
        StompTestClient client = connect(It.token("ana", tenant, "viewer"));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(snapshot(client).path("items")).hasSize(1));

        // another instance claimed a rebuild and went silent, with its lease still running
        String marker = MARKER;
        long inTwoMinutes = System.currentTimeMillis() + 120_000;
        redis.opsForHash()
                .putAll(
                        marker,
                        Map.of(
                                "phase", "rebuilding",
                                "epoch", "it-stuck",
                                "owner", "crashed-instance",
                                "attempt", "it-stuck",
                                "leaseUntil", Long.toString(inTwoMinutes)));
        JsonNode partial = snapshot(client); // answered after vigil.state.rebuild.snapshot-wait
        assertThat(partial.path("complete").asBoolean(true))
                .as("flagged: %s", partial)
                .isFalse();
        assertThat(partial.path("incomplete").asString()).contains("being rebuilt");
        assertThat(partial.path("retryAfterMs").asLong()).isPositive();
        assertThat(meters.get("vigil.snapshot.incomplete").counter().count()).isPositive();
        assertThat(meters.get("vigil.bridge.rebuild.active").gauge().value()).isOne();

        // its lease lapses: this instance takes the rebuild over and completes it
        redis.opsForHash().put(marker, "leaseUntil", "0");
        await().atMost(WAIT)
                .untilAsserted(() ->
                        assertThat(redis.opsForHash().get(marker, "phase")).isEqualTo("complete"));
        assertThat(redis.opsForHash().get(marker, "owner")).isNotEqualTo("crashed-instance");
        JsonNode whole = snapshot(client);
        assertThat(whole.path("complete").asBoolean(false)).isTrue();
        assertThat(whole.path("items")).hasSize(1);
        client.disconnect();
    }

    private static JsonNode snapshot(StompTestClient client) {
        List<Frame> reply = client.subscribe("/app/snapshot/scores");
        await().atMost(WAIT).untilAsserted(() -> assertThat(reply).hasSize(1));
        return reply.getFirst().body();
    }
}
