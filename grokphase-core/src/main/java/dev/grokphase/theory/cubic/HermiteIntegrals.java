package dev.grokphase.theory.cubic;

/**
 * The Gaussian integral identities of notes §4.5 (App. A.4), for x ~ N(0, I_d), |w*| = 1,
 * q = w·w* and |w|² = w2:
 *
 * <pre>
 *   I_n = E[erf(w·x) (w*·x)^{2n+1}]
 *       = (2/√π) q/√(1+2w2) · E_{x~N(0,(1+2wwᵀ)⁻¹)}[(w*·x)^{2n}] + 2n I_{n−1},
 *   E_{N(0,(1+2wwᵀ)⁻¹)}[(w*·x)²] = 1 − 2q²/(1+2w2)   (Sherman–Morrison),
 * </pre>
 *
 * and the Stein-identity forms E[erf(g) H_1] = 2q/√(π(1+2w2)), E[erf(g) H_3] = −4q³/(√π (1+2w2)^{3/2}),
 * E[erf(g)²] = (2/π) arcsin(2w2/(1+2w2)).
 */
public final class HermiteIntegrals {

    private HermiteIntegrals() {
    }

    /** E[(w*·x)^{2k}] under N(0, (1+2wwᵀ)⁻¹): (2k−1)!! · v^k with v = 1 − 2q²/(1+2w2). */
    static double tiltedEvenMoment(int k, double q, double w2) {
        double v = 1 - 2 * q * q / (1 + 2 * w2);
        double m = 1;
        for (int j = 1; j <= k; j++) {
            m *= (2 * j - 1) * v;
        }
        return m;
    }

    /** I_n = E[erf(w·x) (w*·x)^{2n+1}] by the recursion of App. A.4. */
    public static double odd(int n, double q, double w2) {
        if (n < 0) {
            throw new IllegalArgumentException("n = " + n + " is out of range: allowed integers >= 0");
        }
        double lead = (2 / Math.sqrt(Math.PI)) * q / Math.sqrt(1 + 2 * w2) * tiltedEvenMoment(n, q, w2);
        return n == 0 ? lead : lead + 2 * n * odd(n - 1, q, w2);
    }

    /** I_0 = (2/√π) q/√(1+2w2). */
    public static double i0(double q, double w2) {
        return odd(0, q, w2);
    }

    /** I_1 = (2/√π) q/√(1+2w2) · (3 − 2q²/(1+2w2)). */
    public static double i1(double q, double w2) {
        return odd(1, q, w2);
    }

    /** E[erf(w·x) H_1(w*·x)] = I_0. */
    public static double erfH1(double q, double w2) {
        return 2 * q / Math.sqrt(Math.PI * (1 + 2 * w2));
    }

    /** E[erf(w·x) H_3(w*·x)] = I_1 − 3 I_0 = −4q³/(√π (1+2w2)^{3/2}). */
    public static double erfH3(double q, double w2) {
        double a = 1 + 2 * w2;
        return -4 * q * q * q / (Math.sqrt(Math.PI) * a * Math.sqrt(a));
    }

    /** E[erf(w·x)²] = (2/π) arcsin(2w2/(1+2w2)). */
    public static double erfSquared(double w2) {
        return (2 / Math.PI) * Math.asin(2 * w2 / (1 + 2 * w2));
    }

    /**
     * The full (un-reduced) action per dimension of notes §4.4 before norm concentration:
     * S[w]/d = w2/(2σ_w²) − (n²σ_a²/(2Nσ⁴d)) [(b − 3c) I_0 + c I_1]², written with u:
     * S[w]/d = w2/(2σ_w²) − (u/2) [(b − 3c) I_0 + c I_1]².
     */
    public static double fullActionPerD(double q, double w2, double u, double sigmaW2, double b, double c) {
        double proj = (b - 3 * c) * i0(q, w2) + c * i1(q, w2);
        return w2 / (2 * sigmaW2) - 0.5 * u * proj * proj;
    }
}
