package io.vigil.stream.entity;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.contracts.event.Outcome;
import io.vigil.contracts.score.EntityType;
import io.vigil.contracts.topic.Keys;
import io.vigil.stream.Events;
import io.vigil.stream.anomaly.Observation;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One record per entity carries the event's score contribution and the detector observations whose
 * subject is that entity, and the compact format keeps every field, nulls included.
 */
class EntityInputTest {

    static final Instant T = Instant.parse("2026-11-22T10:00:00.123456789Z");

    @Test
    void failedLogonGoesToTheAddressTheUserAndTheHost() {
        Map<String, EntityInput> routed = EntityRouter.route(Events.auth("t", T, Outcome.FAILURE, "ana", "10.0.0.9"));

        EntityInput ip = routed.get(Keys.entity("t", EntityType.IP, "10.0.0.9"));
        EntityInput user = routed.get(Keys.entity("t", EntityType.USER, "ana"));
        EntityInput host = routed.get(Keys.entity("t", EntityType.HOST, "dc-1"));
        assertThat(routed).hasSize(3);
        assertThat(ip.score().points()).isPositive();
        assertThat(ip.observations()).extracting(Observation::subjectKey).containsExactly("t/auth_burst/ip/10.0.0.9");
        assertThat(user.score().points()).isPositive();
        assertThat(user.observations()).extracting(Observation::subjectKey).containsExactly("t/auth_burst/user/ana");
        assertThat(host.score()).isNotNull();
        assertThat(host.observations()).isEmpty();
        routed.values().forEach(input -> assertThat(roundTrip(input)).isEqualTo(input));
    }

    @Test
    void informationalEventsCarryObservationsWithoutAScore() {
        Map<String, EntityInput> routed = EntityRouter.route(Events.auth("t", T, Outcome.SUCCESS, "ana", "10.0.0.9"));

        assertThat(routed.values())
                .allSatisfy(input -> assertThat(input.score()).isNull());
        assertThat(routed.values())
                .flatExtracting(EntityInput::observations)
                .extracting(Observation::subjectKey)
                .containsExactlyInAnyOrder("t/auth_burst/user/ana", "t/auth_burst/ip/10.0.0.9");
        routed.values().forEach(input -> assertThat(roundTrip(input)).isEqualTo(input));
    }

    @Test
    void aScanIsOneRecordForTheSourceWithItsFanOutObservation() {
        var event = Events.ids("t", T, io.vigil.contracts.event.Severity.MEDIUM, "10.0.0.9", "10.0.0.10", 22);
        Map<String, EntityInput> routed = EntityRouter.route(event);

        assertThat(routed)
                .containsOnlyKeys(
                        Keys.entity("t", EntityType.IP, "10.0.0.9"), Keys.entity("t", EntityType.IP, "10.0.0.10"));
        EntityInput source = routed.get(Keys.entity("t", EntityType.IP, "10.0.0.9"));
        assertThat(source.observations()).singleElement().satisfies(o -> {
            assertThat(o.subjectKey()).isEqualTo("t/fan_out/ip/10.0.0.9");
            assertThat(o.dstPort()).isEqualTo(22);
        });
        assertThat(routed.get(Keys.entity("t", EntityType.IP, "10.0.0.10")).observations())
                .isEmpty();
        routed.values().forEach(input -> assertThat(roundTrip(input)).isEqualTo(input));
        assertThat(EntityInput.SERDE.deserializer().deserialize("t", null)).isNull();
    }

    static EntityInput roundTrip(EntityInput input) {
        return EntityInput.SERDE
                .deserializer()
                .deserialize("t", EntityInput.SERDE.serializer().serialize("t", input));
    }
}
