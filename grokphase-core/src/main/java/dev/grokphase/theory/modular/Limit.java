package dev.grokphase.theory.modular;

/** Which solver: the finite-P mixture ({@link ModularSolver}) or the P → ∞ closed forms ({@link ThermodynamicLimit}). */
public enum Limit {
    FINITE,
    THERMODYNAMIC;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
