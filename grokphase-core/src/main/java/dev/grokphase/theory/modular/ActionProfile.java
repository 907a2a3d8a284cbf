package dev.grokphase.theory.modular;

/**
 * The per-mode action along Φ = Ψ at a solved point, S_k/P = Φ − gΦ² + (γ/3)Φ³ with g = u|a|²
 * (notes §5.6; what the paper's Fig. 3a plots, up to its vertical scale).
 *
 * @param phi    grid of Φ = |w_k|² = |v_k|² from 0 to {@code phi[phi.length-1]}
 * @param sPerP  S_k/P at each grid point, relative to the zero saddle
 */
public record ActionProfile(double[] phi, double[] sPerP) {

    /**
     * The profile on {@code points} equally spaced Φ in [0, Φ_max], Φ_max = 1.25·max(Φ_+, Φ*) so the
     * non-zero minimum (or where it would be at degeneracy) is inside the plot.
     */
    public static ActionProfile of(ModularSolution s, int points) {
        if (points < 2) {
            throw new IllegalArgumentException("points must be >= 2: " + points);
        }
        double gamma = s.params().gamma();
        double g = s.g();
        double top = ThermodynamicLimit.phiStar(gamma);
        if (!Double.isNaN(s.phiPlus())) {
            top = Math.max(top, s.phiPlus());
        }
        double max = 1.25 * top;
        double[] phi = new double[points];
        double[] sp = new double[points];
        for (int i = 0; i < points; i++) {
            phi[i] = max * i / (points - 1);
            sp[i] = ModeAction.actionPerP(phi[i], g, gamma);
        }
        return new ActionProfile(phi, sp);
    }
}
