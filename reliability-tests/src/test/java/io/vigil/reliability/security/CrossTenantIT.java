package io.vigil.reliability.security;

import static io.vigil.reliability.support.Stomp.frame;
import static io.vigil.testsupport.LocalService.KAFKA;
import static io.vigil.testsupport.LocalService.RABBITMQ;
import static io.vigil.testsupport.LocalService.RABBITMQ_STOMP;
import static io.vigil.testsupport.LocalService.REDIS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.contracts.score.EntityType;
import io.vigil.contracts.score.ThreatLevel;
import io.vigil.contracts.score.ThreatScore;
import io.vigil.contracts.topic.Keys;
import io.vigil.contracts.topic.VigilSerdes;
import io.vigil.reliability.support.RawWebSocket;
import io.vigil.reliability.support.Results;
import io.vigil.reliability.support.Scale;
import io.vigil.reliability.support.SharedGateway;
import io.vigil.reliability.support.Stomp;
import io.vigil.reliability.support.Tokens;
import io.vigil.testsupport.RequiresLocalServices;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Thousands of attempts by one tenant to read or write another tenant's data through a real
 * gateway: other tenants' topics, wildcards, {@code /exchange/} and {@code /queue/} destinations
 * that bypass the topic prefix, other users' {@code /user/} destinations, and a repeated
 * {@code destination} header (first wins: no header injection). While the victim's data flows
 * (a legitimate subscriber of the victim receives it), the attacker must receive nothing and every
 * attempt must be refused.
 */
@RequiresLocalServices({KAFKA, RABBITMQ, RABBITMQ_STOMP, REDIS})
@ExtendWith(SharedGateway.class)
class CrossTenantIT {

    static List<String[]> attempts(String victim, String own) {
        List<String[]> list = new ArrayList<>();
        for (String kind : List.of("scores", "metrics", "anomalies", "alerts", "presence")) {
            list.add(new String[] {"SUBSCRIBE", "/topic/" + victim + "." + kind});
        }
        for (String d : List.of(
                "/topic/*.scores",
                "/topic/#",
                "/topic/*",
                "/topic/" + victim + ".*",
                "/topic/" + victim + ".#",
                "/topic/#.scores",
                "/topic/ops.tasks",
                "/topic/" + own + ".scores.#",
                "/topic/" + own + ".scores/../" + victim + ".scores",
                "/topic//" + victim + ".scores",
                "/topic/" + victim + "%2Escores",
                "/exchange/amq.topic/" + victim + ".scores",
                "/exchange/amq.topic/#",
                "/exchange/amq.topic/*.alerts",
                "/queue/" + victim + ".scores",
                "/amq/queue/tasks.retrain",
                "/temp-queue/x",
                "/user/victim-user/queue/replies",
                "/user/" + victim + "/queue/errors",
                "/user/queue/../../topic/" + victim + ".scores",
                "/app/../topic/" + victim + ".scores",
                "/app/snapshot/../../topic/" + victim + ".scores")) {
            list.add(new String[] {"SUBSCRIBE", d});
        }
        for (String d : List.of(
                "/topic/" + victim + ".scores",
                "/topic/" + victim + ".alerts",
                "/exchange/amq.topic/" + victim + ".scores",
                "/queue/" + victim + ".alerts",
                "/app/alerts/" + victim + "/score.ip_10.0.0.5.1c2f3a4b-1/ack",
                "/app/alerts/" + own + "/../" + victim + "/x-1/ack",
                "/user/victim-user/queue/replies",
                "/exchange/vigil.tasks/retrain")) {
            list.add(new String[] {"SEND", d});
        }
        return list;
    }

    @Test
    void anotherTenantsDataIsNeverDeliveredAndEveryAttemptIsRefused() throws Exception {
        SharedGateway.Instance gw = SharedGateway.get();
        String victim = gw.tenant("victim");
        String own = gw.tenant("mallory");
        int sessionsBefore = gw.awaitSessionsBackTo(0, Duration.ofSeconds(10));

        // the victim's legitimate subscriber, and the attacker's one injection session (kept open)
        RawWebSocket victimClient = Stomp.connect(gw.port(), token("victim-user", victim));
        victimClient.sendText(frame("SUBSCRIBE", "", "id:v", "destination:/topic/" + victim + ".scores", "receipt:v"));
        RawWebSocket injected = Stomp.connect(gw.port(), token("mallory", own));
        injected.sendText(frame(
                "SUBSCRIBE",
                "",
                "id:i",
                "destination:/topic/" + own + ".scores",
                "destination:/topic/" + victim + ".scores",
                "receipt:i"));
        assertThat(Stomp.awaitFrame(victimClient, "RECEIPT", Duration.ofSeconds(15)))
                .isTrue();
        assertThat(Stomp.awaitFrame(injected, "RECEIPT", Duration.ofSeconds(15)))
                .as("own subscription with a repeated destination header")
                .isTrue();

        List<String[]> kinds = attempts(victim, own);
        int total = Scale.attempts();
        int refused = 0;
        int attackerMessages = 0;
        int victimRecords = 0;
        Map<String, Integer> notRefused = new TreeMap<>();
        for (int i = 0; i < total; i++) {
            if (i % 25 == 0) {
                victimScore(gw, victim, "host-" + (i / 25), ++victimRecords);
            }
            String[] attempt = kinds.get(i % kinds.size());
            // ten attackers in turn: a refused session is released asynchronously (connection limit 5)
            try (RawWebSocket ws = Stomp.connect(gw.port(), token("mallory-" + (i % 10), own))) {
                String body = attempt[0].equals("SEND") ? "{\"forged\":true}" : "";
                ws.sendText(frame(attempt[0], body, "id:a" + i, "destination:" + attempt[1]));
                Stomp.awaitClose(ws, Duration.ofSeconds(10));
                String error = ws.errorMessage();
                boolean wasRefused = error != null
                        && (error.startsWith("Forbidden") || error.startsWith("Refused"))
                        && ws.closed().isDone();
                refused += wasRefused ? 1 : 0;
                if (!wasRefused) {
                    notRefused.merge(attempt[0] + " " + attempt[1] + " -> " + error, 1, Integer::sum);
                }
                attackerMessages += (int) ws.received().stream()
                        .filter(f -> f.startsWith("MESSAGE"))
                        .count();
            }
        }
        int expectedAtVictim = victimRecords;
        await("the victim's subscriber to receive its " + expectedAtVictim + " records")
                .atMost(Duration.ofSeconds(60))
                .until(() -> messages(victimClient) >= expectedAtVictim);
        attackerMessages += messages(injected);
        long forgedAtVictim = victimClient.received().stream()
                .filter(f -> f.contains("forged"))
                .count();
        victimClient.close();
        injected.close();
        int sessionsAfter = gw.awaitSessionsBackTo(sessionsBefore, Duration.ofSeconds(30));

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("attempts", total);
        figures.put("destinations tried", kinds.size() + 1);
        figures.put("refused", refused);
        figures.put("victim records delivered to the victim", messages(victimClient));
        figures.put("deliveries to the attacker", attackerMessages);
        figures.put("forged messages at the victim", forgedAtVictim);
        figures.put("sessions leaked", sessionsAfter - sessionsBefore);
        figures.put("not refused", notRefused);
        boolean held =
                refused == total && attackerMessages == 0 && forgedAtVictim == 0 && sessionsAfter == sessionsBefore;
        Results.record(
                "3-cross-tenant",
                "Cross-tenant SUBSCRIBE/SEND (other tenants, wildcards, /exchange, /queue, /user, repeated header)",
                figures,
                held,
                CrossTenantIT.class);
        assertThat(notRefused).as("attempts that were not refused").isEmpty();
        assertThat(attackerMessages).as("deliveries to the attacker").isZero();
        assertThat(forgedAtVictim).isZero();
        assertThat(sessionsAfter).isEqualTo(sessionsBefore);
    }

    static int messages(RawWebSocket ws) {
        return (int) ws.received().stream().filter(f -> f.startsWith("MESSAGE")).count();
    }

    static String token(String user, String tenant) {
        return Tokens.hs256(
                SharedGateway.SECRET, Tokens.claims(user, tenant, "analyst").build());
    }

    static void victimScore(SharedGateway.Instance gw, String tenant, String host, long n) {
        Instant now = Instant.now();
        ThreatScore score = new ThreatScore(
                tenant, EntityType.HOST, host, 50, ThreatLevel.MEDIUM, ThreatLevel.MEDIUM, List.of(), now, now, 1);
        String topic = gw.stack.topics().scores();
        gw.stack
                .kafka()
                .send(
                        topic,
                        Keys.entity(tenant, EntityType.HOST, host),
                        VigilSerdes.threatScore().serializer().serialize(topic, score));
    }
}
