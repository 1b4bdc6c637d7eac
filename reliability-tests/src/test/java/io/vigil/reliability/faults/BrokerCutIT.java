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
import io.vigil.reliability.support.TcpProxy;
import io.vigil.reliability.support.ViewClient;
import io.vigil.testsupport.LocalService;
import io.vigil.testsupport.RequiresLocalServices;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * RabbitMQ goes away under load, for this gateway only: its STOMP relay and its AMQP connection
 * (bridge) go through TCP proxies that are cut and restored (the shared broker is not restarted;
 * e2e-tests' BrokerRestartIT restarts the real one). Every client is told (its session ends),
 * reconnects with jittered back-off — a connection storm the gateway must absorb — and after the
 * resume each client's view equals the server's state: nothing the bridge took from Kafka during
 * the outage is lost.
 */
@RequiresLocalServices({KAFKA, RABBITMQ, RABBITMQ_STOMP, REDIS})
class BrokerCutIT {

    @AutoClose
    static FaultStack stack;

    @Test
    void clientsAreToldReconnectAndResumeAndTheBridgeLosesNothing() throws Exception {
        stack = FaultStack.create("bc");
        TcpProxy stomp = stack.add(new TcpProxy(LocalService.RABBITMQ_STOMP.port()));
        TcpProxy amqp = stack.add(new TcpProxy(LocalService.RABBITMQ.port()));
        ServiceProcess gateway = stack.start(stack.gateway()
                .property("vigil.relay.port", stomp.port())
                .property("spring.rabbitmq.port", amqp.port()));
        String tenant = stack.run;
        ScoreFeed feed = stack.add(new ScoreFeed(stack.kafka(), tenant, 40).start(Duration.ofMillis(25)));
        List<ViewClient> clients = stack.viewers(30, "user-", tenant, List.of(gateway.port()));
        try {
            await("every client following the scores")
                    .atMost(Duration.ofSeconds(90))
                    .until(() -> clients.stream()
                            .allMatch(c -> c.connected() && c.view().size() == 40));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(
                    "clients not following before the cut; how their sessions ended: "
                            + clients.stream()
                                    .map(ViewClient::lastError)
                                    .distinct()
                                    .toList(),
                    e);
        }

        int proxiedBefore = stomp.accepted();
        stomp.cut();
        amqp.cut();
        await("every client told (session ended)")
                .atMost(Duration.ofSeconds(60))
                .until(() -> clients.stream().noneMatch(ViewClient::connected));
        long atCut = feed.produced();
        await("updates produced while RabbitMQ is away")
                .atMost(Duration.ofSeconds(60))
                .until(() -> feed.produced() >= atCut + 200);
        stomp.restore();
        amqp.restore();
        await("every client back")
                .atMost(Duration.ofSeconds(120))
                .until(() -> clients.stream().allMatch(c -> c.connected() && c.connections() >= 2));
        long atResume = feed.produced();
        await("updates after the resume").atMost(Duration.ofSeconds(60)).until(() -> feed.produced() >= atResume + 100);
        feed.stop();

        int divergent = FaultStack.awaitConverged(feed.serverState(), clients, Duration.ofSeconds(120));
        int refusedAttempts =
                clients.stream().mapToInt(ViewClient::failedAttempts).sum();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("broker cuts (STOMP + AMQP)", 1);
        figures.put(
                "clients told and reconnected",
                clients.stream().filter(c -> c.connections() >= 2).count());
        figures.put("reconnect attempts refused during the outage (jittered back-off)", refusedAttempts);
        figures.put("relay connections through the proxy (before / total)", proxiedBefore + " / " + stomp.accepted());
        figures.put("score updates produced", feed.produced());
        figures.put("of which during the outage", atResume - atCut);
        figures.put("divergent entities (all clients)", divergent);
        figures.put("gateway healthy after", gateway.healthy());
        boolean held = divergent == 0 && gateway.healthy();
        Results.record(
                "9-rabbitmq-outage",
                "RabbitMQ cut under load (TCP proxies): clients told, reconnect with back-off, views equal the server",
                figures,
                held,
                BrokerCutIT.class);
        assertThat(divergent).as("divergent entities over all clients").isZero();
        assertThat(gateway.healthy()).isTrue();
    }
}
