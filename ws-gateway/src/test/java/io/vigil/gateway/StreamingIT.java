package io.vigil.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.contracts.alert.AlertState;
import io.vigil.contracts.score.ThreatLevel;
import io.vigil.gateway.StompTestClient.Frame;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * End to end through the real brokers: Kafka record to browser frame with its headers, snapshot then
 * live without gap or duplicate, tombstones as removals, resume after a gap and the too-old answer.
 */
class StreamingIT extends GatewayItBase {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void kafkaRecordReachesSubscriberWithKeyVersionPartitionOffset() {
        String tenant = It.tenant();
        StompTestClient client = connect(It.token("ana", tenant, "viewer"));
        List<Frame> live = client.subscribeConfirmed("/topic/" + tenant + ".scores");
        String key = Records.scoreKey(tenant, "10.0.0.5");

        It.send(producer(), TOPICS.scores(), key, Records.score(tenant, "10.0.0.5", 72.5, ThreatLevel.HIGH, 1));

        await().atMost(WAIT).untilAsserted(() -> assertThat(live).hasSize(1));
        Frame frame = live.getFirst();
        assertThat(frame.headers().getFirst("vigil-key")).isEqualTo(key);
        assertThat(frame.headers().getFirst("vigil-version")).isEqualTo("1");
        assertThat(frame.headers().getFirst("vigil-partition")).matches("[01]");
        assertThat(frame.headers().getFirst("vigil-offset")).matches("\\d+");
        assertThat(frame.headers().getFirst("vigil-op")).isEqualTo("upsert");
        assertThat(frame.body().get("score").asDouble()).isEqualTo(72.5);
        client.disconnect();
    }

    @Test
    void unsubscribingFromWhatTheGatewayAnswersItselfKeepsTheSessionOpen() {
        String tenant = It.tenant();
        StompTestClient client = connect(It.token("ana", tenant, "viewer"));
        List<Frame> snapshot = new CopyOnWriteArrayList<>();
        var snapshotSubscription = client.subscribe("/app/snapshot/scores", snapshot);
        var errorsSubscription = client.subscribe("/user/queue/errors", new CopyOnWriteArrayList<>());
        await().atMost(WAIT).untilAsserted(() -> assertThat(snapshot).hasSize(1));

        // never relayed, so RabbitMQ must not hear of them ("No subscription found" would close the session)
        snapshotSubscription.unsubscribe();
        errorsSubscription.unsubscribe();

        // two broker round trips after the UNSUBSCRIBEs: RabbitMQ has seen whatever reached it
        List<Frame> live = client.subscribeConfirmed("/topic/" + tenant + ".scores");
        It.send(
                producer(),
                TOPICS.scores(),
                Records.scoreKey(tenant, "10.0.0.9"),
                Records.score(tenant, "10.0.0.9", 12, ThreatLevel.LOW, 1));
        await().atMost(WAIT).untilAsserted(() -> assertThat(live).hasSize(1));
        client.subscribeConfirmed("/topic/" + tenant + ".alerts");
        assertThat(client.error).isNotDone();
        assertThat(client.connected()).isTrue();
        client.disconnect();
    }

    @Test
    void twoSubscriptionsToOneTopicEachGetEveryUpdateUntilUnsubscribed() {
        String tenant = It.tenant();
        StompTestClient client = connect(It.token("ana", tenant, "viewer"));
        List<Frame> first = new CopyOnWriteArrayList<>();
        var firstSubscription = client.subscribe("/topic/" + tenant + ".scores", first);
        List<Frame> second = client.subscribeConfirmed("/topic/" + tenant + ".scores");
        It.send(
                producer(),
                TOPICS.scores(),
                Records.scoreKey(tenant, "10.0.3.0"),
                Records.score(tenant, "10.0.3.0", 1, ThreatLevel.LOW, 1));
        await().atMost(WAIT).untilAsserted(() -> assertThat(first).hasSize(1));
        await().atMost(WAIT).untilAsserted(() -> assertThat(second).hasSize(1));
        assertThat(first.getFirst().headers().getSubscription())
                .isNotEqualTo(second.getFirst().headers().getSubscription());

        firstSubscription.unsubscribe();
        // frames of one session are handled concurrently: retry with a fresh update until one
        // reaches the remaining subscription after the UNSUBSCRIBE took effect
        int[] n = {0};
        await().atMost(WAIT).untilAsserted(() -> {
            String ip = "10.0.3." + (++n[0]);
            It.send(
                    producer(),
                    TOPICS.scores(),
                    Records.scoreKey(tenant, ip),
                    Records.score(tenant, ip, 2, ThreatLevel.LOW, 1));
            String key = Records.scoreKey(tenant, ip);
            await().atMost(WAIT)
                    .untilAsserted(() -> assertThat(second)
                            .extracting(f -> f.headers().getFirst("vigil-key"))
                            .contains(key));
            assertThat(first).extracting(f -> f.headers().getFirst("vigil-key")).doesNotContain(key);
        });
        assertThat(client.error).isNotDone();
        assertThat(client.connected()).isTrue();
        client.disconnect();
    }

    @Test
    void snapshotThenLiveHasNoGapAndNoDuplicate() {
        String tenant = It.tenant();
        String a = Records.scoreKey(tenant, "10.0.0.1");
        String b = Records.scoreKey(tenant, "10.0.0.2");
        It.send(producer(), TOPICS.scores(), a, Records.score(tenant, "10.0.0.1", 10, ThreatLevel.LOW, 1));
        It.send(producer(), TOPICS.scores(), b, Records.score(tenant, "10.0.0.2", 20, ThreatLevel.LOW, 1));
        StompTestClient client = connect(It.token("ana", tenant, "viewer"));
        // wait until the bridge has stored both, as a late-joining client would find them
        await().atMost(WAIT)
                .untilAsserted(() ->
                        assertThat(snapshot(client, "scores").get("items")).hasSize(2));

        List<Frame> live = client.subscribeConfirmed("/topic/" + tenant + ".scores");
        JsonNode snapshot = snapshot(client, "scores");
        It.send(producer(), TOPICS.scores(), a, Records.score(tenant, "10.0.0.1", 55, ThreatLevel.MEDIUM, 2));
        It.send(producer(), TOPICS.scores(), b, null); // tombstone

        await().atMost(WAIT).untilAsserted(() -> assertThat(live).hasSize(2));
        // the client's merge: snapshot items, then live frames newer than what the snapshot had
        Map<String, Long> versions = new HashMap<>();
        Map<String, Double> state = new HashMap<>();
        for (JsonNode item : snapshot.get("items")) {
            versions.put(item.get("key").asString(), item.get("version").asLong());
            state.put(item.get("key").asString(), item.get("value").get("score").asDouble());
        }
        int applied = 0;
        for (Frame frame : live) {
            String key = frame.headers().getFirst("vigil-key");
            if ("remove".equals(frame.headers().getFirst("vigil-op"))) {
                assertThat(frame.body().get("removed").asBoolean()).isTrue();
                state.remove(key);
                applied++;
            } else if (Long.parseLong(frame.headers().getFirst("vigil-version")) > versions.getOrDefault(key, 0L)) {
                state.put(key, frame.body().get("score").asDouble());
                applied++;
            }
        }
        assertThat(applied).isEqualTo(2);
        assertThat(state).containsExactly(Map.entry(a, 55.0));
        await().atMost(WAIT)
                .untilAsserted(() ->
                        assertThat(snapshot(client, "scores").get("items")).hasSize(1));
        client.disconnect();
    }

    @Test
    void resumeReturnsWhatWasMissedOrSaysTooOld() {
        String tenant = It.tenant();
        StompTestClient client = connect(It.token("ana", tenant, "viewer"));
        List<Frame> live = client.subscribeConfirmed("/topic/" + tenant + ".alerts");
        for (int i = 1; i <= 3; i++) {
            It.send(
                    producer(),
                    TOPICS.alerts(),
                    tenant + "-alert-" + i,
                    Records.alert(tenant, tenant + "-alert-" + i, AlertState.OPEN, 1));
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(live).hasSize(3));
        String firstSeq = live.getFirst().headers().getFirst("vigil-seq");
        assertThat(firstSeq).matches("\\d+-\\d+");
        client.disconnect();

        StompTestClient again = connect(It.token("ana", tenant, "viewer"));
        List<Frame> resumed = again.subscribe("/app/resume/alerts/" + firstSeq);
        await().atMost(WAIT).untilAsserted(() -> assertThat(resumed).hasSize(1));
        JsonNode answer = resumed.getFirst().body();
        assertThat(answer.get("tooOld").asBoolean()).isFalse();
        assertThat(answer.get("entries"))
                .extracting(e -> e.get("key").asString())
                .containsExactly(tenant + "-alert-2", tenant + "-alert-3");
        assertThat(answer.get("lastSeq").asString())
                .isEqualTo(live.getLast().headers().getFirst("vigil-seq"));

        List<Frame> tooOld = again.subscribe("/app/resume/alerts/1-0");
        await().atMost(WAIT).untilAsserted(() -> assertThat(tooOld).hasSize(1));
        assertThat(tooOld.getFirst().body().get("tooOld").asBoolean()).isTrue();
        assertThat(tooOld.getFirst().body().get("reason").asString()).startsWith("too old, take a fresh snapshot");

        List<Frame> state = again.subscribe("/app/resume/scores/" + firstSeq);
        await().atMost(WAIT).untilAsserted(() -> assertThat(state).hasSize(1));
        assertThat(state.getFirst().body().get("tooOld").asBoolean()).isTrue();
        again.disconnect();
    }

    @Test
    void unknownKindIsAnsweredOnTheErrorQueueWithoutClosing() {
        StompTestClient client = connect(It.token("ana", It.tenant(), "viewer"));
        List<Frame> errors = client.subscribe("/user/queue/errors");
        await().atMost(WAIT).untilAsserted(() -> {
            client.subscribe("/app/snapshot/bogus");
            await().atMost(Duration.ofSeconds(2)).until(() -> !errors.isEmpty());
        });
        assertThat(errors.getFirst().body().get("error").asString()).startsWith("unknown kind 'bogus'");
        assertThat(client.connected()).isTrue();
        client.disconnect();
    }

    private static JsonNode snapshot(StompTestClient client, String kind) {
        List<Frame> frames = client.subscribe("/app/snapshot/" + kind);
        await().atMost(WAIT).untilAsserted(() -> assertThat(frames).hasSize(1));
        return frames.getFirst().body();
    }
}
