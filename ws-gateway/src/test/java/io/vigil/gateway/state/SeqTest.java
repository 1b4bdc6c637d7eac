package io.vigil.gateway.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SeqTest {

    @Test
    void ordersByMillisThenSequence() {
        assertThat(Seq.parse("10-1")).isLessThan(Seq.parse("10-2"));
        assertThat(Seq.parse("9-99")).isLessThan(Seq.parse("10-0"));
        assertThat(Seq.parse("10")).isEqualTo(Seq.parse("10-0"));
        assertThat(Seq.parse("1732312345-7").toString()).isEqualTo("1732312345-7");
    }

    @Test
    void refusesGarbage() {
        assertThatThrownBy(() -> Seq.parse("yesterday")).hasMessageContaining("not a resume position");
    }
}
