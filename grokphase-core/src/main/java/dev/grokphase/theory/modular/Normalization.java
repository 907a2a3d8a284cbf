package dev.grokphase.theory.modular;

/**
 * How the kernel eigenvalue on the target is normalised (notes §5.7 and §9 item 7).
 *
 * <ul>
 *   <li>{@link #PAPER}: λ = σ_a² ⟨|w_k|²|v_k|²⟩, as printed in the paper (App. B.4). It reproduces
 *       the paper's Fig. 3 numbers (GMFL-I from σ² ≈ 0.236, GMFL-II from σ² ≈ 0.176).</li>
 *   <li>{@link #EXACT}: λ = 4P² σ_a² ⟨|w_k|²|v_k|²⟩, the actual matrix eigenvalue of
 *       Q = σ_a²⟨φφ⟩ on the target subspace; under the prior (⟨|w_k|²⟩ = 1/P) it equals the NNGP
 *       eigenvalue 4σ_a² of §5.5. The droplet weight then stays of order 1/P² inside GMFL-I and
 *       GMFL-II is not reached at any σ² > 0 for the Fig. 3 parameters.</li>
 * </ul>
 */
public enum Normalization {
    PAPER,
    EXACT;

    /** The factor multiplying σ_a²⟨|w_k|²|v_k|²⟩ in λ: 1 or 4P². */
    public double factor(int p) {
        return this == PAPER ? 1.0 : 4.0 * (double) p * p;
    }

    /** Lower-case name as used on the command line and in output. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
