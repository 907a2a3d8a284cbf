package dev.grokphase.param;

import dev.grokphase.error.GrokphaseException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RangeTest {

    @Test
    void inclusiveSweepHasNoRoundingLoss() {
        Range r = Range.parse("--sigma2", "0.10:0.30:0.01");
        assertThat(r.size()).isEqualTo(21);
        assertThat(r.get(20)).isCloseTo(0.30, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void singleValueIsOnePoint() {
        Range r = Range.parse("--n", "3000");
        assertThat(r.isSingle()).isTrue();
        assertThat(r.values()).containsExactly(3000.0);
    }

    @Test
    void reversedEmptyAndNonNumericRangesNameTheOption() {
        assertThatThrownBy(() -> Range.parse("--sigma2", "0.3:0.1:0.01"))
                .isInstanceOf(GrokphaseException.class).hasMessageContaining("--sigma2").hasMessageContaining("reversed");
        assertThatThrownBy(() -> Range.parse("--sigma2", "")).hasMessageContaining("--sigma2");
        assertThatThrownBy(() -> Range.parse("--sigma2", "0.1:0.2:0")).hasMessageContaining("step");
        assertThatThrownBy(() -> Range.parse("--sigma2", "abc")).hasMessageContaining("'abc' is not a finite number");
    }

    @Test
    void primeCheckRejectsComposites() {
        assertThat(Require.prime("--P", 401)).isEqualTo(401);
        assertThatThrownBy(() -> Require.prime("--P", 400)).hasMessageContaining("--P = 400");
    }
}
