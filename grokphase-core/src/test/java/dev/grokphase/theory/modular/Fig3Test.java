package dev.grokphase.theory.modular;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The paper's Fig. 3 (notes §5.8): N = 1000, P = 401, σ_a² = 2e-6, γ = 1e-4, printed normalisation.
 * The paper reports GMFL-I from σ² ≈ 0.227, GMFL-II from σ² ≈ 0.175, and a going from −1 to −0.7
 * across GMFL-I, with kinks at both ends.
 */
class Fig3Test {

    private final ModularSolver solver = new ModularSolver(Normalization.PAPER);
    private final Transition finite = new TransitionFinder(Normalization.PAPER).find(ModularParams.fig3(0.2), Limit.FINITE);

    @Test
    void gmfl1StartsBetween0227And0236AndGmfl2Near0175() {
        assertThat(finite.sigma2c1()).isBetween(0.227, 0.236);
        assertThat(finite.sigma2c2()).isCloseTo(0.175, within(0.003));
        assertThat(solver.solve(ModularParams.fig3(0.24)).phase()).isEqualTo(Phase.GFL);
        assertThat(solver.solve(ModularParams.fig3(0.20)).phase()).isEqualTo(Phase.GMFL_I);
        assertThat(solver.solve(ModularParams.fig3(0.17)).phase()).isEqualTo(Phase.GMFL_II);
    }

    @Test
    void discrepancyFallsFromOneToAbout07AcrossGmfl1() {
        assertThat(finite.aAtC1()).isGreaterThan(0.9998);
        assertThat(finite.aAtC2()).isBetween(0.70, 0.75);
        // inside GMFL-I the discrepancy is linear in σ² (degeneracy held by the feedback, §5.7)
        for (double s2 : new double[] {0.18, 0.20, 0.22}) {
            assertThat(solver.solve(ModularParams.fig3(s2)).a()).isCloseTo(s2 / ThermodynamicLimit.sigma2c1(ModularParams.fig3(s2)), within(2e-5));
        }
    }

    @Test
    void slopeOfTheDiscrepancyIsDiscontinuousAtBothTransitions() {
        for (double sc : new double[] {finite.sigma2c1(), finite.sigma2c2()}) {
            double[] above = {oneSidedSlope(sc, +2e-3), oneSidedSlope(sc, +1e-3)};
            double[] below = {oneSidedSlope(sc, -2e-3), oneSidedSlope(sc, -1e-3)};
            // each one-sided slope is stable under halving the offset (a genuine one-sided limit) ...
            assertThat(above[1]).isCloseTo(above[0], within(0.05 * Math.max(1, Math.abs(above[0]))));
            assertThat(below[1]).isCloseTo(below[0], within(0.05 * Math.max(1, Math.abs(below[0]))));
            // ... and the two sides differ by O(1): a kink
            assertThat(Math.abs(above[0] - below[0])).isGreaterThan(0.5);
        }
        // at σ²_c1 the slope jumps from 0 (GFL, |a| = 1) to 1/σ²_c1 (lever rule)
        assertThat(oneSidedSlope(finite.sigma2c1(), +1e-3)).isCloseTo(0.0, within(1e-9));
        assertThat(oneSidedSlope(finite.sigma2c1(), -1e-3)).isCloseTo(1 / finite.sigma2c1(), within(0.02));
    }

    @Test
    void everyPointOfTheSweepHasExactlyOneSelfConsistentRoot() {
        for (int i = 0; i <= 100; i++) {
            double s2 = 0.15 + i * 0.001;
            ModularSolution s = solver.solve(ModularParams.fig3(s2));
            assertThat(s.roots()).hasSize(1);
            // |dF/da| reaches ~1e5 in GMFL-I, so a root exact to an ulp leaves a residual ~1e-11
            assertThat(solver.residual(s.params(), s.a())).isCloseTo(0.0, within(1e-9));
            assertThat(s.learned()).isCloseTo(1 - s.a(), within(0.0));
        }
    }

    /** (|a|(σ²_c + 2h) − |a|(σ²_c + h))/h: a finite-difference slope entirely on one side of σ²_c. */
    private double oneSidedSlope(double sc, double h) {
        double a1 = solver.solve(ModularParams.fig3(sc + h)).a();
        double a2 = solver.solve(ModularParams.fig3(sc + 2 * h)).a();
        return (a2 - a1) / h;
    }
}
