package dev.grokphase.theory.modular;

import dev.grokphase.param.Require;

/**
 * One parameter point of model 2 in the paper's physical units (notes §5.1–§5.2, §5.6).
 *
 * @param p       the prime modulus P (the table has P² two-hot inputs)
 * @param n       hidden width N (a real number for the theory: only σ_a²/N enters)
 * @param sigmaA2 readout prior scale σ_a² (each readout weight has variance σ_a²/N)
 * @param gamma   strength γ of the sextic regulariser Γ (notes §5.6)
 * @param sigma2  noise σ² (Langevin temperature = Bayesian noise variance)
 */
public record ModularParams(int p, double n, double sigmaA2, double gamma, double sigma2) {

    /** The paper's Fig. 3 point without σ²: N = 1000, P = 401, σ_a² = 0.002/N, γ = 1e-4 (notes §5.8). */
    public static ModularParams fig3(double sigma2) {
        return new ModularParams(401, 1000, 2e-6, 1e-4, sigma2);
    }

    public ModularParams {
        Require.prime("--P", p);
        Require.positive("--N", n);
        Require.positive("--sigma-a2", sigmaA2);
        Require.positive("--gamma", gamma);
        Require.positive("--sigma2", sigma2);
    }

    /** Effective interaction u = 2σ_a²P²/(Nσ⁴), invariant under the Table 1 scaling (notes §5.2). */
    public double u() {
        return 2.0 * sigmaA2 * (double) p * p / (n * sigma2 * sigma2);
    }

    /** Quartic coupling g = u a² of the per-mode action at discrepancy magnitude |a| (notes §5.6). */
    public double g(double a) {
        return u() * a * a;
    }

    public ModularParams withSigma2(double s2) {
        return new ModularParams(p, n, sigmaA2, gamma, s2);
    }

    /**
     * The Table 1 scaling with factor β: N → β²N, P → √β P, σ_a² → σ_a²/β, σ² → σ²/β. P must stay
     * prime, so the caller passes the new prime and β is taken as (P'/P)².
     */
    public ModularParams scaledTo(int newPrime) {
        double beta = Math.pow((double) newPrime / p, 2);
        return new ModularParams(newPrime, n * beta * beta, sigmaA2 / beta, gamma, sigma2 / beta);
    }
}
