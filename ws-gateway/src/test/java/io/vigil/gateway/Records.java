package io.vigil.gateway;

import io.vigil.contracts.alert.Alert;
import io.vigil.contracts.alert.AlertState;
import io.vigil.contracts.event.Severity;
import io.vigil.contracts.score.EntityType;
import io.vigil.contracts.score.ThreatLevel;
import io.vigil.contracts.score.ThreatScore;
import io.vigil.contracts.topic.Keys;
import io.vigil.contracts.topic.VigilSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Contract records as the stream processor would write them, serialised with the contract serdes. */
final class Records {

    private Records() {}

    static String scoreKey(String tenant, String ip) {
        return Keys.entity(tenant, EntityType.IP, ip);
    }

    static String score(String tenant, String ip, double score, ThreatLevel level, long version) {
        ThreatScore value = new ThreatScore(
                tenant, EntityType.IP, ip, score, level, level, List.of(), Instant.now(), Instant.now(), version);
        return new String(VigilSerdes.threatScore().serializer().serialize("t", value), StandardCharsets.UTF_8);
    }

    /** A real alert id ({@code <tenant>/<token>}, as the stream processor makes them) for a score alert. */
    static String alertId(String tenant, String ip, long n) {
        return io.vigil.contracts.topic.Keys.alert(
                io.vigil.contracts.topic.Keys.alertSeries(tenant, "score", "ip/" + ip), n);
    }

    static String alert(String tenant, String id, AlertState state, long version) {
        Alert value = new Alert(
                id,
                tenant,
                state,
                Severity.HIGH,
                tenant + "/ip/10.0.0.5",
                "score:critical",
                "Critical score",
                "score went to 95",
                Instant.now(),
                Instant.now(),
                1,
                null,
                null,
                null,
                null,
                null,
                version);
        return new String(VigilSerdes.alert().serializer().serialize("t", value), StandardCharsets.UTF_8);
    }
}
