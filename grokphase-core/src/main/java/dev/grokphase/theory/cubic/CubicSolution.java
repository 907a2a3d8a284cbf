package dev.grokphase.theory.cubic;

/**
 * One self-consistent solution (a "branch") of model 1 at one parameter point.
 *
 * @param branch          how it was found: {@code gfl}, {@code mixed}, {@code gmfl2} (thermodynamic
 *                        solver) or {@code fixed-point} (finite-d solver)
 * @param phase           GFL, GMFL-I or GMFL-II (criteria in docs/theory.md, "model 1")
 * @param equilibrium     true for the branch the solver returns as the answer; false for
 *                        metastable or unselected branches
 * @param b               discrepancy of the linear channel: y − f̄ = b H₁ + c H₃ (notes §4.3)
 * @param c               discrepancy of the cubic channel
 * @param qStar           position q* &gt; 0 of the side wells (NaN when there are none)
 * @param dropletWeight   ω = κ · (probability of the side wells), the O(1) droplet weight of §4.8
 * @param dropletFraction probability that a neuron sits in a side well, ω/κ
 * @param learnedLinear   1 − b, the learned H₁ component of the mean predictor
 * @param learnedCubic    (ε − c)/ε, the learned fraction of the cubic component (NaN for ε = 0)
 * @param residual        max-norm of the self-consistency residual at the returned point
 * @param iterations      root-finder iterations (function evaluations for 1D solves)
 */
public record CubicSolution(String branch, Phase phase, boolean equilibrium, double b, double c, double qStar,
                            double dropletWeight, double dropletFraction, double learnedLinear, double learnedCubic,
                            double residual, int iterations) {

    static CubicSolution of(String branch, Phase phase, boolean equilibrium, double b, double c, double qStar,
                            double omega, double kappa, double eps, double residual, int iterations) {
        return new CubicSolution(branch, phase, equilibrium, b, c, qStar, omega, omega / kappa, 1 - b,
                eps == 0 ? Double.NaN : (eps - c) / eps + 0.0, residual, iterations);
    }

    CubicSolution withEquilibrium(boolean eq) {
        return new CubicSolution(branch, phase, eq, b, c, qStar, dropletWeight, dropletFraction, learnedLinear,
                learnedCubic, residual, iterations);
    }
}
