package dev.grokphase.theory.modular;

/**
 * The self-consistent state of model 2 at one parameter point.
 *
 * @param params        the point
 * @param normalization which eigenvalue normalisation produced it (notes §5.7)
 * @param a             the discrepancy magnitude |a| = σ²/(λ + σ²) (notes §5.4); the paper's a is −|a|
 * @param lambda        the kernel eigenvalue λ on the target subspace
 * @param fDrop         mixture weight of the non-zero saddle per mode (the droplet fraction); 0 without one
 * @param actionGap     S_k(w_+, w_+) − S_k(0, 0) at this |a|; NaN when no non-zero saddle exists
 * @param phiPlus       Φ_+ = w_+² at this |a|; NaN when no non-zero saddle exists
 * @param phase         GFL, GMFL-I or GMFL-II
 * @param roots         every self-consistent |a| found (ascending); {@code a} is one of them
 * @param branch        which root was returned and why, in words
 */
public record ModularSolution(ModularParams params, Normalization normalization, double a, double lambda,
                              double fDrop, double actionGap, double phiPlus, Phase phase, double[] roots,
                              String branch) {

    /** The learned fraction of the target in the mean predictor, λ/(λ + σ²) = 1 − |a| (notes §5.4). */
    public double learned() {
        return 1.0 - a;
    }

    /** Effective interaction u (notes §5.2). */
    public double u() {
        return params.u();
    }

    /** Quartic coupling g = u a² at the solution. */
    public double g() {
        return params.g(a);
    }

    /** Whether the per-mode action has a non-zero saddle at the solution. */
    public boolean hasNonZeroSaddle() {
        return !Double.isNaN(actionGap);
    }
}
