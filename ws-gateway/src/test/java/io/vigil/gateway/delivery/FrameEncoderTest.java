package io.vigil.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrameEncoderTest {

    private static AMQP.BasicProperties props(String key, String version, String op) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("vigil-key", key);
        headers.put("vigil-version", version);
        headers.put("vigil-op", op);
        return new AMQP.BasicProperties.Builder()
                .contentType("application/json")
                .contentEncoding("utf-8")
                .messageId(key + "@" + version)
                .deliveryMode(2)
                .priority(0)
                .headers(headers)
                .build();
    }

    @Test
    void encodesAsRabbitMqsStompPluginDoesWithOnlyTheSubscriptionDiffering() {
        FrameEncoder encoder = new FrameEncoder();
        byte[] body = "{\"a\":\"é\"}".getBytes(StandardCharsets.UTF_8);
        SharedFrame frame = encoder.encode("/topic/acme.scores", props("acme/ip/::1", "3", "upsert"), body);

        String text = frame.forSubscription("sub-0").text();
        assertThat(text)
                .startsWith("MESSAGE\nsubscription:sub-0\ndestination:/topic/acme.scores\nmessage-id:T_sub-0@@session-")
                .contains("\nredelivered:false\n")
                .contains("\nvigil-key:acme/ip/\\c\\c1\n")
                .contains("\nvigil-version:3\n")
                .contains("\namqp-message-id:acme/ip/\\c\\c1@3\n")
                .contains("\npriority:0\npersistent:true\ncontent-encoding:utf-8\ncontent-type:application/json\n")
                .endsWith("content-length:" + body.length + "\n\n{\"a\":\"é\"}\0");
        assertThat(frame.forSubscription("sub-0")).isSameAs(frame.forSubscription("sub-0"));
        assertThat(frame.forSubscription("sub-1").text()).isEqualTo(text.replace("sub-0", "sub-1"));
    }

    @Test
    void newerVersionsAndRemovalsSupersedeOlderOnes() {
        FrameEncoder encoder = new FrameEncoder();
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        SharedFrame v2 = encoder.encode("/topic/a.scores", props("a/ip/1", "2", "upsert"), body);
        SharedFrame v1 = encoder.encode("/topic/a.scores", props("a/ip/1", "1", "upsert"), body);
        SharedFrame removal = encoder.encode("/topic/a.scores", props("a/ip/1", "0", "remove"), body);
        assertThat(v2.supersedes(v1)).isTrue();
        assertThat(v1.supersedes(v2)).isFalse();
        assertThat(removal.supersedes(v2)).isTrue();
        assertThat(v2.key()).isEqualTo("a/ip/1");
    }
}
