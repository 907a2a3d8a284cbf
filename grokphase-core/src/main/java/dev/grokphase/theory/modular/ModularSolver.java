package dev.grokphase.theory.modular;

/**
 * Finite-P self-consistency for the discrepancy magnitude |a| (notes §5.7):
 *
 * <pre>
 *   F(a) = a − σ² / (λ(a) + σ²) = 0,   a ∈ (0, 1],
 *   λ(a) = c_norm σ_a² Φ_+(g)² f_drop(g),   g = u a²,   f_drop = 4e^{−S}/(1 + 4e^{−S}),   S = P s(Φ_+),
 * </pre>
 *
 * with c_norm = 1 (printed) or 4P² (exact), and λ = 0 when g² &lt; γ (no non-zero saddle; the O(1/P)
 * Gaussian fluctuations of the zero saddle are dropped as in §5.7).
 *
 * <p><b>Every root is found by bracketing.</b> F is evaluated on a uniform grid of {@code grid}
 * points of (0, 1]; each sign change is refined by a bracketing Brent solver, so the iteration
 * never oscillates. [D] λ(a) is non-decreasing in a (Φ_+ grows with g, and by the envelope theorem
 * dS/dg = −PΦ_+² &lt; 0 so f_drop grows too), hence F is strictly increasing and there is exactly one
 * root; the scan is kept as a guard that would expose extra roots if the model were changed. When
 * several roots are found the one with the largest |a| is returned (the branch continuously
 * connected to the GP limit |a| = 1), and {@link ModularSolution#roots()} lists all of them.
 *
 * <p>Phase at finite P (the P → ∞ phases are sharp, here they are smoothed over O(1/P) in S):
 * GMFL-II when 1 − f_drop &lt; {@value #GMFL2_TOLERANCE}; else GFL when 1 − |a| &lt; {@value #GFL_TOLERANCE};
 * else GMFL-I. Both thresholds are independent of the normalisation (in the exact normalisation
 * f_drop stays O(1/P²) inside GMFL-I, so a threshold on f_drop alone would not do).
 *
 * <p>One instance per thread (the Brent solver keeps an evaluation counter).
 */
public final class ModularSolver {

    /** Default number of grid points of (0, 1] scanned for sign changes of F. */
    public static final int DEFAULT_GRID = 2048;
    /** Below this learned fraction 1 − |a| the point is GFL (droplets change the predictor by less). */
    public static final double GFL_TOLERANCE = 1e-4;
    /** Above 1 − this droplet weight the point is GMFL-II (the zero saddle is suppressed). */
    public static final double GMFL2_TOLERANCE = 1e-3;

    private final Normalization normalization;
    private final RootScan scan;

    public ModularSolver(Normalization normalization) {
        this(normalization, DEFAULT_GRID);
    }

    public ModularSolver(Normalization normalization, int grid) {
        this.normalization = normalization;
        this.scan = new RootScan(grid);
    }

    public Normalization normalization() {
        return normalization;
    }

    /** λ(a) for the mixture of the zero and the w_+ saddle at discrepancy magnitude a. */
    public double lambda(ModularParams p, double a) {
        return lambda(p, a, normalization);
    }

    static double lambda(ModularParams p, double a, Normalization norm) {
        double g = p.g(a);
        if (!ModeAction.hasNonZeroSaddle(g, p.gamma())) {
            return 0.0;
        }
        double phi = ModeAction.phiPlus(g, p.gamma());
        double gap = p.p() * ModeAction.actionPerP(phi, g, p.gamma());
        return norm.factor(p.p()) * p.sigmaA2() * phi * phi * ModeAction.dropletWeight(gap);
    }

    /** The residual F(a) = a − σ²/(λ(a) + σ²). */
    public double residual(ModularParams p, double a) {
        return a - p.sigma2() / (lambda(p, a) + p.sigma2());
    }

    /** Every root of F on (0, 1], ascending. */
    public double[] allRoots(ModularParams p) {
        double[] roots = scan.roots(a -> residual(p, a));
        if (roots.length == 0) {
            // F(1) = 1 − σ²/(λ+σ²) ≥ 0 and F(0+) = −1, so a root always exists; rounding can only hide
            // it at a = 1 when λ(1) is below σ²·ulp (deep GFL).
            return new double[] {1.0};
        }
        return roots;
    }

    /** Solves the self-consistency and returns the branch connected to the GP limit, with all roots. */
    public ModularSolution solve(ModularParams p) {
        double[] roots = allRoots(p);
        double a = roots[roots.length - 1];
        String branch = roots.length == 1 ? "unique root"
                : "largest of " + roots.length + " roots (branch connected to the GP limit)";
        return at(p, a, normalization, roots, branch);
    }

    /** The state at a given |a| (not necessarily self-consistent): saddles, weights, phase. */
    static ModularSolution at(ModularParams p, double a, Normalization norm, double[] roots, String branch) {
        double g = p.g(a);
        double phi = ModeAction.phiPlus(g, p.gamma());
        double gap = Double.NaN;
        double f = 0.0;
        double lambda = 0.0;
        if (!Double.isNaN(phi)) {
            gap = p.p() * ModeAction.actionPerP(phi, g, p.gamma());
            f = ModeAction.dropletWeight(gap);
            lambda = norm.factor(p.p()) * p.sigmaA2() * phi * phi * f;
        }
        return new ModularSolution(p, norm, a, lambda, f, gap, phi, classify(a, f), roots, branch);
    }

    /** Finite-P phase from the learned fraction and the droplet weight (thresholds in the class doc). */
    public static Phase classify(double a, double fDrop) {
        if (1.0 - fDrop < GMFL2_TOLERANCE) {
            return Phase.GMFL_II;
        }
        if (1.0 - a < GFL_TOLERANCE) {
            return Phase.GFL;
        }
        return Phase.GMFL_I;
    }
}
