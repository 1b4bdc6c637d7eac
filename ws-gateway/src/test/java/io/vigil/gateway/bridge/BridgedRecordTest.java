package io.vigil.gateway.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.gateway.stream.Kind;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class BridgedRecordTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ConsumerRecord<String, String> record(String key, String value) {
        return new ConsumerRecord<>("alerts", 1, 42, key, value);
    }

    @Test
    void decodesTenantVersionAndCoordinates() throws Exception {
        BridgedRecord r = BridgedRecord.decode(
                Kind.SCORES, record("acme/ip/10.0.0.5", "{\"tenant\":\"acme\",\"score\":5,\"version\":7}"), JSON);
        assertThat(r.topic().routingKey()).isEqualTo("acme.scores");
        assertThat(r.entry().version()).isEqualTo(7);
        assertThat(r.entry().partition()).isEqualTo(1);
        assertThat(r.entry().offset()).isEqualTo(42);
        assertThat(r.keep()).isTrue();
    }

    @Test
    void tombstonesAreRemovalsRoutedByKeyTenant() throws Exception {
        BridgedRecord r = BridgedRecord.decode(Kind.SCORES, record("acme/ip/10.0.0.5", null), JSON);
        assertThat(r.entry().removed()).isTrue();
        assertThat(r.topic().tenant()).isEqualTo("acme");
    }

    @Test
    void resolvedAlertsLeaveTheLatestState() throws Exception {
        BridgedRecord r = BridgedRecord.decode(
                Kind.ALERTS, record("a1", "{\"tenant\":\"acme\",\"state\":\"RESOLVED\",\"version\":3}"), JSON);
        assertThat(r.keep()).isFalse();
    }

    @Test
    void badRecordsAreRejectedWithAReason() {
        assertThatThrownBy(() -> BridgedRecord.decode(Kind.SCORES, record(null, "{}"), JSON))
                .hasMessage("record without a key");
        assertThatThrownBy(() -> BridgedRecord.decode(Kind.SCORES, record("acme/x", "not json"), JSON))
                .hasMessageStartingWith("value is not JSON");
        assertThatThrownBy(() -> BridgedRecord.decode(Kind.SCORES, record("a.b/x", "{\"version\":1}"), JSON))
                .hasMessageContaining("is not a valid tenant id");
    }
}
