package dev.grokphase.special;

import static org.assertj.core.api.Assertions.assertThat;

import org.hipparchus.special.Erf;
import org.junit.jupiter.api.Test;

/**
 * BranchFreeErf32 against a float64 reference evaluated at the same float arguments: Hipparchus's
 * erf (error below 1e-15) and (2/√π)·Math.exp(−z²). Every float multiple of 2⁻¹⁶ on [−8, 8]
 * (1,048,577 points: the clamp at 4.5 and the tails are inside), 200,001 log-spaced magnitudes
 * from 1e-30 to 1 of both signs (the relative error near 0, where 1 − e^{-a²}R cancels in other
 * formulas), and special values. The bounds are 2.5 float ulps of 1 for the absolute errors and a
 * few ulps of the value for the relative ones; rounding the exact value to float gives half an ulp.
 */
class BranchFreeErf32Test {

    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

    private static double[] maxErrors(float[] z) {
        float[] v = new float[z.length];
        float[] s = new float[z.length];
        BranchFreeErf32.evaluate(z, v, s, 0, z.length);
        double absErf = 0;
        double relErf = 0;
        double absSlope = 0;
        double relSlope = 0;
        for (int i = 0; i < z.length; i++) {
            double x = z[i];
            double erf = Erf.erf(x);
            double slope = TWO_OVER_SQRT_PI * Math.exp(-x * x);
            double de = Math.abs(v[i] - erf);
            double ds = Math.abs(s[i] - slope);
            absErf = Math.max(absErf, de);
            absSlope = Math.max(absSlope, ds);
            if (x != 0) {
                relErf = Math.max(relErf, de / Math.abs(erf));
            }
            if (Math.abs(x) <= 4.5) {
                relSlope = Math.max(relSlope, ds / slope);
            }
        }
        return new double[] {absErf, relErf, absSlope, relSlope};
    }

    @Test
    void errorAgainstFloat64IsAFewFloatUlps() {
        int n = (1 << 20) + 1;
        float[] z = new float[n];
        for (int i = 0; i < n; i++) {
            z[i] = -8f + i * 0x1p-16f; // exact in float
        }
        double[] e = maxErrors(z);
        assertThat(e[0]).as("max |erf error|").isLessThan(1.5e-7);
        assertThat(e[1]).as("max relative erf error").isLessThan(5e-7);
        assertThat(e[2]).as("max |erf' error|").isLessThan(2e-7);
        assertThat(e[3]).as("max relative erf' error, |z| <= 4.5").isLessThan(3e-7);
    }

    @Test
    void smallArgumentsKeepTheirRelativeAccuracy() {
        int n = 200_001;
        float[] z = new float[2 * n];
        for (int i = 0; i < n; i++) {
            z[2 * i] = (float) Math.pow(10, -30 + 30.0 * i / (n - 1));
            z[2 * i + 1] = -z[2 * i];
        }
        double[] e = maxErrors(z);
        assertThat(e[1]).as("max relative erf error").isLessThan(5e-7);
        assertThat(e[3]).as("max relative erf' error").isLessThan(3e-7);
    }

    @Test
    void specialValuesAndSymmetry() {
        assertThat(BranchFreeErf32.erf(0f)).isEqualTo(0f);
        assertThat(BranchFreeErf32.derivative(0f)).isEqualTo((float) TWO_OVER_SQRT_PI);
        assertThat(BranchFreeErf32.erf(40f)).isEqualTo(1f);
        assertThat(BranchFreeErf32.erf(Float.NEGATIVE_INFINITY)).isEqualTo(-1f);
        assertThat(BranchFreeErf32.derivative(Float.POSITIVE_INFINITY)).isLessThan(2e-9f);
        assertThat(BranchFreeErf32.erf(Float.NaN)).isNaN();
        assertThat(BranchFreeErf32.derivative(Float.NaN)).isNaN();
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < 1000; i++) {
            float x = (float) (r.nextGaussian() * 2);
            assertThat(BranchFreeErf32.erf(-x)).isEqualTo(-BranchFreeErf32.erf(x));
            assertThat(BranchFreeErf32.derivative(-x)).isEqualTo(BranchFreeErf32.derivative(x));
        }
    }

    @Test
    void inPlaceSlopeGivesTheSameBits() {
        int n = 1000;
        float[] z = new float[n];
        java.util.Random r = new java.util.Random(5);
        for (int i = 0; i < n; i++) {
            z[i] = (float) (r.nextGaussian() * 3);
        }
        float[] v = new float[n];
        float[] s = new float[n];
        BranchFreeErf32.evaluate(z, v, s, 3, n - 3);
        float[] zz = z.clone();
        float[] vv = new float[n];
        BranchFreeErf32.evaluate(zz, vv, zz, 3, n - 3);
        for (int i = 3; i < n; i++) {
            assertThat(vv[i]).isEqualTo(v[i]);
            assertThat(zz[i]).isEqualTo(s[i]);
            // the element-wise loop and the one-element form agree (no lane-dependent rounding)
            assertThat(BranchFreeErf32.erf(z[i])).isEqualTo(v[i]);
        }
    }
}
