package io.vigil.reliability.faults;

import static io.vigil.testsupport.LocalService.KAFKA;
import static io.vigil.testsupport.LocalService.RABBITMQ;
import static io.vigil.testsupport.LocalService.RABBITMQ_STOMP;
import static io.vigil.testsupport.LocalService.REDIS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.e2e.ServiceProcess;
import io.vigil.reliability.support.FaultStack;
import io.vigil.reliability.support.Results;
import io.vigil.reliability.support.ScoreFeed;
import io.vigil.reliability.support.ViewClient;
import io.vigil.testsupport.RequiresLocalServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * One of two gateway instances (one bridge consumer group, one Redis prefix, as deployed) is killed
 * with SIGKILL under steady load: its clients reconnect to the other with jittered back-off, take
 * a snapshot and follow the live topic again, and every client's view ends equal to the server's
 * state (divergent entities: 0); the surviving bridge takes over the dead one's partitions and
 * loses no record.
 */
@RequiresLocalServices({KAFKA, RABBITMQ, RABBITMQ_STOMP, REDIS})
class GatewayKillIT {

    @AutoClose
    static FaultStack stack;

    @Test
    void clientsOfAKilledGatewayResumeOnTheOtherWithoutDivergence() throws Exception {
        stack = FaultStack.create("gk");
        ServiceProcess doomed = stack.start(stack.gateway());
        ServiceProcess survivor = stack.start(stack.gateway());
        String tenant = stack.run;
        ScoreFeed feed = stack.add(new ScoreFeed(stack.kafka(), tenant, 40).start(Duration.ofMillis(25)));
        List<ViewClient> onDoomed = stack.viewers(10, "user-d", tenant, List.of(doomed.port(), survivor.port()));
        List<ViewClient> onSurvivor = stack.viewers(10, "user-s", tenant, List.of(survivor.port(), doomed.port()));
        List<ViewClient> all = new ArrayList<>(onDoomed);
        all.addAll(onSurvivor);
        await("every client connected and following the scores")
                .atMost(Duration.ofSeconds(60))
                .until(() ->
                        all.stream().allMatch(c -> c.connected() && c.view().size() >= 10));

        doomed.kill();
        long producedAtKill = feed.produced();
        await("the killed instance's clients to reconnect to the other")
                .atMost(Duration.ofSeconds(90))
                .until(() -> onDoomed.stream().allMatch(c -> c.connections() >= 2 && c.connected()));
        await("more updates after the failover")
                .atMost(Duration.ofSeconds(60))
                .until(() -> feed.produced() >= producedAtKill + 200);
        feed.stop();

        Map<String, Long> server = feed.serverState();
        int divergent = FaultStack.awaitConverged(server, all, Duration.ofSeconds(150));
        int moved = (int) onDoomed.stream().filter(c -> c.connections() >= 2).count();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("gateway instances", 2);
        figures.put("kill -9", 1);
        figures.put("clients", all.size());
        figures.put("clients moved to the survivor", moved + " of " + onDoomed.size());
        figures.put(
                "failed reconnect attempts (retried with back-off)",
                all.stream().mapToInt(ViewClient::failedAttempts).sum());
        figures.put("score updates produced", feed.produced());
        figures.put("entities", server.size());
        figures.put("divergent entities (all clients)", divergent);
        boolean held = divergent == 0 && moved == onDoomed.size() && survivor.healthy();
        Results.record(
                "7-gateway-instance-kill9",
                "One of two gateway instances killed (-9) under load: clients move over and resume",
                figures,
                held,
                GatewayKillIT.class);
        assertThat(moved).isEqualTo(onDoomed.size());
        assertThat(divergent).as("divergent entities over all clients").isZero();
    }
}
