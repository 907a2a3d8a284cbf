package dev.grokphase.theory.modular;

/**
 * The action of one Fourier mode k ≠ 0 (notes §5.6–§5.7), with Φ = |w_k|² and Ψ = |v_k|²:
 *
 * <pre>
 *   S_k / P = (Φ + Ψ)/2 − g ΦΨ + (γ/6)(Φ³ + Ψ³),   g = u a²,
 * </pre>
 *
 * which along the symmetric line Φ = Ψ reads S_k/P = Φ − gΦ² + (γ/3)Φ³. Stationarity on that line,
 * 1 − 2gΦ + γΦ² = 0, gives the non-zero saddles Φ_± = (g ± √(g² − γ))/γ (they exist iff g² ≥ γ);
 * Φ_+ is the minimum, Φ_− the barrier. All methods are static and allocation-free.
 */
public final class ModeAction {

    private ModeAction() {
    }

    /** S_k/P along Φ = Ψ, relative to the zero saddle (S_k(0) = 0). */
    public static double actionPerP(double phi, double g, double gamma) {
        return phi * (1.0 - g * phi + gamma / 3.0 * phi * phi);
    }

    /** The full two-variable per-mode action S_k/P(Φ, Ψ), for the symmetric-saddle check. */
    public static double actionPerP(double phi, double psi, double g, double gamma) {
        return 0.5 * (phi + psi) - g * phi * psi + gamma / 6.0 * (phi * phi * phi + psi * psi * psi);
    }

    /** Whether the non-zero saddles exist: g² ≥ γ with g > 0. */
    public static boolean hasNonZeroSaddle(double g, double gamma) {
        return g > 0 && g * g >= gamma;
    }

    /** Φ_+ = w_+² = (g + √(g² − γ))/γ, the non-zero minimum; NaN when it does not exist. */
    public static double phiPlus(double g, double gamma) {
        if (!hasNonZeroSaddle(g, gamma)) {
            return Double.NaN;
        }
        return (g + Math.sqrt(g * g - gamma)) / gamma;
    }

    /** Φ_− = w_−² = 1/(g + √(g² − γ)) (the same root written without cancellation); NaN when absent. */
    public static double phiMinus(double g, double gamma) {
        if (!hasNonZeroSaddle(g, gamma)) {
            return Double.NaN;
        }
        return 1.0 / (g + Math.sqrt(g * g - gamma));
    }

    /**
     * Mixture weight of the non-zero saddle of one mode (notes §5.7):
     * f = 4e^{−S}/(1 + 4e^{−S}) = 1/(1 + e^{S − ln 4}), computed without overflow for |S| in the
     * thousands (S_k is P times an O(Φ) number).
     */
    public static double dropletWeight(double actionGap) {
        double x = actionGap - LN4;
        if (x > 0) {
            double e = Math.exp(-x);
            return e / (1.0 + e);
        }
        return 1.0 / (1.0 + Math.exp(x));
    }

    /** ln 4: the four sign choices (±w_+, ±w_+) of the non-zero saddle in the magnitudes' measure (§5.7). */
    static final double LN4 = Math.log(4.0);
}
