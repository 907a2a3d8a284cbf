package dev.grokphase.theory.cubic;

import java.util.ArrayList;
import java.util.List;

/**
 * Recipe B of notes §4.8: the model-1 theory in the limit d → ∞ at fixed invariants (u, r).
 *
 * <p><b>GFL branch.</b> c = ε and b solves b = 1/(1 + A/(1 − B u b²)), A = 4rσ_w²/(π D₀),
 * B = 4σ_w²/(π D₀), D₀ = 1 + 2σ_w² (a Gaussian q of variance σ_w²/(d(1 − B u b²))). The left side
 * b(1 + A/(1 − Bub²)) increases from 0 to ∞ on (0, min(1, 1/√(Bu))), so the root is unique.
 *
 * <p><b>Mixed phase GMFL-I.</b> Droplets of O(1) weight ω at ±q* keep the side wells exactly
 * degenerate with the zero well: (b, √6c) = [I + diag(A/(1 − Bub²), 0) + ω m(q*)]⁻¹ (1, √6ε),
 * s(q*) = 0, s'(q*) = 0. Because m = v vᵀ is rank one and s = q²[1/(2σ_w²) − (2u/π)(b − 2ct)²/D],
 * the two degeneracy conditions give (b, c) in closed form for each q*:
 * c² = π D³/(16 u σ_w² D₀²) (c takes the sign of ε) and b = 2c(q*² − D₀)/D; the cubic GPR row gives
 * P ≡ ω v·(b, √6c) = √6(ε − c)/v₃, and what is left is one scalar equation in q*,
 * b(1 + A/(1 − Bub²)) − 1 + v₁P = 0, solved for every root on a grid plus Brent.
 *
 * <p><b>GMFL-II</b> (our reading of notes §3.8 for model 1, see docs/theory.md): the lever rule
 * runs out when the droplet fraction ω/κ reaches 1 (κ = nσ_a²/σ² = r d at the point's d); then every
 * neuron sits in the side wells, (b, √6c) = [I + κ m(q*)]⁻¹ (1, √6ε) with s'(q*) = 0 and s(q*) &lt; 0.
 * It depends on d through κ, so it recedes to u → ∞ as d → ∞ and is not β-invariant.
 *
 * <p>Selection: the GFL branch when the zero well is the global minimum of s; otherwise the mixed
 * solution with ω/κ &lt; 1 (if several, the one with the smallest ω, i.e. continued from GFL);
 * otherwise a GMFL-II solution; otherwise the mixed solution whose lever rule over-fills (ω ≥ κ),
 * labelled GMFL-II. The GFL branch past the first-order point is kept in the list as a
 * metastable branch. Not thread-safe (it keeps the scan window of the current point): one instance per thread.
 */
public final class ThermodynamicSolver {

    /** Smallest overlap window searched for side wells. */
    private final double qMaxMin;
    /** Grid points per unit of q for the side-well scans. */
    private final double density;
    // Window of the current point: s grows like q²/(2σ_w²) minus a bounded reward, see window().
    private double qMax;
    private double[] grid;

    public ThermodynamicSolver() {
        this(6.0, 100);
    }

    /**
     * @param qMaxMin smallest window (0, qMax] searched for side wells
     * @param density grid points per unit of q in the scans (refined by Brent)
     */
    public ThermodynamicSolver(double qMaxMin, double density) {
        this.qMaxMin = qMaxMin;
        this.density = density;
        window(0, 0.5, 0);
    }

    /**
     * Sets the scan window for a point. For q → ∞, t → 1/2 and s ≥ q²/(2σ_w²) − (2u/π)(|b| + |c|)²/2;
     * with |b| ≤ 1.5 and |c| ≤ 1.5|ε| + 0.5 every well lies below the q where that bound is positive.
     */
    private void window(double u, double sigmaW2, double eps) {
        if (!(u <= U_MAX)) {
            throw new dev.grokphase.error.GrokphaseException(dev.grokphase.error.ErrorCode.OUT_OF_RANGE,
                    "the interaction u = n^2 sigma_a^2 / (sigma^4 d N) = " + u + " is out of range: allowed (0, " + U_MAX
                            + "] (beyond it the side-well scan overflows double precision); raise --sigma2 or lower --n");
        }
        double reward = (2 * u / Math.PI) * 0.5 * Math.pow(1.5 + 1.5 * Math.abs(eps) + 0.5, 2);
        double max = Math.max(qMaxMin, 1.1 * Math.sqrt(2 * sigmaW2 * reward));
        if (max != qMax || grid == null) {
            qMax = max;
            grid = scanGrid(qMaxMin, qMax, density);
        }
    }

    /** Above this many points beyond qMaxMin, the outer part of the scan grid is geometric. */
    static final int UNIFORM_OUTER_MAX = 2000;
    /** Points per decade of q on the geometric outer part. */
    static final int PER_DECADE = 400;

    /**
     * The scan grid: {@code density} points per unit on (0, qMaxMin], where the mixed-phase wells
     * sit (q* ≈ 1.7 at the paper's points, and it stays there as σ² → 0), then (qMaxMin, qMax]:
     * uniform while that takes at most {@link #UNIFORM_OUTER_MAX} points, else geometric with
     * {@link #PER_DECADE} points per decade. Beyond qMaxMin the wells are broad (their width grows
     * with q), so a relative spacing suffices. A uniform grid over the whole window was too coarse
     * near 0 at small σ² (the window grows like u^(1/2), u ∝ 1/σ²): below σ² ≈ 4e-5 its first
     * point passed q* and the mixed root was lost (GFL was then returned as a fallback), and
     * below σ² ≈ 1e-9 it needed millions of points per scan.
     */
    static double[] scanGrid(double qMaxMin, double qMax, double density) {
        int inner = (int) Math.ceil(qMaxMin * density);
        double outerUniform = Math.ceil(Math.sqrt(qMax - qMaxMin) * density);
        int outer;
        boolean geometric = outerUniform > UNIFORM_OUTER_MAX;
        if (!(qMax > qMaxMin)) {
            outer = 0;
        } else if (geometric) {
            outer = (int) Math.ceil(PER_DECADE * Math.log10(qMax / qMaxMin));
        } else {
            outer = (int) outerUniform;
        }
        double[] q = new double[inner + outer];
        for (int i = 0; i < inner; i++) {
            q[i] = qMaxMin * (i + 1) / inner;
        }
        for (int i = 1; i <= outer; i++) {
            q[inner + i - 1] = geometric
                    ? qMaxMin * Math.pow(qMax / qMaxMin, (double) i / outer)
                    : qMaxMin + (qMax - qMaxMin) * i / outer;
        }
        if (outer > 0) {
            q[q.length - 1] = qMax;
        }
        return q;
    }

    static double coefB(double sigmaW2) {
        return 4 * sigmaW2 / (Math.PI * (1 + 2 * sigmaW2));
    }

    static double coefA(double r, double sigmaW2) {
        return r * coefB(sigmaW2);
    }

    /** b on the GFL branch (notes §4.8). */
    public static double gflB(double u, double r, double sigmaW2) {
        double a = coefA(r, sigmaW2);
        double bb = coefB(sigmaW2);
        if (a == 0) {
            return 1.0;
        }
        // The left side b(1 + A/(1 − Bub²)) − 1 is −1 at b = 0 and ≥ A/(1 − Bu) > 0 at b = 1 (when
        // Bu < 1), or +∞ at b = 1/√(Bu) (when Bu ≥ 1): one bracketed, unique root.
        double top = bb * u >= 1 ? 1 / Math.sqrt(bb * u) : 1.0;
        return Roots.brent(b -> {
            double stiff = 1 - bb * u * b * b;
            return stiff <= 0 ? 1e300 : b * (1 + a / stiff) - 1;
        }, 0, top);
    }

    /** Side wells (local minima of s on (0, qMax]), located by s' sign changes and refined. */
    List<Double> sideWells(ReducedAction s) {
        double[] q = grid;
        List<Double> wells = new ArrayList<>();
        double prev = s.derivative(q[0]);
        for (int i = 1; i < q.length; i++) {
            double cur = s.derivative(q[i]);
            if (prev < 0 && cur >= 0) {
                wells.add(Roots.brent(s::derivative, q[i - 1], q[i]));
            }
            prev = cur;
        }
        return wells;
    }

    /** min over q in (0, qMax] of s'(q)/q: negative iff a side well exists (s' → s''(0) &gt; 0 at 0). */
    double spinodalIndicator(ReducedAction s) {
        double m = Double.POSITIVE_INFINITY;
        double[] q = grid;
        int arg = 0;
        for (int i = 0; i < q.length; i++) {
            double v = s.derivative(q[i]) / q[i];
            if (v < m) {
                m = v;
                arg = i;
            }
        }
        // Refine the minimum by golden-section search on the two neighbouring cells.
        double a = q[Math.max(0, arg - 1)];
        double b = q[Math.min(q.length - 1, arg + 1)];
        double g = (Math.sqrt(5) - 1) / 2;
        for (int it = 0; it < 60; it++) {
            double x1 = b - g * (b - a);
            double x2 = a + g * (b - a);
            if (s.derivative(x1) / x1 < s.derivative(x2) / x2) {
                b = x2;
            } else {
                a = x1;
            }
        }
        double x = 0.5 * (a + b);
        return Math.min(m, s.derivative(x) / x);
    }

    /** The lowest side well of the GFL branch and its depth s(q*) (NaN, +inf when there is none). */
    double[] gflSideWell(CubicParams p) {
        window(p.u(), p.sigmaW2(), p.eps());
        double u = p.u();
        double b = gflB(u, p.r(), p.sigmaW2());
        ReducedAction s = new ReducedAction(u, p.sigmaW2(), b, p.eps());
        double best = Double.POSITIVE_INFINITY;
        double at = Double.NaN;
        for (double w : sideWells(s)) {
            double v = s.value(w);
            if (v < best) {
                best = v;
                at = w;
            }
        }
        return new double[]{at, best, b};
    }

    /** Solves one point: every branch, one selected. */
    public CubicResult solve(CubicParams p) {
        window(p.u(), p.sigmaW2(), p.eps());
        double u = p.u();
        double r = p.r();
        double sw2 = p.sigmaW2();
        double eps = p.eps();
        double kappa = p.kappa();
        List<CubicSolution> out = new ArrayList<>();

        double bg = gflB(u, r, sw2);
        ReducedAction sg = new ReducedAction(u, sw2, bg, eps);
        double depth = Double.POSITIVE_INFINITY;
        double well = Double.NaN;
        for (double w : sideWells(sg)) {
            if (sg.value(w) < depth) {
                depth = sg.value(w);
                well = w;
            }
        }
        boolean gflStable = !(depth < 0);
        out.add(CubicSolution.of("gfl", Phase.GFL, false, bg, eps, well, 0, kappa, eps,
                Math.abs(bg * (1 + coefA(r, sw2) / (1 - coefB(sw2) * u * bg * bg)) - 1), 1));

        if (!gflStable) {
            out.addAll(mixed(p));
            out.addAll(gmfl2(p));
        }
        return new CubicResult(p, CubicResult.Limit.thermodynamic, select(out, gflStable));
    }

    private static List<CubicSolution> select(List<CubicSolution> all, boolean gflStable) {
        int pick = -1;
        if (gflStable) {
            pick = 0;
        } else {
            double best = Double.POSITIVE_INFINITY;
            for (int i = 0; i < all.size(); i++) {
                CubicSolution s = all.get(i);
                if (s.branch().equals("mixed") && s.dropletFraction() < 1 && s.dropletWeight() < best) {
                    best = s.dropletWeight();
                    pick = i;
                }
            }
            if (pick < 0) {
                for (int i = 0; i < all.size(); i++) {
                    if (all.get(i).branch().equals("gmfl2")) {
                        pick = i;
                        break;
                    }
                }
            }
            if (pick < 0) {
                // The lever rule over-fills (ω ≥ κ): the strict-limit mixed solution, labelled GMFL-II.
                double least = Double.POSITIVE_INFINITY;
                for (int i = 0; i < all.size(); i++) {
                    CubicSolution s = all.get(i);
                    if (s.branch().equals("mixed") && s.dropletWeight() < least) {
                        least = s.dropletWeight();
                        pick = i;
                    }
                }
            }
            if (pick < 0) {
                // Nothing self-consistent in the window: GFL is returned, and its side well with
                // s(q*) < 0 is visible in the output (qStar set); this was never seen for d ≥ 10.
                pick = 0;
            }
        }
        List<CubicSolution> res = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            res.add(all.get(i).withEquilibrium(i == pick));
        }
        return res;
    }

    /** Mixed-phase (GMFL-I) solutions: every root q* of the 1D reduction described in the class comment. */
    List<CubicSolution> mixed(CubicParams p) {
        double u = p.u();
        double r = p.r();
        double sw2 = p.sigmaW2();
        double eps = p.eps();
        double kappa = p.kappa();
        double a = coefA(r, sw2);
        double bb = coefB(sw2);
        double d0 = 1 + 2 * sw2;
        List<CubicSolution> out = new ArrayList<>();
        double[] signs = eps == 0 ? new double[]{1, -1} : new double[]{Math.signum(eps)};
        double[] grid = this.grid;
        for (double sign : signs) {
            java.util.function.DoubleUnaryOperator cOf = q -> {
                double dd = ReducedAction.bigD(sw2, q);
                return sign * Math.sqrt(Math.PI * dd * dd * dd / (16 * u * sw2 * d0 * d0));
            };
            java.util.function.DoubleUnaryOperator bOf = q -> 2 * cOf.applyAsDouble(q) * (q * q - d0) / ReducedAction.bigD(sw2, q);
            org.hipparchus.analysis.UnivariateFunction res = q -> {
                double c = cOf.applyAsDouble(q);
                double b = bOf.applyAsDouble(q);
                double stiff = 1 - bb * u * b * b;
                double pp = Math.sqrt(6) * (eps - c) / ReducedAction.projection3(sw2, q);
                // Multiplied by the zero-well stiffness 1 − Bub² so that it stays continuous through the
                // pole of A/(1 − Bub²); roots with stiffness ≤ 0 are discarded below.
                return b * (stiff + a) + stiff * (ReducedAction.projection1(sw2, q) * pp - 1);
            };
            int evals = 0;
            for (double q : Roots.all(res, grid)) {
                evals++;
                double c = cOf.applyAsDouble(q);
                double b = bOf.applyAsDouble(q);
                double v1 = ReducedAction.projection1(sw2, q);
                double v3 = ReducedAction.projection3(sw2, q);
                double pp = Math.sqrt(6) * (eps - c) / v3;
                double omega = pp / (v1 * b + v3 * Math.sqrt(6) * c);
                ReducedAction s = new ReducedAction(u, sw2, b, c);
                if (!(1 - bb * u * b * b > 0) || !(omega >= 0) || s.secondDerivative(q) <= 0 || !globalMinimum(s, q)) {
                    continue;
                }
                Phase ph = omega / kappa >= 1 ? Phase.GMFL_II : Phase.GMFL_I;
                double resid = Math.max(Math.abs(s.value(q)), Math.abs(s.derivative(q)));
                out.add(CubicSolution.of("mixed", ph, false, b, c, q, omega, kappa, eps, resid, evals));
            }
        }
        return out;
    }

    /** GMFL-II: every neuron in the side wells; roots q* of s'(q*) = 0 with (b, c) from [I + κ m(q*)]. */
    List<CubicSolution> gmfl2(CubicParams p) {
        double u = p.u();
        double sw2 = p.sigmaW2();
        double eps = p.eps();
        double kappa = p.kappa();
        double d0 = 1 + 2 * sw2;
        double s6 = Math.sqrt(6);
        List<CubicSolution> out = new ArrayList<>();
        double[] grid = this.grid;
        java.util.function.Function<Double, double[]> bc = q -> {
            double v1 = ReducedAction.projection1(sw2, q);
            double v3 = ReducedAction.projection3(sw2, q);
            // Sherman–Morrison: [I + κ v vᵀ]⁻¹ y = y − κ v (v·y)/(1 + κ|v|²).
            double vy = v1 + v3 * s6 * eps;
            double f = kappa * vy / (1 + kappa * (v1 * v1 + v3 * v3));
            return new double[]{1 - f * v1, (s6 * eps - f * v3) / s6};
        };
        org.hipparchus.analysis.UnivariateFunction res = q -> {
            double[] x = bc.apply(q);
            return x[0] - 2 * x[1] * (q * q - d0) / ReducedAction.bigD(sw2, q);
        };
        for (double q : Roots.all(res, grid)) {
            double[] x = bc.apply(q);
            ReducedAction s = new ReducedAction(u, sw2, x[0], x[1]);
            if (!(s.value(q) < 0) || s.secondDerivative(q) <= 0 || !globalMinimum(s, q)) {
                continue;
            }
            out.add(CubicSolution.of("gmfl2", Phase.GMFL_II, false, x[0], x[1], q, kappa, kappa, eps,
                    Math.abs(s.derivative(q)), 1));
        }
        return out;
    }

    /** True when no other point of (0, qMax] lies below s(q) by more than rounding. */
    private boolean globalMinimum(ReducedAction s, double q) {
        double sq = s.value(q);
        double tol = 1e-10 * (1 + Math.abs(sq));
        for (double x : grid) {
            if (s.value(x) < sq - tol) {
                return false;
            }
        }
        return true;
    }

    /**
     * Largest interaction u the solver accepts: the side-well scan reaches q ~ u^(1/2) and squares
     * it, so far beyond this double precision overflows (σ² = 1e-300 gave an infinite window).
     */
    public static final double U_MAX = 1e200;

    /** Whether the solver can work at this point (u finite and at most {@link #U_MAX}). */
    public static boolean inDomain(CubicParams p) {
        double u = p.u();
        return u <= U_MAX && Double.isFinite(p.r()) && Double.isFinite(p.kappa());
    }

    /**
     * Finds the spinodal and the first-order point along {@code axis}, searching [lo, hi] first and
     * widening it (×/÷ 10, up to 20 times, never beyond the solver's domain, see {@link #inDomain})
     * when the transition lies outside. The scan has at least 40 points per decade.
     *
     * @throws dev.grokphase.error.GrokphaseException when no transition exists on the axis
     */
    public Transition transition(CubicParams base, SweepAxis axis, double lo, double hi) {
        if (!(hi > lo)) {
            double v = Math.max(lo, hi);
            lo = v / 2;
            hi = v * 2;
        }
        lo = clampToDomain(base, axis, lo, hi, true);
        hi = clampToDomain(base, axis, lo, hi, false);
        for (int widen = 0; widen <= 20; widen++) {
            int points = (int) Math.min(4000, Math.max(241, Math.ceil(40 * Math.log10(hi / lo))));
            double[] grid = geometric(lo, hi, points);
            double[] sp = new double[grid.length];
            for (int i = 0; i < grid.length; i++) {
                sp[i] = spinodalIndicator(gflAction(axis.with(base, grid[i])));
            }
            int k = firstSignChange(sp);
            if (k >= 0) {
                double[] tr = new double[grid.length];
                for (int i = 0; i < grid.length; i++) {
                    tr[i] = sp[i] < 0 ? gflSideWell(axis.with(base, grid[i]))[1] : Double.POSITIVE_INFINITY;
                }
                int j = firstSignChangeFinite(tr, sp);
                if (j >= 0) {
                    return refine(base, axis, grid, k, j);
                }
            }
            double newLo = lo / 10;
            double newHi = hi * 10;
            boolean moved = false;
            if (newLo >= 1e-300 && inDomain(axis.with(base, newLo))) {
                lo = newLo;
                moved = true;
            }
            if (newHi <= 1e300 && inDomain(axis.with(base, newHi))) {
                hi = newHi;
                moved = true;
            }
            if (!moved) {
                break;
            }
        }
        throw new dev.grokphase.error.GrokphaseException(dev.grokphase.error.ErrorCode.NOT_BRACKETING,
                axis.option() + ": no GFL -> GMFL-I transition found between " + lo + " and " + hi
                        + " (allowed: a parameter point whose theory has a first-order transition on this axis)");
    }

    /** Moves an end of [lo, hi] inside the domain by halving its distance (geometrically) to the other end. */
    private static double clampToDomain(CubicParams base, SweepAxis axis, double lo, double hi, boolean lower) {
        double x = lower ? lo : hi;
        double other = lower ? hi : lo;
        for (int i = 0; i < 200 && !inDomain(axis.with(base, x)); i++) {
            x = Math.sqrt(x * other);
        }
        if (!inDomain(axis.with(base, x))) {
            throw new dev.grokphase.error.GrokphaseException(dev.grokphase.error.ErrorCode.OUT_OF_RANGE,
                    axis.option() + " = " + x + " is out of range: the interaction u = n^2 sigma_a^2 / (sigma^4 d N) = "
                            + axis.with(base, x).u() + " exceeds " + U_MAX + ", where the theory's side-well scan overflows double precision");
        }
        return x;
    }

    private Transition refine(CubicParams base, SweepAxis axis, double[] grid, int k, int j) {
        org.hipparchus.analysis.UnivariateFunction spF = x -> spinodalIndicator(gflAction(axis.with(base, x)));
        double xs = Roots.brent(spF, grid[k], grid[k + 1]);
        // Between the spinodal and the far side of the bracket a side well exists, so the depth is finite.
        double a = grid[j];
        double b = grid[j + 1];
        org.hipparchus.analysis.UnivariateFunction trF = x -> {
            double depth = gflSideWell(axis.with(base, x))[1];
            return Double.isFinite(depth) ? depth : 1e-3;
        };
        double xc = Roots.brent(trF, a, b);
        CubicParams ps = axis.with(base, xs);
        CubicParams pc = axis.with(base, xc);
        double[] wc = gflSideWell(pc);
        ReducedAction ss = gflAction(ps);
        double qs = argminSlope(ss);
        return new Transition(axis, xs, xc, ps.u(), pc.u(), ps.r(), pc.r(), qs, wc[0], wc[2]);
    }

    private double argminSlope(ReducedAction s) {
        double[] q = grid;
        int arg = 0;
        for (int i = 1; i < q.length; i++) {
            if (s.derivative(q[i]) / q[i] < s.derivative(q[arg]) / q[arg]) {
                arg = i;
            }
        }
        double a = q[Math.max(0, arg - 1)];
        double b = q[Math.min(q.length - 1, arg + 1)];
        double g = (Math.sqrt(5) - 1) / 2;
        for (int it = 0; it < 80; it++) {
            double x1 = b - g * (b - a);
            double x2 = a + g * (b - a);
            if (s.derivative(x1) / x1 < s.derivative(x2) / x2) {
                b = x2;
            } else {
                a = x1;
            }
        }
        return 0.5 * (a + b);
    }

    ReducedAction gflAction(CubicParams p) {
        double u = p.u();
        window(u, p.sigmaW2(), p.eps());
        return new ReducedAction(u, p.sigmaW2(), gflB(u, p.r(), p.sigmaW2()), p.eps());
    }

    private static int firstSignChange(double[] v) {
        for (int i = 0; i + 1 < v.length; i++) {
            if (v[i] * v[i + 1] < 0) {
                return i;
            }
        }
        return -1;
    }

    /** First sign change of tr between two points that both have a side well (sp &lt; 0). */
    private static int firstSignChangeFinite(double[] tr, double[] sp) {
        for (int i = 0; i + 1 < tr.length; i++) {
            if (sp[i] < 0 && sp[i + 1] < 0 && tr[i] * tr[i + 1] < 0) {
                return i;
            }
        }
        return -1;
    }

    private static double[] geometric(double lo, double hi, int n) {
        double[] x = new double[n];
        double la = Math.log(lo);
        double lb = Math.log(hi);
        for (int i = 0; i < n; i++) {
            x[i] = Math.exp(la + (lb - la) * i / (n - 1));
        }
        x[0] = lo;
        x[n - 1] = hi;
        return x;
    }

    public double qMax() {
        return qMax;
    }
}
