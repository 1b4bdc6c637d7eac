package io.vigil.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The negotiation as RabbitMQ's STOMP plugin answers it (measured against the local broker). */
class ClientHeartbeatsTest {

    @Test
    void answersLikeRabbitMq() {
        assertThat(negotiate(0, 0)).isEqualTo("0,0");
        assertThat(negotiate(10_000, 10_000)).isEqualTo("10000,10000");
        assertThat(negotiate(1000, 20_000)).isEqualTo("20000,1000");
        assertThat(negotiate(20_000, 1000)).isEqualTo("1000,20000");
        assertThat(negotiate(5, 7)).isEqualTo("1000,1000");
        assertThat(negotiate(1500, 0)).isEqualTo("0,1000");
        assertThat(negotiate(999_999_999_999_999_999L, 0)).isEqualTo("0,999999999999999000");
    }

    private static String negotiate(long cx, long cy) {
        return ClientHeartbeats.Negotiated.of(new long[] {cx, cy}).header();
    }
}
