package dev.grokphase.net;

/**
 * The sextic regulariser Γ of the modular network (paper-notes §5.6), one neuron at a time: the one
 * definition that the Langevin trainer adds to the posterior (train.SexticRegulariser) and the
 * data-aware theory adds to its single-neuron action (theory.ak.Sextic), so the two cannot drift.
 */
public final class SexticPenalty {

    private SexticPenalty() {
    }

    /**
     * cos(2πkn/P) and sin(2πkn/P), P×P row-major, with kn reduced mod P first so that the table
     * is exact to rounding; the transform of the sextic regulariser (notes §5.6).
     */
    public static double[][] fourierTables(int p) {
        double[] cos = new double[p * p];
        double[] sin = new double[p * p];
        for (int k = 0; k < p; k++) {
            for (int n = 0; n < p; n++) {
                double angle = 2 * Math.PI * ((long) k * n % p) / p;
                cos[k * p + n] = Math.cos(angle);
                sin[k * p + n] = Math.sin(angle);
            }
        }
        return new double[][] {cos, sin};
    }

    /**
     * Adds scale·∂Γ/∂w to {@code grad} for one neuron with input weights row[off..off+2P), where
     * Γ = (Pγ/6) Σ_k (|w_k|⁶ + |v_k|⁶), w_k = (1/P) Σ_n w_n e^{2πikn/P} (notes §5.6; k runs over all
     * P frequencies, including 0, so Γ bounds every mode). With C_k, S_k the cosine and sine sums,
     * |w_k|² = (C_k² + S_k²)/P² and ∂Γ/∂w_n = (γ/P) Σ_k |w_k|⁴ (C_k cos(2πkn/P) + S_k sin(2πkn/P)).
     * Returns Γ of this neuron. {@code cs} is scratch of length 2P.
     */
    public static double addGradient(double[] row, int off, double[] grad, int goff, int p, double gamma, double scale,
                                     double[] cos, double[] sin, double[] cs) {
        double value = 0;
        double invP2 = 1.0 / ((double) p * p);
        for (int half = 0; half < 2; half++) {
            int base = off + half * p;
            for (int k = 0; k < p; k++) {
                double c = 0;
                double s = 0;
                int t = k * p;
                for (int n = 0; n < p; n++) {
                    double v = row[base + n];
                    c += v * cos[t + n];
                    s += v * sin[t + n];
                }
                double mag2 = (c * c + s * s) * invP2;
                value += mag2 * mag2 * mag2;
                cs[k] = mag2 * mag2 * c;
                cs[p + k] = mag2 * mag2 * s;
            }
            int gbase = goff + half * p;
            for (int n = 0; n < p; n++) {
                double g = 0;
                for (int k = 0; k < p; k++) {
                    // cos and sin tables are symmetric in (k, n)
                    g += cs[k] * cos[n * p + k] + cs[p + k] * sin[n * p + k];
                }
                grad[gbase + n] += scale * gamma / p * g;
            }
        }
        return p * gamma / 6 * value;
    }
}
