package dev.grokphase.special;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * erf(z) and erf'(z) = (2/√π) e^{-z²} from a table of local Taylor polynomials.
 *
 * <p>Nodes sit at x_j = j/32 on [0, 6]; a point |z| uses the nearest node, so the offset
 * δ = |z| − x_j lies in [−1/64, 1/64]. Around x_j, erf has the Taylor coefficients
 * c_0 = erf(x_j) and c_k = (2/√π) e^{-x_j²} (−1)^{k−1} H_{k−1}(x_j) / k! (physicists' Hermite
 * polynomials, since d^k/dx^k e^{-x²} = (−1)^k H_k(x) e^{-x²}). The float64 table keeps degree 8
 * (truncation below 1e-18 for erf and 2e-16 for the derivative, which is the derivative of the
 * same polynomial); the float32 table keeps degree 5. Beyond |z| = 6, erf rounds to ±1 in
 * double and the derivative (below 2.6e-16) is returned as its value at 6.
 *
 * <p>The node values erf(x_j) are computed once, at class initialisation, with a 40-digit
 * series, so the table carries no error of its own beyond rounding to double. The evaluation has
 * no data-dependent branch (an index, a clamp, two Horner chains, a sign copy), which is what
 * makes it fast on the random arguments of a network layer.
 */
public final class FastErf {

    /** π (declared before the table so that static initialisation can use it): π to 60 significant digits. */
    static final BigDecimal PI_60 = new BigDecimal(
            "3.14159265358979323846264338327950288419716939937510582097494");

    /** Nodes per unit of |z|. */
    static final int NODES_PER_UNIT = 32;
    /** Last tabulated |z|; erf(6) == 1.0 in double. */
    static final double Z_MAX = 6.0;
    static final int LAST_NODE = (int) (Z_MAX * NODES_PER_UNIT);
    /** Polynomial degree of the float64 and float32 tables. */
    static final int DEGREE64 = 8;
    static final int DEGREE32 = 5;
    private static final int STRIDE64 = DEGREE64 + 1;
    private static final int STRIDE32 = DEGREE32 + 1;

    private static final double[] COEF64 = new double[(LAST_NODE + 1) * STRIDE64];
    private static final float[] COEF32 = new float[(LAST_NODE + 1) * STRIDE32];
    /** Derivative coefficients k·c_k, so the slope needs no multiplications by k at run time. */
    private static final double[] DCOEF64 = new double[(LAST_NODE + 1) * DEGREE64];
    private static final float[] DCOEF32 = new float[(LAST_NODE + 1) * DEGREE32];

    static {
        double twoOverSqrtPi = 2.0 / Math.sqrt(Math.PI);
        double[] hermite = new double[DEGREE64];
        for (int j = 0; j <= LAST_NODE; j++) {
            double x = (double) j / NODES_PER_UNIT;
            double g = twoOverSqrtPi * Math.exp(-x * x);
            hermite[0] = 1;
            if (DEGREE64 > 1) {
                hermite[1] = 2 * x;
            }
            for (int k = 1; k + 1 < DEGREE64; k++) {
                hermite[k + 1] = 2 * x * hermite[k] - 2 * k * hermite[k - 1];
            }
            COEF64[j * STRIDE64] = highPrecisionErf(x);
            double factorial = 1;
            for (int k = 1; k <= DEGREE64; k++) {
                factorial *= k;
                double sign = (k % 2 == 1) ? 1 : -1;
                COEF64[j * STRIDE64 + k] = g * sign * hermite[k - 1] / factorial;
                DCOEF64[j * DEGREE64 + k - 1] = k * COEF64[j * STRIDE64 + k];
            }
            for (int k = 0; k <= DEGREE32; k++) {
                COEF32[j * STRIDE32 + k] = (float) COEF64[j * STRIDE64 + k];
                if (k > 0) {
                    DCOEF32[j * DEGREE32 + k - 1] = (float) DCOEF64[j * DEGREE64 + k - 1];
                }
            }
        }
    }

    private FastErf() {
    }

    /** erf(z), absolute error below 1e-15 (see FastErfTest). */
    public static double erf(double z) {
        double ax = Math.min(Math.abs(z), Z_MAX);
        int j = (int) (ax * NODES_PER_UNIT + 0.5);
        double d = ax - j * (1.0 / NODES_PER_UNIT);
        int b = j * STRIDE64;
        double[] c = COEF64;
        double p = c[b + 8];
        p = Math.fma(p, d, c[b + 7]);
        p = Math.fma(p, d, c[b + 6]);
        p = Math.fma(p, d, c[b + 5]);
        p = Math.fma(p, d, c[b + 4]);
        p = Math.fma(p, d, c[b + 3]);
        p = Math.fma(p, d, c[b + 2]);
        p = Math.fma(p, d, c[b + 1]);
        p = Math.fma(p, d, c[b]);
        return Math.copySign(p, z);
    }

    /** erf'(z) = (2/√π) e^{-z²}, absolute error below 1e-15. */
    public static double derivative(double z) {
        double ax = Math.min(Math.abs(z), Z_MAX);
        int j = (int) (ax * NODES_PER_UNIT + 0.5);
        double d = ax - j * (1.0 / NODES_PER_UNIT);
        int b = j * DEGREE64;
        double[] c = DCOEF64;
        double q = c[b + 7];
        q = Math.fma(q, d, c[b + 6]);
        q = Math.fma(q, d, c[b + 5]);
        q = Math.fma(q, d, c[b + 4]);
        q = Math.fma(q, d, c[b + 3]);
        q = Math.fma(q, d, c[b + 2]);
        q = Math.fma(q, d, c[b + 1]);
        q = Math.fma(q, d, c[b]);
        return q;
    }

    /**
     * value[i] = erf(z[i]) and slope[i] = erf'(z[i]) for i in [off, off+len). The output arrays may
     * be the input array for one of the two (value == z or slope == z), not both.
     */
    public static void evaluate(double[] z, double[] value, double[] slope, int off, int len) {
        double[] c = COEF64;
        double[] dc = DCOEF64;
        for (int i = off, end = off + len; i < end; i++) {
            double zi = z[i];
            double ax = Math.min(Math.abs(zi), Z_MAX);
            int j = (int) (ax * NODES_PER_UNIT + 0.5);
            double d = ax - j * (1.0 / NODES_PER_UNIT);
            int b = j * STRIDE64;
            int bd = j * DEGREE64;
            double p = c[b + 8];
            double q = dc[bd + 7];
            p = Math.fma(p, d, c[b + 7]);
            q = Math.fma(q, d, dc[bd + 6]);
            p = Math.fma(p, d, c[b + 6]);
            q = Math.fma(q, d, dc[bd + 5]);
            p = Math.fma(p, d, c[b + 5]);
            q = Math.fma(q, d, dc[bd + 4]);
            p = Math.fma(p, d, c[b + 4]);
            q = Math.fma(q, d, dc[bd + 3]);
            p = Math.fma(p, d, c[b + 3]);
            q = Math.fma(q, d, dc[bd + 2]);
            p = Math.fma(p, d, c[b + 2]);
            q = Math.fma(q, d, dc[bd + 1]);
            p = Math.fma(p, d, c[b + 1]);
            q = Math.fma(q, d, dc[bd]);
            p = Math.fma(p, d, c[b]);
            value[i] = Math.copySign(p, zi);
            slope[i] = q;
        }
    }

    /** float32 erf, absolute error below 1e-7 (a few float ulps of 1). */
    public static float erf(float z) {
        float ax = Math.min(Math.abs(z), (float) Z_MAX);
        int j = (int) (ax * NODES_PER_UNIT + 0.5f);
        float d = ax - j * (1.0f / NODES_PER_UNIT);
        int b = j * STRIDE32;
        float[] c = COEF32;
        float p = c[b + 5];
        p = Math.fma(p, d, c[b + 4]);
        p = Math.fma(p, d, c[b + 3]);
        p = Math.fma(p, d, c[b + 2]);
        p = Math.fma(p, d, c[b + 1]);
        p = Math.fma(p, d, c[b]);
        return Math.copySign(p, z);
    }

    /** float32 version of {@link #evaluate(double[], double[], double[], int, int)}. */
    public static void evaluate(float[] z, float[] value, float[] slope, int off, int len) {
        float[] c = COEF32;
        float[] dc = DCOEF32;
        for (int i = off, end = off + len; i < end; i++) {
            float zi = z[i];
            float ax = Math.min(Math.abs(zi), (float) Z_MAX);
            int j = (int) (ax * NODES_PER_UNIT + 0.5f);
            float d = ax - j * (1.0f / NODES_PER_UNIT);
            int b = j * STRIDE32;
            int bd = j * DEGREE32;
            float p = c[b + 5];
            float q = dc[bd + 4];
            p = Math.fma(p, d, c[b + 4]);
            q = Math.fma(q, d, dc[bd + 3]);
            p = Math.fma(p, d, c[b + 3]);
            q = Math.fma(q, d, dc[bd + 2]);
            p = Math.fma(p, d, c[b + 2]);
            q = Math.fma(q, d, dc[bd + 1]);
            p = Math.fma(p, d, c[b + 1]);
            q = Math.fma(q, d, dc[bd]);
            p = Math.fma(p, d, c[b]);
            value[i] = Math.copySign(p, zi);
            slope[i] = q;
        }
    }

    /**
     * erf(x) for 0 ≤ x ≤ 6 from the Maclaurin series (2/√π) Σ (−1)^n x^{2n+1} / (n! (2n+1)),
     * summed in 60-digit decimal arithmetic: the largest terms (about 1e13 at x = 6) cancel to
     * leave far more than double precision. Used only to build the table.
     */
    static double highPrecisionErf(double x) {
        if (x == 0) {
            return 0;
        }
        MathContext mc = new MathContext(60);
        BigDecimal bx = new BigDecimal(x);
        BigDecimal x2 = bx.multiply(bx, mc);
        BigDecimal power = bx; // x^{2n+1} / n!, with sign
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal tiny = new BigDecimal("1e-45");
        for (int n = 0; n < 2000; n++) {
            BigDecimal term = power.divide(BigDecimal.valueOf(2L * n + 1), mc);
            sum = sum.add(term, mc);
            if (n > 2 * x * x && term.abs().compareTo(tiny) < 0) {
                break;
            }
            power = power.multiply(x2, mc).divide(BigDecimal.valueOf(n + 1), mc).negate();
        }
        BigDecimal sqrtPi = PI_60.sqrt(mc);
        return sum.multiply(BigDecimal.valueOf(2), mc).divide(sqrtPi, mc).doubleValue();
    }

}
