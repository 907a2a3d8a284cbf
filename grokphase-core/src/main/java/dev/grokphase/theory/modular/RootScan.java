package dev.grokphase.theory.modular;

import org.hipparchus.analysis.UnivariateFunction;
import org.hipparchus.analysis.solvers.AllowedSolution;
import org.hipparchus.analysis.solvers.BracketingNthOrderBrentSolver;

import java.util.ArrayList;
import java.util.List;

/**
 * Every root of a function on (0, 1] by bracketing: a uniform grid scan for sign changes (and exact
 * zeros), each refined by a bracketing Brent solver. Never iterates a fixed point, so it cannot
 * oscillate; roots closer together than one grid cell can be missed, which is why the scan is
 * fine (thousands of cells) and why {@link ModularSolver} documents that its residual is monotone.
 */
final class RootScan {

    private final BracketingNthOrderBrentSolver brent = new BracketingNthOrderBrentSolver(1e-15, 1e-16, 0.0, 5);
    private final int grid;

    RootScan(int grid) {
        if (grid < 2) {
            throw new IllegalArgumentException("grid must be >= 2: " + grid);
        }
        this.grid = grid;
    }

    /** Roots of f on [1/grid, 1], ascending; empty when f has no sign change there. */
    double[] roots(UnivariateFunction f) {
        List<Double> roots = new ArrayList<>();
        double aPrev = 1.0 / grid;
        double fPrev = f.value(aPrev);
        if (fPrev == 0) {
            roots.add(aPrev);
        }
        for (int i = 2; i <= grid; i++) {
            double ai = (double) i / grid;
            double fi = f.value(ai);
            if (fi == 0) {
                roots.add(ai);
            } else if (fPrev != 0 && (fPrev < 0) != (fi < 0)) {
                roots.add(brent.solve(10_000, f, aPrev, ai, AllowedSolution.ANY_SIDE));
            }
            aPrev = ai;
            fPrev = fi;
        }
        double[] out = new double[roots.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = roots.get(i);
        }
        return out;
    }
}
