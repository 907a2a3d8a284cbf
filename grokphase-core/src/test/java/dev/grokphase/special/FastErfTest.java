package dev.grokphase.special;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

/**
 * FastErf against an independent 50-digit reference: erf(x) = (2/√π) e^{-x²} Σ_n 2^n x^{2n+1} /
 * (1·3·…·(2n+1)) (all terms positive, so no cancellation), and e^{-x²} for the derivative. The
 * grid covers [−7, 7] with spacing 1/64 (1/32 for float32) plus offsets that avoid landing on
 * table nodes.
 */
class FastErfTest {

    private static final MathContext MC = new MathContext(50);

    static BigDecimal expNegSquare(double x) {
        BigDecimal x2 = new BigDecimal(x).pow(2, MC);
        BigDecimal term = BigDecimal.ONE;
        BigDecimal sum = BigDecimal.ONE;
        for (int k = 1; k < 500; k++) {
            term = term.multiply(x2, MC).divide(BigDecimal.valueOf(k), MC);
            sum = sum.add(term, MC);
            if (term.compareTo(new BigDecimal("1e-60")) < 0 && k > x * x) {
                break;
            }
        }
        return BigDecimal.ONE.divide(sum, MC);
    }

    private static final BigDecimal TWO_OVER_SQRT_PI = BigDecimal.valueOf(2).divide(FastErf.PI_60.sqrt(MC), MC);

    static BigDecimal twoOverSqrtPi() {
        return TWO_OVER_SQRT_PI;
    }

    static double referenceErf(double x) {
        return reference(x)[0];
    }

    static double referenceDerivative(double x) {
        return reference(x)[1];
    }

    /** {erf(x), erf'(x)} sharing one 50-digit e^{-x²}. */
    static double[] reference(double x) {
        double ax = Math.abs(x);
        BigDecimal g = twoOverSqrtPi().multiply(expNegSquare(ax), MC);
        BigDecimal bx = new BigDecimal(ax);
        BigDecimal x2 = bx.pow(2, MC);
        BigDecimal term = bx;
        BigDecimal sum = bx;
        for (int n = 1; n < 2000; n++) {
            term = term.multiply(x2, MC).multiply(BigDecimal.valueOf(2)).divide(BigDecimal.valueOf(2L * n + 1), MC);
            sum = sum.add(term, MC);
            if (n > ax * ax && term.compareTo(sum.multiply(new BigDecimal("1e-40"))) < 0) {
                break;
            }
        }
        double v = g.multiply(sum, MC).doubleValue();
        return new double[] {Math.copySign(v, x), g.doubleValue()};
    }

    @Test
    void float64ErfAndDerivativeAreAccurateToAFewUlpsOfOne() {
        double maxErr = 0;
        double maxDerErr = 0;
        int count = 0;
        double[] z = new double[1];
        double[] v = new double[1];
        double[] s = new double[1];
        for (int i = -7 * 64; i <= 7 * 64; i++) {
            double x = i / 64.0 + 0.00123 * ((i * 7919) % 13) / 13.0;
            double[] r = reference(x);
            double ref = r[0];
            double refD = r[1];
            maxErr = Math.max(maxErr, Math.abs(FastErf.erf(x) - ref));
            maxDerErr = Math.max(maxDerErr, Math.abs(FastErf.derivative(x) - refD));
            z[0] = x;
            FastErf.evaluate(z, v, s, 0, 1);
            assertThat(v[0]).isEqualTo(FastErf.erf(x));
            assertThat(s[0]).isEqualTo(FastErf.derivative(x));
            count++;
        }
        assertThat(count).isGreaterThan(850);
        // stated accuracy: absolute error ≤ 4e-16 (under 2 ulps of 1) for erf and erf'
        assertThat(maxErr).as("max |erf error|").isLessThanOrEqualTo(4e-16);
        assertThat(maxDerErr).as("max |erf' error|").isLessThanOrEqualTo(4e-16);
    }

    @Test
    void storedNodeValuesAreTheCorrectlyRoundedSeries() {
        assertThat(FastErf.ERF_NODES).hasSize(FastErf.LAST_NODE + 1);
        for (int j = 0; j <= FastErf.LAST_NODE; j++) {
            double x = (double) j / FastErf.NODES_PER_UNIT;
            assertThat(FastErf.ERF_NODES[j]).as("erf(%s)", x).isEqualTo(FastErf.highPrecisionErf(x));
            // and the 40-digit series agrees with the independent 50-digit reference of this test
            assertThat(Math.abs(FastErf.ERF_NODES[j] - reference(x)[0])).isLessThanOrEqualTo(Math.ulp(1.0));
        }
    }

    @Test
    void smallArgumentsKeepRelativeAccuracyNearZero() {
        // near 0, erf(x) ≈ 2x/√π: the local polynomial at node 0 has no constant term
        for (double x : new double[] {1e-300, 1e-12, -3e-9, 1e-5}) {
            double ref = 2 / Math.sqrt(Math.PI) * x * (1 - x * x / 3);
            assertThat(FastErf.erf(x)).isCloseTo(ref, org.assertj.core.data.Offset.offset(Math.abs(ref) * 1e-15));
        }
        assertThat(FastErf.erf(0.0)).isEqualTo(0.0);
        assertThat(FastErf.erf(50.0)).isEqualTo(1.0);
        assertThat(FastErf.erf(Double.NEGATIVE_INFINITY)).isEqualTo(-1.0);
        assertThat(Double.isNaN(FastErf.erf(Double.NaN))).isTrue();
    }

    @Test
    void float32ErfAndDerivativeAreAccurateToFloatRounding() {
        float[] z = new float[1];
        float[] v = new float[1];
        float[] s = new float[1];
        double maxErr = 0;
        double maxDerErr = 0;
        for (int i = -7 * 32; i <= 7 * 32; i++) {
            float x = (float) (i / 32.0 + 0.0031 * ((i * 31) % 7) / 7.0);
            z[0] = x;
            FastErf.evaluate(z, v, s, 0, 1);
            double[] r = reference(x);
            maxErr = Math.max(maxErr, Math.abs(v[0] - r[0]));
            maxDerErr = Math.max(maxDerErr, Math.abs(s[0] - r[1]));
            assertThat(FastErf.erf(x)).isEqualTo(v[0]);
        }
        // float ulp of 1 is 1.19e-7: stated bound 2.4e-7 (two ulps)
        assertThat(maxErr).isLessThanOrEqualTo(2.4e-7);
        assertThat(maxDerErr).isLessThanOrEqualTo(2.4e-7);
    }
}
