package dev.grokphase.theory.modular;

/**
 * Transition points of model 2 for one normalisation and limit.
 *
 * @param sigma2c1        onset of GMFL-I (largest σ² with droplets)
 * @param sigma2c2        onset of GMFL-II; NaN when it is not reached for σ² &gt; 0
 * @param aAtC1           |a| at σ²_c1
 * @param aAtC2           |a| at σ²_c2 (the end of GMFL-I); NaN when σ²_c2 is
 * @param sigma2c2Formal  the closed form σ²_c1 − Λ, possibly ≤ 0 (then GMFL-II is unreachable)
 * @param sigma2Spinodal  σ² at which the metastable non-zero saddle appears (|a| = 1)
 * @param uC1             u at σ²_c1
 * @param gStar           coupling at degeneracy, √(4γ/3)
 * @param phiStar         Φ* = w_+² at degeneracy, √(3/γ)
 * @param dropletScale    Λ = c·3σ_a²/γ, the eigenvalue with all modes droplets at degeneracy
 */
public record Transition(Normalization normalization, Limit limit, double sigma2c1, double sigma2c2,
                         double aAtC1, double aAtC2, double sigma2c2Formal, double sigma2Spinodal, double uC1,
                         double gStar, double phiStar, double dropletScale) {
}
