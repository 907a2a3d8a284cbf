package dev.grokphase.theory.modular;

import org.hipparchus.analysis.UnivariateFunction;
import org.hipparchus.analysis.solvers.AllowedSolution;
import org.hipparchus.analysis.solvers.BracketingNthOrderBrentSolver;

/**
 * Closed forms of the P → ∞ limit along the Table 1 scaling (notes §5.7 [D]). In that limit the
 * mixture weight of a mode is a step function of the action gap S_k(w_+) (S_k is P times an O(1)
 * number), so the phases are sharp:
 *
 * <ul>
 *   <li>spinodal: the metastable non-zero saddle appears at |a| = 1 when u = √γ;</li>
 *   <li>degeneracy S_k(w_+) = 0 together with S_k'(w_+) = 0 gives g* = √(4γ/3) and Φ* = √(3/γ);</li>
 *   <li>GMFL-I starts at u = g* with |a| = 1, i.e. σ²_c1 = √(2σ_a²P²/(g* N));</li>
 *   <li>inside GMFL-I the degeneracy is held by the feedback, u a² = g*, so |a| = σ²/σ²_c1, and the
 *       droplet fraction follows a lever rule from λ = c σ_a² Φ*² f = σ²(1/|a| − 1) = σ²_c1 − σ²:
 *       f_drop = (σ²_c1 − σ²)/Λ with Λ = c · 3σ_a²/γ (c = 1 printed, 4P² exact);</li>
 *   <li>GMFL-II starts where f_drop = 1: σ²_c2 = σ²_c1 − Λ (no GMFL-II for σ² &gt; 0 when Λ ≥ σ²_c1);</li>
 *   <li>in GMFL-II f = 1 and |a| solves |a| = σ²/(c σ_a² Φ_+(u a²)² + σ²), a unique root in
 *       [σ²/σ²_c1, 1] (the residual is increasing and changes sign on that interval).</li>
 * </ul>
 */
public final class ThermodynamicLimit {

    private ThermodynamicLimit() {
    }

    /** g* = √(4γ/3): the coupling at which the zero and non-zero saddles are degenerate. */
    public static double gStar(double gamma) {
        return Math.sqrt(4.0 * gamma / 3.0);
    }

    /** Φ* = w_+² at degeneracy = 2/g* = √(3/γ). */
    public static double phiStar(double gamma) {
        return Math.sqrt(3.0 / gamma);
    }

    /** u at which the metastable non-zero saddle first appears (|a| = 1): √γ. */
    public static double uSpinodal(double gamma) {
        return Math.sqrt(gamma);
    }

    /** The σ² at which the effective interaction equals u: σ² = √(2σ_a²P²/(N u)). */
    public static double sigma2ForU(ModularParams p, double u) {
        return Math.sqrt(2.0 * p.sigmaA2() * (double) p.p() * p.p() / (p.n() * u));
    }

    /** σ²_c1, the onset of GMFL-I (u = g* at |a| = 1). Independent of the normalisation. */
    public static double sigma2c1(ModularParams p) {
        return sigma2ForU(p, gStar(p.gamma()));
    }

    /** σ² at the spinodal (u = √γ at |a| = 1). */
    public static double sigma2Spinodal(ModularParams p) {
        return sigma2ForU(p, uSpinodal(p.gamma()));
    }

    /** Λ = c · 3σ_a²/γ: the eigenvalue λ with every mode a droplet at degeneracy. */
    public static double dropletScale(ModularParams p, Normalization norm) {
        return norm.factor(p.p()) * 3.0 * p.sigmaA2() / p.gamma();
    }

    /** σ²_c2 = σ²_c1 − Λ, the onset of GMFL-II; ≤ 0 means GMFL-II is never reached. */
    public static double sigma2c2(ModularParams p, Normalization norm) {
        return sigma2c1(p) - dropletScale(p, norm);
    }

    /** The P → ∞ state at the point (σ² taken from {@code p}). */
    public static ModularSolution solve(ModularParams p, Normalization norm) {
        double s2 = p.sigma2();
        double c1 = sigma2c1(p);
        double c2 = sigma2c2(p, norm);
        if (s2 > c1) {
            double g = p.g(1.0);
            double phi = ModeAction.phiPlus(g, p.gamma());
            double gap = Double.isNaN(phi) ? Double.NaN : p.p() * ModeAction.actionPerP(phi, g, p.gamma());
            return new ModularSolution(p, norm, 1.0, 0.0, 0.0, gap, phi, Phase.GFL, new double[] {1.0},
                    "closed form: GFL, |a| = 1");
        }
        if (s2 > c2) {
            double a = s2 / c1;
            double f = (c1 - s2) / dropletScale(p, norm);
            double phi = phiStar(p.gamma());
            // Degenerate by construction (u a² = g*), so the gap is exactly zero.
            return new ModularSolution(p, norm, a, c1 - s2, f, 0.0, phi, Phase.GMFL_I, new double[] {a},
                    "closed form: GMFL-I, |a| = sigma2/sigma2c1, lever rule");
        }
        double scale = norm.factor(p.p()) * p.sigmaA2();
        UnivariateFunction fII = a -> {
            double phi = ModeAction.phiPlus(p.g(a), p.gamma());
            return a - s2 / (scale * phi * phi + s2);
        };
        double lo = Math.min(1.0, s2 / c1);
        double a = fII.value(lo) >= 0 ? lo
                : new BracketingNthOrderBrentSolver(1e-15, 1e-16, 0.0, 5).solve(10_000, fII, lo, 1.0, AllowedSolution.ANY_SIDE);
        double g = p.g(a);
        double phi = ModeAction.phiPlus(g, p.gamma());
        return new ModularSolution(p, norm, a, scale * phi * phi, 1.0, p.p() * ModeAction.actionPerP(phi, g, p.gamma()),
                phi, Phase.GMFL_II, new double[] {a}, "closed form: GMFL-II, f_drop = 1");
    }
}
