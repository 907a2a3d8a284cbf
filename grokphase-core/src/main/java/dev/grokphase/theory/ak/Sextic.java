package dev.grokphase.theory.ak;

import dev.grokphase.net.SexticPenalty;

/**
 * The sextic regulariser of paper-notes §5.6 for one neuron of the modular network (input weights
 * w then v, each of length P): Γ = (Pγ/6) Σ_k (|w_k|⁶ + |v_k|⁶), w_k = (1/P) Σ_n w_n e^{2πikn/P},
 * k over all P frequencies — the trainer's Γ ({@link SexticPenalty}, shared with the Langevin
 * trainer), so that the theory's single-neuron action is the trainer's.
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
        double[][] tables = SexticPenalty.fourierTables(p);
        cos = tables[0];
        sin = tables[1];
        cs = new double[2 * p];
    }

    /** Returns Γ of row[off..off+2P) and adds scale·∂Γ/∂w to grad[goff..goff+2P). */
    double addGradient(double[] row, int off, double[] grad, int goff, double scale) {
        return SexticPenalty.addGradient(row, off, grad, goff, p, gamma, scale, cos, sin, cs);
    }
}
