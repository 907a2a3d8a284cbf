package dev.grokphase.theory.ak;

/**
 * The sextic regulariser of paper-notes §5.6 for one neuron of the modular network (input weights
 * w then v, each of length P): Γ = (Pγ/6) Σ_k (|w_k|⁶ + |v_k|⁶), w_k = (1/P) Σ_n w_n e^{2πikn/P},
 * k over all P frequencies — the same Γ the Langevin trainer adds (Trainer.addSexticGradient),
 * restated here so that the theory's single-neuron action is the trainer's.
 * ∂Γ/∂w_n = (γ/P) Σ_k |w_k|⁴ (C_k cos(2πkn/P) + S_k sin(2πkn/P)), C_k, S_k the cosine and sine sums.
 */
final class Sextic {

    private final int p;
    private final double gamma;
    private final double[] cos;
    private final double[] sin;
    private final double[] cs;

    Sextic(int p, double gamma) {
        this.p = p;
        this.gamma = gamma;
        cos = new double[p * p];
        sin = new double[p * p];
        for (int k = 0; k < p; k++) {
            for (int n = 0; n < p; n++) {
                double angle = 2 * Math.PI * ((long) k * n % p) / p;
                cos[k * p + n] = Math.cos(angle);
                sin[k * p + n] = Math.sin(angle);
            }
        }
        cs = new double[2 * p];
    }

    /** Returns Γ of row[off..off+2P) and adds scale·∂Γ/∂w to grad[goff..goff+2P). */
    double addGradient(double[] row, int off, double[] grad, int goff, double scale) {
        double value = 0;
        double invP2 = 1.0 / ((double) p * p);
        for (int half = 0; half < 2; half++) {
            int base = off + half * p;
            for (int k = 0; k < p; k++) {
                double c = 0;
                double s = 0;
                for (int n = 0; n < p; n++) {
                    double v = row[base + n];
                    c += v * cos[k * p + n];
                    s += v * sin[k * p + n];
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
                    g += cs[k] * cos[n * p + k] + cs[p + k] * sin[n * p + k];
                }
                grad[gbase + n] += scale * gamma / p * g;
            }
        }
        return p * gamma / 6 * value;
    }
}
