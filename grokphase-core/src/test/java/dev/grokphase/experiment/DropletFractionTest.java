package dev.grokphase.experiment;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DropletFractionTest {

    @Test
    void countsTheNeuronsWhoseOverlapMagnitudeExceedsTheThreshold() {
        // Teacher (0.6, 0.8); rows with overlaps 1.0, -0.9, 0.5, 0.81, -0.79: three have magnitude above 0.8.
        double[] t = {0.6, 0.8};
        double[] q = {1.0, -0.9, 0.5, 0.81, -0.79};
        double[] w = new double[10];
        for (int i = 0; i < q.length; i++) {
            // q_i t plus a component orthogonal to t, which must not count.
            w[2 * i] = q[i] * 0.6 + 3 * 0.8;
            w[2 * i + 1] = q[i] * 0.8 - 3 * 0.6;
        }
        assertThat(new CubicMetrics().dropletFraction(w, t)).isEqualTo(3 / 5.0);
        assertThat(new CubicMetrics(0.95).dropletFraction(w, t)).isEqualTo(1 / 5.0);
        assertThat(new CubicMetrics(0.1).dropletFraction(w, t)).isEqualTo(1.0);
    }
}
