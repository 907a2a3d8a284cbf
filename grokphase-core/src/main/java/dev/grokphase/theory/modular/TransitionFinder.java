package dev.grokphase.theory.modular;

import org.hipparchus.analysis.UnivariateFunction;
import org.hipparchus.analysis.solvers.AllowedSolution;
import org.hipparchus.analysis.solvers.BracketingNthOrderBrentSolver;

/**
 * Locates σ²_c1 and σ²_c2 (notes §5.7, §5.8), either from the closed forms or, at finite P, as
 * the σ² at which the finite-P phase label of {@link ModularSolver#classify} changes:
 * σ²_c1 solves 1 − |a|(σ²) = {@link ModularSolver#GFL_TOLERANCE}, σ²_c2 solves
 * 1 − f_drop(σ²) = {@link ModularSolver#GMFL2_TOLERANCE}. Both are bracketed on a grid in σ²
 * around the closed-form values and refined with a bracketing Brent solver.
 */
public final class TransitionFinder {

    private static final int SCAN = 64;

    private final Normalization normalization;
    private final ModularSolver solver;
    private final BracketingNthOrderBrentSolver brent = new BracketingNthOrderBrentSolver(1e-13, 1e-16, 0.0, 5);

    public TransitionFinder(Normalization normalization) {
        this.normalization = normalization;
        this.solver = new ModularSolver(normalization);
    }

    /** Transition points for P, N, σ_a², γ of {@code p} (its σ² is ignored). */
    public Transition find(ModularParams p, Limit limit) {
        double c1Closed = ThermodynamicLimit.sigma2c1(p);
        double c2Closed = ThermodynamicLimit.sigma2c2(p, normalization);
        double spin = ThermodynamicLimit.sigma2Spinodal(p);
        double gStar = ThermodynamicLimit.gStar(p.gamma());
        double phiStar = ThermodynamicLimit.phiStar(p.gamma());
        double scale = ThermodynamicLimit.dropletScale(p, normalization);
        if (limit == Limit.THERMODYNAMIC) {
            double c2 = c2Closed > 0 ? c2Closed : Double.NaN;
            return new Transition(normalization, limit, c1Closed, c2, 1.0, c2 / c1Closed, c2Closed, spin,
                    gStar, gStar, phiStar, scale);
        }
        UnivariateFunction h1 = s2 -> (1.0 - solver.solve(p.withSigma2(s2)).a()) - ModularSolver.GFL_TOLERANCE;
        // Above the spinodal there is no non-zero saddle at all, so |a| = 1 exactly there.
        double c1 = lastSignChange(h1, 1e-3 * c1Closed, Math.max(spin, c1Closed) * 1.01);
        UnivariateFunction h2 = s2 -> (1.0 - solver.solve(p.withSigma2(s2)).fDrop()) - ModularSolver.GMFL2_TOLERANCE;
        double c2 = Double.isNaN(c1) ? Double.NaN : lastSignChange(h2, 1e-3 * c1, c1);
        double aC1 = Double.isNaN(c1) ? Double.NaN : solver.solve(p.withSigma2(c1)).a();
        double aC2 = Double.isNaN(c2) ? Double.NaN : solver.solve(p.withSigma2(c2)).a();
        return new Transition(normalization, limit, c1, c2, aC1, aC2, c2Closed, spin,
                Double.isNaN(c1) ? Double.NaN : p.withSigma2(c1).u(), gStar, phiStar, scale);
    }

    /** The largest σ² in [lo, hi] where h changes sign (scanning down from hi), or NaN. */
    private double lastSignChange(UnivariateFunction h, double lo, double hi) {
        double xPrev = hi;
        double hPrev = h.value(hi);
        for (int i = 1; i <= SCAN; i++) {
            double x = hi - (hi - lo) * i / SCAN;
            double hx = h.value(x);
            if (hx == 0) {
                return x;
            }
            if ((hx < 0) != (hPrev < 0)) {
                return brent.solve(10_000, h, x, xPrev, AllowedSolution.ANY_SIDE);
            }
            xPrev = x;
            hPrev = hx;
        }
        return Double.NaN;
    }
}
