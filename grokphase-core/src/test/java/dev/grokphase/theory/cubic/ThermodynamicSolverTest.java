package dev.grokphase.theory.cubic;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ThermodynamicSolverTest {

    private final ThermodynamicSolver solver = new ThermodynamicSolver();

    /** Must show: Fig. 2 parameters, transition at σ² ≈ 0.18 and u_c within 3% of the paper's 30.2 (notes §4.7, §8). */
    @Test
    void fig2TransitionMatchesThePaper() {
        Transition t = solver.transition(CubicParams.fig2(0.2), SweepAxis.SIGMA2, 0.1, 0.3);
        assertThat(t.critical()).isCloseTo(0.18, within(0.005));
        assertThat(t.uc()).isCloseTo(30.2, within(0.03 * 30.2));
        // First order: the side well exists before it becomes degenerate (spinodal at larger σ², smaller u).
        assertThat(t.spinodal()).isGreaterThan(t.critical());
        assertThat(t.uSpinodal()).isLessThan(t.uc());
        // Paper: side saddles at "roughly ±1" at the transition.
        assertThat(t.qStarC()).isBetween(0.5, 1.2);
        // The invariants at the transition are those of the point: u = 0.9796/σ⁴ (notes §4.7).
        assertThat(t.uc()).isCloseTo(0.979591836 / (t.critical() * t.critical()), within(1e-6));
    }

    /** The transition is a degenerate minimum of the GFL action, the spinodal an inflection point. */
    @Test
    void transitionAndSpinodalSatisfyTheirDefiningEquations() {
        Transition t = solver.transition(CubicParams.fig2(0.2), SweepAxis.SIGMA2, 0.1, 0.3);
        ReducedAction sc = new ReducedAction(t.uc(), 0.5, t.bC(), -0.3);
        assertThat(sc.value(t.qStarC())).isCloseTo(0, within(1e-9));
        assertThat(sc.derivative(t.qStarC())).isCloseTo(0, within(1e-9));
        assertThat(sc.secondDerivative(t.qStarC())).isPositive();
        CubicParams ps = CubicParams.fig2(t.spinodal());
        ReducedAction ss = new ReducedAction(ps.u(), 0.5, ThermodynamicSolver.gflB(ps.u(), ps.r(), 0.5), -0.3);
        assertThat(ss.derivative(t.qStarSpinodal())).isCloseTo(0, within(1e-6));
        assertThat(ss.secondDerivative(t.qStarSpinodal())).isCloseTo(0, within(1e-3));
    }

    /** The same transition reached by moving n or N lands on the same u_c when r is unchanged (N moves u only). */
    @Test
    void widthDrivenTransitionHasTheSameUcAtTheSameR() {
        CubicParams base = CubicParams.fig2(0.2);
        Transition byWidth = solver.transition(base, SweepAxis.WIDTH, 100, 700);
        assertThat(byWidth.rc()).isCloseTo(base.r(), within(1e-12));
        // Along N the discrepancy b still obeys the GFL equation at (u_c, r).
        assertThat(byWidth.bC()).isCloseTo(ThermodynamicSolver.gflB(byWidth.uc(), base.r(), 0.5), within(1e-12));
        Transition byN = solver.transition(base, SweepAxis.N_SAMPLES, 3000, 6000);
        assertThat(byN.critical()).isGreaterThan(3000);
    }

    /** Must show: GP limit u → 0 (N → ∞ at fixed r): no droplets, c = ε, b → 1/(1 + A) with A = 4rσ_w²/(π(1+2σ_w²)). */
    @Test
    void gpLimitHasNoDropletsAndTheNngpDiscrepancy() {
        CubicParams p = new CubicParams(3000, 7e9, 150, 0.2, 8.0 / 700, 0.5, -0.3);
        CubicResult r = solver.solve(p);
        CubicSolution s = r.selected();
        double a = 4 * p.r() * 0.5 / (Math.PI * 2);
        assertThat(r.u()).isLessThan(1e-5);
        assertThat(r.branches()).hasSize(1);
        assertThat(s.phase()).isEqualTo(Phase.GFL);
        assertThat(s.dropletWeight()).isZero();
        assertThat(s.c()).isEqualTo(-0.3);
        assertThat(s.b()).isCloseTo(1 / (1 + a), within(1e-5));
        assertThat(s.learnedCubic()).isZero();
    }

    /** Mixed phase: (b, c, q*, ω) solve the four equations of recipe B, checked with a plain 2×2 solve. */
    @Test
    void mixedPhaseSolvesTheFourEquationsOfRecipeB() {
        for (double s2 : new double[]{0.175, 0.15, 0.1}) {
            CubicParams p = CubicParams.fig2(s2);
            CubicSolution m = solver.solve(p).selected();
            assertThat(m.phase()).isEqualTo(Phase.GMFL_I);
            assertThat(m.dropletWeight()).isPositive();
            double u = p.u();
            double bb = 4 * 0.5 / (Math.PI * 2);
            double a = p.r() * bb;
            double[] mm = ReducedAction.singleNeuronMatrix(0.5, m.qStar());
            double a11 = 1 + a / (1 - bb * u * m.b() * m.b()) + m.dropletWeight() * mm[0];
            double a13 = m.dropletWeight() * mm[1];
            double a33 = 1 + m.dropletWeight() * mm[2];
            double y2 = Math.sqrt(6) * -0.3;
            double det = a11 * a33 - a13 * a13;
            assertThat(m.b()).isCloseTo((a33 - a13 * y2) / det, within(1e-10));
            assertThat(m.c()).isCloseTo((a11 * y2 - a13) / det / Math.sqrt(6), within(1e-10));
            ReducedAction s = new ReducedAction(u, 0.5, m.b(), m.c());
            assertThat(s.value(m.qStar())).isCloseTo(0, within(1e-10));
            assertThat(s.derivative(m.qStar())).isCloseTo(0, within(1e-10));
            // The zero well and the side wells are the global minima: s ≥ 0 everywhere.
            for (double q = 0; q < 5; q += 0.01) {
                assertThat(s.value(q)).isGreaterThan(-1e-9);
            }
        }
    }

    /** Below u_c one solution (GFL); above it the GFL branch survives only as a metastable branch. */
    @Test
    void branchesAreListedAndOneIsSelected() {
        assertThat(solver.solve(CubicParams.fig2(0.2)).branches()).hasSize(1);
        List<CubicSolution> b = solver.solve(CubicParams.fig2(0.15)).branches();
        assertThat(b).extracting(CubicSolution::branch).contains("gfl", "mixed");
        assertThat(b).filteredOn(CubicSolution::equilibrium).extracting(CubicSolution::branch).containsExactly("mixed");
    }

    /** Learning switches on at the transition: no cubic learned above σ²_c, then it grows as σ² falls. */
    @Test
    void learnedCubicGrowsMonotonicallyBelowTheTransition() {
        double prev = -1;
        for (double s2 = 0.30; s2 > 0.05; s2 -= 0.005) {
            CubicSolution s = solver.solve(CubicParams.fig2(s2)).selected();
            if (s2 > 0.179) {
                assertThat(s.learnedCubic()).isZero();
            }
            assertThat(s.learnedCubic()).isGreaterThanOrEqualTo(prev);
            assertThat(s.learnedLinear()).isBetween(0.0, 1.0);
            prev = s.learnedCubic();
        }
        assertThat(prev).isGreaterThan(0.2);
    }

    /** Must show: every output is invariant under the β/α scaling of Table 1 (notes §4.2). */
    @Test
    void everyOutputIsInvariantUnderBetaAlphaScaling() {
        double[][] ab = {{0.125, 0.125}, {0.5, 0.5}, {2, 2}, {3, 1}, {1, 4}, {2.5, 0.7}};
        for (double s2 : new double[]{0.1, 0.15, 0.178, 0.2, 0.3}) {
            CubicParams base = CubicParams.fig2(s2);
            CubicResult r0 = solver.solve(base);
            for (double[] x : ab) {
                CubicParams p = base.scaled(x[0], x[1]);
                CubicResult r = solver.solve(p);
                assertThat(r.u()).isCloseTo(r0.u(), within(1e-9 * r0.u()));
                assertThat(r.r()).isCloseTo(r0.r(), within(1e-12 * r0.r()));
                assertThat(r.branches()).hasSameSizeAs(r0.branches());
                for (int i = 0; i < r.branches().size(); i++) {
                    CubicSolution a = r0.branches().get(i);
                    CubicSolution b = r.branches().get(i);
                    assertThat(b.phase()).isEqualTo(a.phase());
                    assertThat(b.equilibrium()).isEqualTo(a.equilibrium());
                    assertThat(b.b()).isCloseTo(a.b(), within(1e-9));
                    assertThat(b.c()).isCloseTo(a.c(), within(1e-9));
                    assertThat(b.dropletWeight()).isCloseTo(a.dropletWeight(), within(1e-7));
                    assertThat(b.learnedCubic()).isCloseTo(a.learnedCubic(), within(1e-8));
                    if (!Double.isNaN(a.qStar())) {
                        assertThat(b.qStar()).isCloseTo(a.qStar(), within(1e-8));
                    }
                }
            }
        }
        Transition t0 = solver.transition(CubicParams.fig2(0.2), SweepAxis.SIGMA2, 0.1, 0.3);
        Transition t = solver.transition(CubicParams.fig2(0.2).scaled(2, 2), SweepAxis.SIGMA2, 0.1, 0.3);
        assertThat(t.uc()).isCloseTo(t0.uc(), within(1e-6));
        assertThat(t.uSpinodal()).isCloseTo(t0.uSpinodal(), within(1e-6));
        assertThat(t.qStarC()).isCloseTo(t0.qStarC(), within(1e-6));
        Transition tb = solver.transition(CubicParams.fig2(0.2).scaled(1, 4), SweepAxis.SIGMA2, 0.02, 0.1);
        assertThat(tb.critical()).isCloseTo(t0.critical() / 4, within(1e-7));
    }

    /**
     * GMFL-II in the thermodynamic solver: the lever rule needs a droplet fraction ω/κ ≥ 1. With κ = r d
     * that only happens at small d (here d = 1); the returned state is labelled GMFL-II.
     */
    @Test
    void overFilledLeverRuleIsGmfl2() {
        CubicParams p = new CubicParams(3000, 700, 1, 0.01, 8.0 / 700, 0.5, -1.2);
        CubicSolution s = solver.solve(p).selected();
        assertThat(s.phase()).isEqualTo(Phase.GMFL_II);
        assertThat(s.dropletFraction()).isGreaterThanOrEqualTo(1.0);
        // At the Fig. 2 point (d = 150) the fraction stays small over the whole σ² range of the paper.
        for (double s2 = 0.05; s2 <= 0.3; s2 += 0.01) {
            assertThat(solver.solve(CubicParams.fig2(s2)).selected().dropletFraction()).isLessThan(0.05);
        }
    }
}
