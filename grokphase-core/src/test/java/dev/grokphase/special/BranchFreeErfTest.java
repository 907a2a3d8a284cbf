package dev.grokphase.special;

import static org.assertj.core.api.Assertions.assertThat;

import org.hipparchus.special.Erf;
import org.junit.jupiter.api.Test;

/**
 * BranchFreeErf against Hipparchus's erf (an independent implementation; its own error is below
 * 1e-15) and (2/√π)·Math.exp(−z²), on 240,001 points of [−12, 12] (the pass clamps at |z| = 6, so
 * the tails are covered) plus special values; and its two loop shapes against each other, bit for
 * bit, so that the JVM flag that picks one never changes a result.
 */
class BranchFreeErfTest {

    @Test
    void errorIsBelowTwoTimesTenToTheMinusFourteen() {
        int n = 240_001;
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = -12 + 24.0 * i / (n - 1);
        }
        double[] v = new double[n];
        double[] s = new double[n];
        BranchFreeErf.evaluate(z, v, s, 0, n);
        double maxErr = 0;
        double maxDerErr = 0;
        for (int i = 0; i < n; i++) {
            maxErr = Math.max(maxErr, Math.abs(v[i] - Erf.erf(z[i])));
            maxDerErr = Math.max(maxDerErr, Math.abs(s[i] - 2 / Math.sqrt(Math.PI) * Math.exp(-z[i] * z[i])));
        }
        assertThat(maxErr).as("max |erf error|").isLessThan(2e-14);
        assertThat(maxDerErr).as("max |erf' error|").isLessThan(2e-14);
        assertThat(BranchFreeErf.erf(0.0)).isEqualTo(0.0);
        // near 0 the error is absolute (1 − e·R cancels), not relative as in FastErf
        assertThat(BranchFreeErf.erf(1e-300)).isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(BranchFreeErf.erf(40.0)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(BranchFreeErf.erf(-1e200)).isCloseTo(-1.0, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(BranchFreeErf.erf(Double.NaN)).isNaN();
        assertThat(BranchFreeErf.erf(-0.7)).isEqualTo(-BranchFreeErf.erf(0.7));
    }

    @Test
    void fusedAndBlockedLoopsGiveTheSameBits() {
        int n = 1000; // not a multiple of the block
        double[] z = new double[n];
        java.util.Random r = new java.util.Random(5);
        for (int i = 0; i < n; i++) {
            z[i] = r.nextGaussian() * 3;
        }
        double[][] out = new double[4][n];
        BranchFreeErf.fused(z, out[0], out[1], 3, n - 3);
        BranchFreeErf.blocked(z, out[2], out[3], 3, n - 3);
        assertThat(out[2]).isEqualTo(out[0]);
        assertThat(out[3]).isEqualTo(out[1]);
        // in place (slope written over z), as the trainer calls it
        double[] zz = z.clone();
        double[] vv = new double[n];
        BranchFreeErf.evaluate(zz, vv, zz, 0, n);
        assertThat(vv).isEqualTo(BranchFreeErf.FUSED ? shift(out[0], z, true) : shift(out[2], z, true));
    }

    /** The full-range values of the fused formula (helper for the in-place check). */
    private static double[] shift(double[] ignored, double[] z, boolean value) {
        double[] v = new double[z.length];
        double[] s = new double[z.length];
        BranchFreeErf.fused(z, v, s, 0, z.length);
        return value ? v : s;
    }
}
