package dev.grokphase.theory.cubic;

import org.hipparchus.analysis.UnivariateFunction;
import org.hipparchus.analysis.solvers.BrentSolver;

import java.util.ArrayList;
import java.util.List;

/** Bracketing helpers shared by the solvers: every root of a scalar function on a grid, refined by Brent. */
final class Roots {

    private Roots() {
    }

    static double brent(UnivariateFunction f, double a, double b) {
        return new BrentSolver(1e-15, 1e-14).solve(200, f, a, b);
    }

    /**
     * All sign changes of f on the grid x (NaN values split the grid), each refined by Brent.
     * A grid point where f is exactly 0 is returned as a root.
     */
    static List<Double> all(UnivariateFunction f, double[] x) {
        List<Double> roots = new ArrayList<>();
        double xa = x[0];
        double fa = f.value(xa);
        for (int i = 1; i < x.length; i++) {
            double xb = x[i];
            double fb = f.value(xb);
            if (fa == 0 && !Double.isNaN(fa)) {
                roots.add(xa);
            } else if (!Double.isNaN(fa) && !Double.isNaN(fb) && fa * fb < 0) {
                roots.add(brent(f, xa, xb));
            }
            xa = xb;
            fa = fb;
        }
        return roots;
    }

    static double[] linspace(double a, double b, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = a + (b - a) * i / (n - 1);
        }
        return x;
    }
}
