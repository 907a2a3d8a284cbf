package dev.grokphase.theory.cubic;

import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FiniteDSolverTest {

    private final FiniteDSolver solver = new FiniteDSolver();
    /** Trapezoid points for the completeness scan: spacing 5e-4, a tenth of the narrowest well width at β = 16. */
    private static final int SCAN_POINTS = 24001;

    /**
     * An independent evaluation of the recipe-A map T(b, c): trapezoid rule on [−6, 6] with 60001
     * points (no symmetry used, no shared code with the solver's Simpson loop).
     */
    static double[] mapT(CubicParams p, double b, double c) {
        return mapT(p, b, c, 60001);
    }

    static double[] mapT(CubicParams p, double b, double c, int n) {
        double lo = -6;
        double h = 12.0 / (n - 1);
        double[] s = new double[n];
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double q = lo + i * h;
            double dd = 1 + 2 * (p.sigmaW2() + q * q);
            double t = q * q / dd;
            s[i] = p.d() * (q * q / (2 * p.sigmaW2()) - (2 * p.u() / Math.PI) * t * (b - 2 * c * t) * (b - 2 * c * t));
            min = Math.min(min, s[i]);
        }
        double z = 0;
        double m11 = 0;
        double m13 = 0;
        double m33 = 0;
        for (int i = 0; i < n; i++) {
            double q = lo + i * h;
            double dd = 1 + 2 * (p.sigmaW2() + q * q);
            double w = Math.exp(-(s[i] - min)) * (i == 0 || i == n - 1 ? 0.5 : 1);
            z += w;
            m11 += w * 4 * q * q / (Math.PI * dd);
            m13 += w * -8 * Math.pow(q, 4) / (Math.sqrt(6) * Math.PI * dd * dd);
            m33 += w * 8 * Math.pow(q, 6) / (3 * Math.PI * dd * dd * dd);
        }
        double k = p.kappa();
        double a11 = 1 + k * m11 / z;
        double a13 = k * m13 / z;
        double a33 = 1 + k * m33 / z;
        double y2 = Math.sqrt(6) * p.eps();
        double det = a11 * a33 - a13 * a13;
        return new double[]{(a33 - a13 * y2) / det, (a11 * y2 - a13) / det / Math.sqrt(6)};
    }

    /** Every returned root is a fixed point of the independently computed map (tolerance 1e-7). */
    @Test
    void rootsAreFixedPointsOfAnIndependentQuadrature() {
        for (double s2 : new double[]{0.3, 0.18, 0.15, 0.1}) {
            for (double beta : new double[]{1, 16}) {
                CubicParams p = CubicParams.fig2(s2).scaled(1, beta);
                for (CubicSolution s : solver.solve(p).branches()) {
                    double[] t = mapT(p, s.b(), s.c());
                    assertThat(t[0]).isCloseTo(s.b(), within(1e-7));
                    assertThat(t[1]).isCloseTo(s.c(), within(1e-7));
                    assertThat(s.residual()).isLessThan(1e-10);
                }
            }
        }
    }

    /**
     * Completeness: a 30×30 scan of the independent map over the region where every fixed point must
     * lie finds no cell with a sign change of both residual components away from the returned roots.
     */
    @Test
    void noRootIsMissedNearTheTransition() {
        for (double s2 : new double[]{0.19, 0.178}) {
            CubicParams p = CubicParams.fig2(s2).scaled(1, 16);
            List<CubicSolution> found = solver.solve(p).branches();
            int m = 24;
            double[] bs = Roots.linspace(-0.2, 1.05, m);
            double[] cs = Roots.linspace(-0.35, 0.02, m);
            double[][] f1 = new double[m][m];
            double[][] f2 = new double[m][m];
            for (int i = 0; i < m; i++) {
                for (int k = 0; k < m; k++) {
                    double[] t = mapT(p, bs[i], cs[k], SCAN_POINTS);
                    f1[i][k] = t[0] - bs[i];
                    f2[i][k] = t[1] - cs[k];
                }
            }
            for (int i = 0; i + 1 < m; i++) {
                for (int k = 0; k + 1 < m; k++) {
                    if (signChange(f1, i, k) && signChange(f2, i, k)) {
                        // The cell test is only necessary: polish the candidate with an independent
                        // finite-difference Newton on the independent map; any root it reaches must be listed.
                        double[] root = independentNewton(p, 0.5 * (bs[i] + bs[i + 1]), 0.5 * (cs[k] + cs[k + 1]));
                        if (root != null) {
                            boolean listed = found.stream().anyMatch(s -> Math.abs(s.b() - root[0]) < 1e-5 && Math.abs(s.c() - root[1]) < 1e-5);
                            assertThat(listed).as("root (%s, %s) at sigma2 %s", root[0], root[1], s2).isTrue();
                        }
                    }
                }
            }
        }
    }

    /** Newton with a forward-difference Jacobian and step halving; null when it does not converge. */
    private static double[] independentNewton(CubicParams p, double b, double c) {
        for (int it = 0; it < 50; it++) {
            double[] t = mapT(p, b, c, SCAN_POINTS);
            double f1 = t[0] - b;
            double f2 = t[1] - c;
            double norm = Math.hypot(f1, f2);
            if (norm < 1e-11) {
                return new double[]{b, c};
            }
            double h = 1e-7;
            double[] tb = mapT(p, b + h, c, SCAN_POINTS);
            double[] tc = mapT(p, b, c + h, SCAN_POINTS);
            double j11 = (tb[0] - b - h - f1) / h;
            double j21 = (tb[1] - c - f2) / h;
            double j12 = (tc[0] - b - f1) / h;
            double j22 = (tc[1] - c - h - f2) / h;
            double det = j11 * j22 - j12 * j21;
            double db = -(j22 * f1 - j12 * f2) / det;
            double dc = -(-j21 * f1 + j11 * f2) / det;
            double lam = 1;
            while (lam > 1e-6) {
                double[] tn = mapT(p, b + lam * db, c + lam * dc, SCAN_POINTS);
                if (Math.hypot(tn[0] - b - lam * db, tn[1] - c - lam * dc) < norm) {
                    break;
                }
                lam /= 2;
            }
            if (lam <= 1e-6) {
                return null;
            }
            b += lam * db;
            c += lam * dc;
        }
        return null;
    }

    private static boolean signChange(double[][] f, int i, int k) {
        double lo = Math.min(Math.min(f[i][k], f[i + 1][k]), Math.min(f[i][k + 1], f[i + 1][k + 1]));
        double hi = Math.max(Math.max(f[i][k], f[i + 1][k]), Math.max(f[i][k + 1], f[i + 1][k + 1]));
        return lo <= 0 && hi >= 0;
    }

    /** Finite d converges to the thermodynamic limit as β grows (Table 1 scaling at fixed u, r). */
    @Test
    void approachesTheThermodynamicLimitAsBetaGrows() {
        ThermodynamicSolver thermo = new ThermodynamicSolver();
        for (double s2 : new double[]{0.22, 0.15, 0.1}) {
            CubicSolution th = thermo.solve(CubicParams.fig2(s2)).selected();
            CubicSolution f1 = solver.solve(CubicParams.fig2(s2)).selected();
            CubicSolution f64 = solver.solve(CubicParams.fig2(s2).scaled(1, 64)).selected();
            double e1 = Math.abs(f1.c() - th.c()) + Math.abs(f1.b() - th.b());
            double e64 = Math.abs(f64.c() - th.c()) + Math.abs(f64.b() - th.b());
            assertThat(e64).isLessThan(e1).isLessThan(0.01);
            assertThat(f64.phase()).isEqualTo(th.phase());
        }
    }

    /** The finite-d theory depends on (u, r, d) only, so the α scaling (d fixed) leaves it exactly unchanged. */
    @Test
    void alphaScalingLeavesFiniteDOutputsUnchanged() {
        for (double s2 : new double[]{0.25, 0.17, 0.12}) {
            CubicResult r0 = solver.solve(CubicParams.fig2(s2));
            for (double alpha : new double[]{0.25, 3}) {
                CubicResult r = solver.solve(CubicParams.fig2(s2).scaled(alpha, 1));
                assertThat(r.branches()).hasSameSizeAs(r0.branches());
                CubicSolution a = r0.selected();
                CubicSolution b = r.selected();
                assertThat(b.b()).isCloseTo(a.b(), within(1e-10));
                assertThat(b.c()).isCloseTo(a.c(), within(1e-10));
                assertThat(b.dropletWeight()).isCloseTo(a.dropletWeight(), within(1e-8));
                assertThat(b.phase()).isEqualTo(a.phase());
            }
        }
    }

    /**
     * GP limit u → 0 at finite d: p(q) is the prior N(0, σ_w²/d), so b = 1/(1 + κ⟨4q²/(πD)⟩), checked with an
     * independent 80-point Gauss–Hermite average over the prior (the cubic channel likewise).
     */
    @Test
    void gpLimitAtFiniteDIsThePriorAverage() {
        CubicParams p = new CubicParams(3000, 7e12, 150, 0.2, 8.0 / 700, 0.5, -0.3);
        CubicSolution s = solver.solve(p).selected();
        GaussIntegrator rule = new GaussIntegratorFactory().hermite(80);
        double sd = Math.sqrt(0.5 / 150);
        double m11 = 0;
        double m13 = 0;
        double m33 = 0;
        for (int i = 0; i < rule.getNumberOfPoints(); i++) {
            double q = Math.sqrt(2) * sd * rule.getPoint(i);
            double w = rule.getWeight(i) / Math.sqrt(Math.PI);
            double[] m = ReducedAction.singleNeuronMatrix(0.5, q);
            m11 += w * m[0];
            m13 += w * m[1];
            m33 += w * m[2];
        }
        double k = p.kappa();
        double a11 = 1 + k * m11;
        double a13 = k * m13;
        double a33 = 1 + k * m33;
        double y2 = Math.sqrt(6) * -0.3;
        double det = a11 * a33 - a13 * a13;
        assertThat(s.b()).isCloseTo((a33 - a13 * y2) / det, within(1e-9));
        assertThat(s.c()).isCloseTo((a11 * y2 - a13) / det / Math.sqrt(6), within(1e-9));
        assertThat(s.phase()).isEqualTo(Phase.GFL);
        assertThat(s.dropletWeight()).isZero();
    }

    /** Newton never oscillates: over a fine sweep through the transition every point converges in few steps. */
    @Test
    void sweepThroughTheTransitionConvergesEverywhere() {
        double[] seed = null;
        for (double s2 = 0.22; s2 > 0.13; s2 -= 0.0025) {
            CubicResult r = solver.solve(CubicParams.fig2(s2).scaled(1, 16), seed);
            CubicSolution s = r.selected();
            assertThat(s.residual()).isLessThan(1e-10);
            assertThat(s.iterations()).isLessThan(40);
            seed = new double[]{s.b(), s.c()};
        }
    }

    /** Phases at β = 64 agree with the thermodynamic labels on both sides of σ²_c ≈ 0.179. */
    @Test
    void phasesOnBothSidesOfTheTransition() {
        assertThat(solver.solve(CubicParams.fig2(0.2).scaled(1, 64)).selected().phase()).isEqualTo(Phase.GFL);
        CubicSolution s = solver.solve(CubicParams.fig2(0.15).scaled(1, 64)).selected();
        assertThat(s.phase()).isEqualTo(Phase.GMFL_I);
        assertThat(s.qStar()).isBetween(0.6, 1.0);
    }

    /** ε = +1: the zero well itself destabilises (1 − Bub² &lt; 0) and the side wells hold every neuron: GMFL-II. */
    @Test
    void unstableZeroWellIsGmfl2() {
        CubicSolution s = solver.solve(new CubicParams(3000, 700, 150, 0.2, 8.0 / 700, 0.5, 1.0)).selected();
        assertThat(s.phase()).isEqualTo(Phase.GMFL_II);
        assertThat(s.dropletFraction()).isGreaterThan(0.5);
    }

    /** −log p(q) is normalized: ∫ p dq = 1 on the returned grid (trapezoid, tolerance 1e-6). */
    @Test
    void distributionIsNormalized() {
        CubicParams p = CubicParams.fig2(0.15);
        CubicSolution s = solver.solve(p).selected();
        double[][] d = solver.distribution(p, s.b(), s.c(), 4001);
        double h = d[0][1] - d[0][0];
        double z = 0;
        for (int i = 0; i < d[0].length; i++) {
            z += Math.exp(-d[1][i]) * (i == 0 || i == d[0].length - 1 ? 0.5 : 1) * h;
        }
        assertThat(z).isCloseTo(1, within(1e-6));
    }
}
