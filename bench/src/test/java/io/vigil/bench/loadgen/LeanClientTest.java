package io.vigil.bench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeanClientTest {

    @Test
    void readsTheSendTimeAtTheStartOfAMessageBody() {
        String frame = "MESSAGE\nsubscription:sub-0\ndestination:/topic/t.scores\nmessage-id:T_sub-0@@s@@1\n"
                + "content-length:40\n\n{\"sentAt\":1795422256104,\"tenant\":\"t\"}\0";

        assertThat(StompBenchSession.sentAt(frame)).isEqualTo(1795422256104L);
    }

    @Test
    void mintsTheClaimsTheGatewayRequires() {
        String[] parts = Tokens.mint("secret", "u1", "acme").split("\\.");

        assertThat(parts).hasSize(3);
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(claims).contains("\"sub\":\"u1\"", "\"tenant\":\"acme\"", "\"roles\":[\"viewer\"]", "\"exp\":");
    }

    @Test
    void histogramIsSparseAndClamped() {
        Histogram histogram = new Histogram();
        histogram.add(3L);
        histogram.add(3L);
        histogram.add(-5L);
        histogram.add(500_000L);

        assertThat(histogram.sparse())
                .extracting(bucket -> List.of(bucket[0], bucket[1]))
                .containsExactly(List.of(0L, 1L), List.of(3L, 2L), List.of(120_000L, 1L));
    }

    @Test
    void connectsWithTheTokenOrTheBrokerLogin() {
        Target gateway = new Target(List.of("ws://a/ws", "ws://b/ws"), 10, null, true, null, null, null);
        Target rabbit = new Target(List.of("ws://r/ws"), 0, null, false, "guest", "pw", "vhost");

        assertThat(gateway.urlFor(3)).isEqualTo("ws://a/ws");
        assertThat(gateway.urlFor(10)).isEqualTo("ws://a/ws");
        assertThat(gateway.urlFor(11)).isEqualTo("ws://b/ws");
        assertThat(rabbit.urlFor(7)).isEqualTo("ws://r/ws");
        assertThat(gateway.connectHeaders("tok")).isEqualTo("Authorization:Bearer tok\n");
        assertThat(rabbit.connectHeaders(null)).isEqualTo("login:guest\npasscode:pw\nhost:vhost\n");
    }
}
