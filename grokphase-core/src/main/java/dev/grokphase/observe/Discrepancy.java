package dev.grokphase.observe;

/**
 * The measured discrepancy of the modular-addition network, paper-notes §5.4: the theory writes
 * the residual as a single mode, y − f̄ = σ² t̄ = a·ỹ with ỹ_p(x_nm) = δ_{p,(n+m) mod P} − 1/P the
 * centred target. We measure a as the projection of the residual on ỹ,
 * <pre>  a = Σ_μ Σ_p (y_p − f_p) ỹ_p / Σ_μ Σ_p ỹ_p²,  </pre>
 * so |a| = 1 for a network that outputs nothing and 0 for one that fits the target; 1 − |a| is the
 * learned fraction λ/(λ + σ²). One-hot and centred targets give the same a (ỹ sums to zero).
 */
public final class Discrepancy {

    private Discrepancy() {
    }

    /**
     * @param f outputs n×P, row-major
     * @param y targets n×P (one-hot or centred one-hot); the label of a row is its argmax
     */
    public static double a(double[] f, double[] y, int n, int p) {
        double num = 0;
        double den = 0;
        double c = 1.0 / p;
        for (int mu = 0; mu < n; mu++) {
            int off = mu * p;
            int label = Losses.argmax(y, off, p);
            for (int q = 0; q < p; q++) {
                double yc = (q == label ? 1.0 : 0.0) - c;
                num += (y[off + q] - f[off + q]) * yc;
                den += yc * yc;
            }
        }
        return den == 0 ? Double.NaN : num / den;
    }
}
