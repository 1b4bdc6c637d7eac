package io.vigil.reliability.faults;

import static io.vigil.testsupport.LocalService.KAFKA;
import static io.vigil.testsupport.LocalService.RABBITMQ;
import static io.vigil.testsupport.LocalService.RABBITMQ_STOMP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.e2e.ServiceProcess;
import io.vigil.reliability.support.FaultStack;
import io.vigil.reliability.support.PrivateRedis;
import io.vigil.reliability.support.Results;
import io.vigil.reliability.support.ScoreFeed;
import io.vigil.reliability.support.ViewClient;
import io.vigil.testsupport.RequiresLocalServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway's Redis (a private instance) crashes and comes back empty under load; afterwards only
 * half the entities keep changing. Clients connected throughout must converge on the server's state
 * (the scores topic) and presence must list the connected users again. A client that connects after
 * the restart must see the same state too, including the entities not updated since the crash
 * (finding 8, fixed: the gateway notices that its state marker is gone and rebuilds Redis from the
 * compacted topics; snapshots wait for the rebuild or say they are incomplete).
 */
@RequiresLocalServices({KAFKA, RABBITMQ, RABBITMQ_STOMP})
class RedisOutageIT {

    @AutoClose
    static FaultStack stack;

    static ServiceProcess gateway;
    static ScoreFeed feed;
    static final List<ViewClient> THROUGHOUT = new ArrayList<>();

    @BeforeAll
    static void crashRedisUnderLoad() throws Exception {
        stack = FaultStack.create("rd");
        PrivateRedis redis = stack.add(new PrivateRedis().start());
        gateway = stack.start(stack.gateway()
                .property("spring.data.redis.port", redis.port())
                .property("vigil.presence.refresh", "2s")
                .property("vigil.presence.ttl", "10s"));
        feed = stack.add(new ScoreFeed(stack.kafka(), stack.run, 40).start(Duration.ofMillis(25)));
        THROUGHOUT.addAll(stack.viewers(5, "u", stack.run, List.of(gateway.port())));
        await("clients following all 40 entities")
                .atMost(Duration.ofSeconds(60))
                .until(() -> THROUGHOUT.stream().allMatch(c -> c.view().size() == 40));
        await("presence lists the 5 users").atMost(Duration.ofSeconds(30)).until(() -> presenceUsers() == 5);

        // from now on only half the entities change: the other half's state exists only in Kafka and
        // in the Redis that is about to lose it
        feed.onlyFirst(20);
        redis.kill();
        long atCrash = feed.produced();
        await("updates produced while Redis is down")
                .atMost(Duration.ofSeconds(30))
                .until(() -> feed.produced() >= atCrash + 100);
        redis.start();
        long atRestart = feed.produced();
        await("updates after the restart")
                .atMost(Duration.ofSeconds(60))
                .until(() -> feed.produced() >= atRestart + 200);
        feed.stop();
    }

    @Test
    void clientsConnectedThroughoutAndPresenceAreWholeAgain() throws Exception {
        Map<String, Long> server = feed.serverState();
        int divergent = FaultStack.awaitConverged(server, THROUGHOUT, Duration.ofSeconds(90));
        try {
            await("presence rebuilt").atMost(Duration.ofSeconds(30)).until(() -> presenceUsers() >= 5);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // reported below
        }
        int presence = presenceUsers();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("Redis crashes (empty on restart)", 1);
        figures.put("score updates produced", feed.produced());
        figures.put("entities", server.size());
        figures.put("divergent entities, clients connected throughout", divergent);
        figures.put("presence users after (at least 5)", presence);
        figures.put("gateway healthy", gateway.healthy());
        Results.record(
                "8-redis-restart",
                "Redis crashes and restarts empty under load: views of connected clients and presence whole again",
                figures,
                divergent == 0 && presence >= 5,
                RedisOutageIT.class);
        assertThat(divergent)
                .as("divergent entities of clients connected throughout")
                .isZero();
        assertThat(presence).as("users in presence after the restart").isGreaterThanOrEqualTo(5);
    }

    @Test
    void aClientConnectingAfterTheRestartSeesEveryEntity() throws Exception {
        Map<String, Long> server = feed.serverState();
        ViewClient late = stack.viewer("late", stack.run, List.of(gateway.port()));
        int divergent = FaultStack.awaitConverged(server, List.of(late), Duration.ofSeconds(90));
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("entities", server.size());
        figures.put("of which not updated since the crash", server.size() - 20);
        figures.put("divergent entities, client connected after the restart", divergent);
        Results.record(
                "8b-redis-restart-late-snapshot",
                "Redis restarted empty: a client connecting afterwards gets every entity in its snapshot",
                figures,
                divergent == 0,
                RedisOutageIT.class);
        assertThat(divergent)
                .as("entities a client connecting after the Redis restart sees wrongly (missing or old)")
                .isZero();
    }

    static int presenceUsers() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/api/presence"))
                                .header("Authorization", "Bearer " + stack.token("probe", stack.run, "viewer"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return -1;
        }
        return tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .readTree(response.body())
                .path("users")
                .size();
    }
}
