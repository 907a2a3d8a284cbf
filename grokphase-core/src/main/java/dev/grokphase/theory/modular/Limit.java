package dev.grokphase.theory.modular;

/**
 * Which solver: the finite-P saddle-point mixture ({@link ModularSolver}), the P → ∞ closed forms
 * ({@link ThermodynamicLimit}), or the per-mode distribution integrated with no saddle-point step
 * ({@link IntegralSolver}).
 */
public enum Limit {
    FINITE,
    THERMODYNAMIC,
    INTEGRAL;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
