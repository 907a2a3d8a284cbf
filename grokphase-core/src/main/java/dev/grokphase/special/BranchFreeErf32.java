package dev.grokphase.special;

/**
 * erf(z) and erf'(z) = (2/√π)e^{-z²} in float arithmetic only, for the float32 trainer's
 * element-wise pass: no table, no branch, no float↔int conversion (C2 in Java 17 vectorises none of
 * them), so the JIT vectorises the loop with twice the lanes of the float64 {@link BranchFreeErf}.
 *
 * <p>With a = min(|z|, 4.5) (erf rounds to ±1 in float beyond 3.9, erf' is below 2e-9 at 4.5):
 * <ul>
 * <li>e^{-a²} = 2^{-k}·e^{-r}: a² = y_h + y_l exactly (y_l = fma(a, a, −y_h)), k = y_h/ln 2
 *     rounded to an integer by adding and subtracting 1.5·2²³, r = y_h − k·ln 2 + y_l with ln 2 in two
 *     parts (Cody–Waite), e^{-r} = 1 + r·P(r) with P of degree 5 on |r| ≤ ln2/2, and 2^{-k}
 *     (0 ≤ k ≤ 29) assembled exactly from the five bits of k, each bit found by the same rounding. This
 *     keeps the relative error of e^{-a²} at a few float ulps; the float64 class's
 *     (e^{-a²/32})³² would multiply the float rounding by 32.</li>
 * <li>erfc(a) = e^{-a²}·R(t), t = 2/(2 + a), with R = erfcx written as R = 1 − (1 − t)·S(t), S of
 *     degree 7 (weighted least squares, weight e^{-a²}(1 − t), fit error 3e-9). Then
 *     erf(a) = 1 − e^{-a²}R = −(e^{-a²} − 1) + (1 − t)·S·e^{-a²}, where e^{-a²} − 1 = 2^{-k}(1 + rP) − 1
 *     = fma(2^{-k}, rP, 2^{-k} − 1) has no cancellation (k = 0 near a = 0), so erf keeps a small
 *     relative error near 0 instead of the absolute error of 1 − e^{-a²}R.</li>
 * <li>sign(z) = clamp(z·2¹²⁶, −1, 1): exactly ±1 for normal z, 0 at 0, NaN for NaN.</li>
 * </ul>
 * Error against float64 erf (BranchFreeErf32Test, every 2⁻¹⁶ on [−8, 8] and every float near 0):
 * |erf| below 1.5e-7 absolute and 5e-7 relative, erf' below 2e-7 absolute and 3e-7 relative for
 * |z| ≤ 4.5 — 2–3 float ulps; rounding the float64 result gives 0.5 ulp. The coefficients were
 * fitted with numpy/scipy and are checked against the float64 reference in the test, not trusted.
 *
 * <p>One fused loop; C2 vectorises it with -XX:LoopUnrollLimit=250, which the launcher, the tests,
 * the benchmarks, SLURM scripts and Spark launches pass (without it the same operations run
 * scalar: same bits, less speed).
 */
public final class BranchFreeErf32 {

    private static final float TWO_OVER_SQRT_PI = 1.1283791670955126f;
    private static final float Z_MAX = 4.5f;
    /** 2^126: z·2^126 is at least 1 in magnitude for every normal float z. */
    private static final float SIGN_SCALE = 0x1p126f;
    /** 1.5·2^23: adding and subtracting it rounds a float in [0, 2^22) to an integer. */
    private static final float ROUND = 12582912f;
    private static final float LOG2E = 1.4426950216293335f;
    /** ln 2 = LN2_HI + LN2_LO, LN2_HI with 12 significant bits so that k·LN2_HI is exact. */
    private static final float LN2_HI = 0.693145751953125f;
    private static final float LN2_LO = 1.428606765330187e-06f;

    /** e^{-r} = 1 + r·P(r), |r| ≤ ln2/2. */
    private static final float P0 = -1.0f;
    private static final float P1 = 0.4999999403953552f;
    private static final float P2 = -0.16666410863399506f;
    private static final float P3 = 0.041667766869068146f;
    private static final float P4 = -0.008375590667128563f;
    private static final float P5 = 0.0013858656166121364f;
    /** erfcx(2/t − 2) = 1 − (1 − t)·S(t), t ∈ [4/13, 1]. */
    private static final float S0 = 1.000381588935852f;
    private static final float S1 = 0.7109873294830322f;
    private static final float S2 = 0.48540663719177246f;
    private static final float S3 = -0.000980025390163064f;
    private static final float S4 = 0.43981632590293884f;
    private static final float S5 = -0.633243978023529f;
    private static final float S6 = 0.30939948558807373f;
    private static final float S7 = -0.05500902608036995f;

    private BranchFreeErf32() {
    }

    /** erf(z) (the same loop on one element, for tests). */
    public static float erf(float z) {
        float[] v = new float[1];
        evaluate(new float[] {z}, v, new float[1], 0, 1);
        return v[0];
    }

    /** erf'(z) (the same loop on one element, for tests). */
    public static float derivative(float z) {
        float[] s = new float[1];
        evaluate(new float[] {z}, new float[1], s, 0, 1);
        return s[0];
    }

    /**
     * value[i] = erf(z[i]) and slope[i] = erf'(z[i]) for i in [off, off+len). slope may be the
     * same array as z; value must differ from both.
     */
    public static void evaluate(float[] z, float[] value, float[] slope, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) {
            float x = z[i];
            float a = Math.min(Math.abs(x), Z_MAX);
            float sign = Math.max(Math.min(x * SIGN_SCALE, 1f), -1f);
            float u = 1f / (2f + a);
            float t = u + u;
            float oneMinusT = a * u;
            // e^{-a²} = 2^{-k} e^{-r}
            float yh = a * a;
            float yl = Math.fma(a, a, -yh);
            float k = Math.fma(yh, LOG2E, ROUND) - ROUND;
            float r = Math.fma(k, -LN2_LO, Math.fma(k, -LN2_HI, yh)) + yl;
            float rp = r * Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(P5, r, P4), r, P3), r, P2), r, P1), r, P0);
            // 2^{-k} from the bits of k (0 ≤ k ≤ 29): q_j = floor(k/2^j), rounded like k (k/2^j minus
            // 1/2 − 2^{-j-1} lies within 1/2 − 2^{-j-1} of q_j), and bit j = q_j − 2q_{j+1}; the four
            // roundings are independent of each other (a chain of them was 10 % slower). Each factor
            // 1 + bit·(2^{-2^j} − 1) is exact, and so is their product
            float q1 = Math.fma(k, 0.5f, -0.25f) + ROUND - ROUND;
            float q2 = Math.fma(k, 0.25f, -0.375f) + ROUND - ROUND;
            float q3 = Math.fma(k, 0.125f, -0.4375f) + ROUND - ROUND;
            float b16 = Math.fma(k, 0.0625f, -0.46875f) + ROUND - ROUND;
            float b1 = Math.fma(q1, -2f, k);
            float b2 = Math.fma(q2, -2f, q1);
            float b4 = Math.fma(q3, -2f, q2);
            float b8 = Math.fma(b16, -2f, q3);
            // plain products and sums in one left-to-right chain: with fma, or with the factors
            // grouped, C2 (Java 17) leaves the whole loop scalar
            float scale = (1f + b16 * (0x1p-16f - 1f)) * (1f + b8 * (0x1p-8f - 1f)) * (1f + b4 * (0x1p-4f - 1f))
                    * (1f + b2 * (0x1p-2f - 1f)) * (1f + b1 * -0.5f);
            float e = scale * (1f + rp);
            float em1 = Math.fma(scale, rp, scale - 1f);
            float s = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(S7, t, S6), t, S5), t, S4), t, S3),
                    t, S2), t, S1), t, S0);
            slope[i] = TWO_OVER_SQRT_PI * e;
            value[i] = sign * Math.fma(oneMinusT * s, e, -em1);
        }
    }
}
