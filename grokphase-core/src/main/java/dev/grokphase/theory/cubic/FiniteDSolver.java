package dev.grokphase.theory.cubic;

import dev.grokphase.error.ErrorCode;
import dev.grokphase.error.GrokphaseException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recipe A of notes §4.8: the model-1 theory at the point's own d. With p(q) ∝ exp(−S(q)),
 * S(q) = d·s(q) (notes §4.4), the 2×2 kernel M = ⟨m(q)⟩_p (notes §4.6, M₁₁ with the [P-fix] 4) and
 * (b, √6c) = [I + κM]⁻¹ (1, √6ε), the unknowns (b, c) solve the fixed point T(b, c) = (b, c).
 *
 * <p><b>Quadrature.</b> S is even in q, so averages are taken on q ∈ [0, q_max] by composite Simpson
 * on an odd number of points (default 2001). q_max is chosen per point so that S rises at least 50
 * above its minimum before q_max with the most rewarding discrepancies (b, c) = (1.2, 1.2ε), so the
 * neglected tail is below e⁻⁵⁰.
 *
 * <p><b>Root finding.</b> Newton on F = T − id with the exact Jacobian (derivatives of the p-averages
 * are covariances with ∂S/∂b and ∂S/∂c, computed in the same pass as the averages) and a
 * backtracking line search on |F|; never naive iteration, which oscillates near the transition
 * (notes §4.8). To find every solution, Newton starts from the thermodynamic-limit branches, from the
 * caller's seed (continuation), from (1, ε), and — unless {@code exhaustive} is off — from every cell of
 * a 14×14 scan of (b, c) in which both components of F change sign at the corners (the scan uses every
 * fourth quadrature point). Roots closer than 10⁻⁷ are merged.
 *
 * <p><b>Returned branch.</b> The root closest (Euclidean in (b, c)) to the thermodynamic-limit
 * equilibrium at the same (u, r); all roots are listed. <b>Phase</b> of a root: from the side well of
 * S (lowest interior local minimum at q* &gt; 0) and the mass w of p beyond the barrier between 0 and
 * q*: no side well, or ω = κw &lt; {@link #OMEGA_MIN}: GFL; w ≥ 1/2: GMFL-II; otherwise GMFL-I.
 * Not thread-safe (one instance per thread): it owns its quadrature buffers.
 */
public final class FiniteDSolver {

    /** Smallest droplet weight ω = κ w classed as GMFL-I at finite d (see docs/theory.md). */
    public static final double OMEGA_MIN = 0.1;

    private static final double SQRT6 = Math.sqrt(6);
    private static final int SCAN = 14;

    private final int gridPoints;
    private final boolean exhaustive;
    private final ThermodynamicSolver thermo = new ThermodynamicSolver();

    // Quadrature buffers for the current point (re-sized only when q_max or the grid changes).
    private double qMaxCur = Double.NaN;
    private double sw2Cur = Double.NaN;
    private double[] q;
    private double[] wts;
    private double[] t;
    private double[] f11;
    private double[] f13;
    private double[] f33;
    private double[] sBuf;

    // Point constants.
    private double dd;
    private double uu;
    private double kappa;
    private double eps;
    private double sw2;

    public FiniteDSolver() {
        this(2001, true);
    }

    /**
     * @param gridPoints Simpson points on [0, q_max] (odd, ≥ 101; even values are bumped by one)
     * @param exhaustive also scan (b, c) for roots the seeds miss
     */
    public FiniteDSolver(int gridPoints, boolean exhaustive) {
        if (gridPoints < 101) {
            throw GrokphaseException.outOfRange("--q-grid", gridPoints, "integers >= 101");
        }
        // Simpson needs an even number of intervals, and the coarse scan every fourth point.
        int intervals = (gridPoints - 1 + 3) / 4 * 4;
        this.gridPoints = intervals + 1;
        this.exhaustive = exhaustive;
    }

    public int gridPoints() {
        return gridPoints;
    }

    /** Solves a point, every branch found, one selected; {@code seed} (b, c) may be null. */
    public CubicResult solve(CubicParams p, double[] seed) {
        prepare(p);
        CubicResult th = thermo.solve(p);
        double[] target = {th.selected().b(), th.selected().c()};
        List<double[]> seeds = new ArrayList<>();
        if (seed != null) {
            seeds.add(seed.clone());
        }
        seeds.add(target);
        for (CubicSolution s : th.branches()) {
            seeds.add(new double[]{s.b(), s.c()});
        }
        seeds.add(new double[]{1, eps});
        List<double[]> roots = new ArrayList<>();
        List<Integer> iters = new ArrayList<>();
        for (double[] s : seeds) {
            newton(s, roots, iters);
        }
        if (exhaustive) {
            for (double[] s : scanSeeds()) {
                newton(s, roots, iters);
            }
        }
        if (roots.isEmpty()) {
            throw new GrokphaseException(ErrorCode.NO_CONVERGENCE, String.format(Locale.ROOT,
                    "finite-d solver: no self-consistent (b, c) found at sigma2 = %s, n = %s, N = %s, d = %s; allowed: try --limit thermodynamic or a finer --q-grid",
                    p.sigma2(), p.n(), p.N(), p.d()));
        }
        int pick = 0;
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < roots.size(); i++) {
            double db = roots.get(i)[0] - target[0];
            double dc = roots.get(i)[1] - target[1];
            double dist = db * db + dc * dc;
            if (dist < best) {
                best = dist;
                pick = i;
            }
        }
        List<CubicSolution> out = new ArrayList<>();
        for (int i = 0; i < roots.size(); i++) {
            out.add(classify(roots.get(i), i == pick, iters.get(i)));
        }
        return new CubicResult(p, CubicResult.Limit.finite, out);
    }

    public CubicResult solve(CubicParams p) {
        return solve(p, null);
    }

    /**
     * −log p(q) of the finite-d action at discrepancies (b, c), normalized on the whole line, on
     * {@code points} equally spaced q in [−qMax, qMax] (q_max of this point). Returns {q, −log p}.
     */
    public double[][] distribution(CubicParams p, double b, double c, int points) {
        prepare(p);
        int n = q.length;
        double smin = action(b, c, 1);
        double z = 0;
        for (int i = 0; i < n; i++) {
            z += wts[i] * Math.exp(-(sBuf[i] - smin));
        }
        double logZ = Math.log(2 * z) - smin;
        double[] qs = Roots.linspace(-qMaxCur, qMaxCur, points);
        double[] mlp = new double[points];
        ReducedAction s = new ReducedAction(uu, sw2, b, c);
        for (int i = 0; i < points; i++) {
            mlp[i] = dd * s.value(qs[i]) + logZ;
        }
        return new double[][]{qs, mlp};
    }

    // ------------------------------------------------------------------ internals

    private void prepare(CubicParams p) {
        dd = p.d();
        uu = p.u();
        kappa = p.kappa();
        eps = p.eps();
        sw2 = p.sigmaW2();
        double qm = chooseQMax();
        if (qm != qMaxCur || sw2 != sw2Cur || q == null) {
            build(qm);
        }
    }

    private double chooseQMax() {
        ReducedAction s = new ReducedAction(uu, sw2, 1.2, 1.2 * eps);
        double qm = 2.0;
        for (int k = 0; k < 40; k++) {
            double min = 0;
            for (double x : Roots.linspace(0, qm, 400)) {
                min = Math.min(min, s.value(x));
            }
            if (dd * (s.value(qm) - min) >= 50) {
                break;
            }
            qm *= 1.25;
        }
        return qm;
    }

    private void build(double qm) {
        int n = gridPoints;
        q = Roots.linspace(0, qm, n);
        double h = qm / (n - 1);
        wts = new double[n];
        t = new double[n];
        f11 = new double[n];
        f13 = new double[n];
        f33 = new double[n];
        sBuf = new double[n];
        for (int i = 0; i < n; i++) {
            wts[i] = (i == 0 || i == n - 1 ? 1 : (i % 2 == 1 ? 4 : 2)) * h / 3;
            double[] m = ReducedAction.singleNeuronMatrix(sw2, q[i]);
            f11[i] = m[0];
            f13[i] = m[1];
            f33[i] = m[2];
            t[i] = q[i] * q[i] / ReducedAction.bigD(sw2, q[i]);
        }
        qMaxCur = qm;
        sw2Cur = sw2;
    }

    /** Fills sBuf with S on every {@code stride}-th grid point; returns its minimum. */
    private double action(double b, double c, int stride) {
        double k = 2 * uu / Math.PI;
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < q.length; i += stride) {
            double e = b - 2 * c * t[i];
            double v = dd * (q[i] * q[i] / (2 * sw2) - k * t[i] * e * e);
            sBuf[i] = v;
            min = Math.min(min, v);
        }
        return min;
    }

    /**
     * Evaluates F = T(b, c) − (b, c) into f[0..1] and, when jac != null, its Jacobian (row-major 2×2).
     * {@code stride} 1 for the full quadrature, 4 for the coarse scan.
     */
    private void residual(double b, double c, int stride, double[] f, double[] jac) {
        double smin = action(b, c, stride);
        double k2 = 2 * dd * 2 * uu / Math.PI;
        double z = 0;
        double m11 = 0;
        double m13 = 0;
        double m33 = 0;
        double se = 0;
        double ste = 0;
        double s11e = 0;
        double s13e = 0;
        double s33e = 0;
        double s11te = 0;
        double s13te = 0;
        double s33te = 0;
        for (int i = 0; i < q.length; i += stride) {
            double w = (stride == 1 ? wts[i] : coarseWeight(i, stride)) * Math.exp(-(sBuf[i] - smin));
            z += w;
            double a11 = w * f11[i];
            double a13 = w * f13[i];
            double a33 = w * f33[i];
            m11 += a11;
            m13 += a13;
            m33 += a33;
            if (jac != null) {
                // e = −∂S/∂b; ∂S/∂c = 2t·e.
                double e = k2 * t[i] * (b - 2 * c * t[i]);
                double te = t[i] * e;
                se += w * e;
                ste += w * te;
                s11e += a11 * e;
                s13e += a13 * e;
                s33e += a33 * e;
                s11te += a11 * te;
                s13te += a13 * te;
                s33te += a33 * te;
            }
        }
        m11 /= z;
        m13 /= z;
        m33 /= z;
        // (I + κM) x = y, y = (1, √6ε).
        double a = 1 + kappa * m11;
        double bo = kappa * m13;
        double dgn = 1 + kappa * m33;
        double det = a * dgn - bo * bo;
        double y1 = 1;
        double y2 = SQRT6 * eps;
        double x1 = (dgn * y1 - bo * y2) / det;
        double x2 = (a * y2 - bo * y1) / det;
        f[0] = x1 - b;
        f[1] = x2 / SQRT6 - c;
        if (jac == null) {
            return;
        }
        double meanE = se / z;
        double meanTE = ste / z;
        // ∂⟨f⟩/∂b = −⟨f ∂S/∂b⟩ + ⟨f⟩⟨∂S/∂b⟩ = ⟨f e⟩ − ⟨f⟩⟨e⟩; ∂⟨f⟩/∂c = −2(⟨f te⟩ − ⟨f⟩⟨te⟩).
        double[] dMb = {s11e / z - m11 * meanE, s13e / z - m13 * meanE, s33e / z - m33 * meanE};
        double[] dMc = {-2 * (s11te / z - m11 * meanTE), -2 * (s13te / z - m13 * meanTE), -2 * (s33te / z - m33 * meanTE)};
        double[][] dM = {dMb, dMc};
        for (int col = 0; col < 2; col++) {
            double[] g = dM[col];
            // dx = −(I + κM)⁻¹ κ dM x
            double r1 = kappa * (g[0] * x1 + g[1] * x2);
            double r2 = kappa * (g[1] * x1 + g[2] * x2);
            double dx1 = -(dgn * r1 - bo * r2) / det;
            double dx2 = -(a * r2 - bo * r1) / det;
            jac[col] = dx1 - (col == 0 ? 1 : 0);
            jac[2 + col] = dx2 / SQRT6 - (col == 1 ? 1 : 0);
        }
    }

    /** Simpson weight of point i on the subgrid of every stride-th point (stride divides the intervals). */
    private double coarseWeight(int i, int stride) {
        int n = (q.length - 1) / stride;
        int j = i / stride;
        double h = qMaxCur / n;
        return (j == 0 || j == n ? 1 : (j % 2 == 1 ? 4 : 2)) * h / 3;
    }

    private void newton(double[] start, List<double[]> roots, List<Integer> iters) {
        double b = start[0];
        double c = start[1];
        double[] f = new double[2];
        double[] j = new double[4];
        double[] ft = new double[2];
        residual(b, c, 1, f, j);
        double norm = Math.hypot(f[0], f[1]);
        int it = 0;
        for (; it < 60 && norm > 1e-13; it++) {
            double det = j[0] * j[3] - j[1] * j[2];
            if (!(Math.abs(det) > 1e-300)) {
                return;
            }
            double db = -(j[3] * f[0] - j[1] * f[1]) / det;
            double dc = -(-j[2] * f[0] + j[0] * f[1]) / det;
            double lambda = 1;
            boolean accepted = false;
            for (int ls = 0; ls < 30; ls++) {
                double nb = b + lambda * db;
                double nc = c + lambda * dc;
                residual(nb, nc, 1, ft, null);
                double nn = Math.hypot(ft[0], ft[1]);
                if (Double.isFinite(nn) && nn < (1 - 1e-4 * lambda) * norm) {
                    b = nb;
                    c = nc;
                    accepted = true;
                    break;
                }
                lambda *= 0.5;
            }
            if (!accepted) {
                break;
            }
            residual(b, c, 1, f, j);
            norm = Math.hypot(f[0], f[1]);
        }
        if (!(norm <= 1e-10)) {
            return;
        }
        for (double[] r : roots) {
            if (Math.abs(r[0] - b) < 1e-7 && Math.abs(r[1] - c) < 1e-7) {
                return;
            }
        }
        roots.add(new double[]{b, c, Math.max(Math.abs(f[0]), Math.abs(f[1]))});
        iters.add(it);
    }

    private List<double[]> scanSeeds() {
        double bLo = -0.25;
        double bHi = 1.1;
        double cLo = Math.min(eps, 0) * 1.1 - 0.02;
        double cHi = Math.max(eps, 0) * 1.1 + 0.02;
        double[] bs = Roots.linspace(bLo, bHi, SCAN);
        double[] cs = Roots.linspace(cLo, cHi, SCAN);
        double[][] f1 = new double[SCAN][SCAN];
        double[][] f2 = new double[SCAN][SCAN];
        double[] f = new double[2];
        for (int i = 0; i < SCAN; i++) {
            for (int k = 0; k < SCAN; k++) {
                residual(bs[i], cs[k], 4, f, null);
                f1[i][k] = f[0];
                f2[i][k] = f[1];
            }
        }
        List<double[]> seeds = new ArrayList<>();
        for (int i = 0; i + 1 < SCAN; i++) {
            for (int k = 0; k + 1 < SCAN; k++) {
                if (changes(f1[i][k], f1[i + 1][k], f1[i][k + 1], f1[i + 1][k + 1])
                        && changes(f2[i][k], f2[i + 1][k], f2[i][k + 1], f2[i + 1][k + 1])) {
                    seeds.add(new double[]{0.5 * (bs[i] + bs[i + 1]), 0.5 * (cs[k] + cs[k + 1])});
                }
            }
        }
        return seeds;
    }

    private static boolean changes(double a, double b, double c, double d) {
        double lo = Math.min(Math.min(a, b), Math.min(c, d));
        double hi = Math.max(Math.max(a, b), Math.max(c, d));
        return lo <= 0 && hi >= 0;
    }

    private CubicSolution classify(double[] root, boolean selected, int iterations) {
        double b = root[0];
        double c = root[1];
        double smin = action(b, c, 1);
        int n = q.length;
        int well = -1;
        for (int i = 1; i + 1 < n; i++) {
            if (sBuf[i] < sBuf[i - 1] && sBuf[i] <= sBuf[i + 1] && (well < 0 || sBuf[i] < sBuf[well])) {
                well = i;
            }
        }
        double z = 0;
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = wts[i] * Math.exp(-(sBuf[i] - smin));
            z += p[i];
        }
        Phase phase = Phase.GFL;
        double qStar = Double.NaN;
        double w = 0;
        if (well > 0) {
            int barrier = 0;
            for (int i = 0; i <= well; i++) {
                if (sBuf[i] > sBuf[barrier]) {
                    barrier = i;
                }
            }
            for (int i = barrier; i < n; i++) {
                w += p[i];
            }
            w /= z;
            qStar = parabolicMin(well);
            double omega = kappa * w;
            phase = w >= 0.5 ? Phase.GMFL_II : (omega >= OMEGA_MIN ? Phase.GMFL_I : Phase.GFL);
        }
        return CubicSolution.of("fixed-point", phase, selected, b, c, qStar, kappa * w, kappa, eps, root[2], iterations);
    }

    private double parabolicMin(int i) {
        double h = q[1] - q[0];
        double ym = sBuf[i - 1];
        double y0 = sBuf[i];
        double yp = sBuf[i + 1];
        double den = ym - 2 * y0 + yp;
        return den > 0 ? q[i] + 0.5 * h * (ym - yp) / den : q[i];
    }
}
