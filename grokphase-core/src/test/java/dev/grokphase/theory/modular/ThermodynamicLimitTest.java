package dev.grokphase.theory.modular;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ThermodynamicLimitTest {

    private static final ModularParams FIG3 = ModularParams.fig3(0.2);

    @Test
    void closedFormsAtFig3() {
        // σ²_c1 = √(2σ_a²P²/(g*N)) with g* = √(4γ/3); σ²_c2 = σ²_c1 − 3σ_a²/γ (notes §5.7)
        double c1 = ThermodynamicLimit.sigma2c1(FIG3);
        assertThat(c1).isCloseTo(Math.sqrt(2 * 2e-6 * 401 * 401 / (Math.sqrt(4e-4 / 3) * 1000)), within(1e-15));
        assertThat(c1).isCloseTo(0.23602, within(1e-5));
        assertThat(ThermodynamicLimit.sigma2c2(FIG3, Normalization.PAPER)).isCloseTo(c1 - 0.06, within(1e-15));
        assertThat(ThermodynamicLimit.sigma2c2(FIG3, Normalization.EXACT)).isNegative();
        // at the onset u equals g*
        assertThat(FIG3.withSigma2(c1).u()).isCloseTo(ThermodynamicLimit.gStar(1e-4), within(1e-15));
    }

    @Test
    void mixedPhaseIsSelfConsistentAndFollowsTheLeverRule() {
        double c1 = ThermodynamicLimit.sigma2c1(FIG3);
        double c2 = ThermodynamicLimit.sigma2c2(FIG3, Normalization.PAPER);
        for (double s2 : new double[] {0.18, 0.2, 0.23}) {
            ModularSolution s = ThermodynamicLimit.solve(FIG3.withSigma2(s2), Normalization.PAPER);
            assertThat(s.phase()).isEqualTo(Phase.GMFL_I);
            // degeneracy: g = u a² = g*, so the action gap vanishes at the solution
            assertThat(ModeAction.actionPerP(ModeAction.phiPlus(s.g(), 1e-4), s.g(), 1e-4)).isCloseTo(0.0, within(1e-8));
            // self-consistency |a| = σ²/(λ + σ²) with λ = σ_a² Φ*² f
            double lambda = 2e-6 * Math.pow(ThermodynamicLimit.phiStar(1e-4), 2) * s.fDrop();
            assertThat(s.a()).isCloseTo(s2 / (lambda + s2), within(1e-12));
            // lever rule: f linear from 0 at σ²_c1 to 1 at σ²_c2
            assertThat(s.fDrop()).isCloseTo((c1 - s2) / (c1 - c2), within(1e-12));
        }
    }

    @Test
    void discrepancyIsContinuousAtBothTransitions() {
        double c1 = ThermodynamicLimit.sigma2c1(FIG3);
        double c2 = ThermodynamicLimit.sigma2c2(FIG3, Normalization.PAPER);
        double eps = 1e-9;
        assertThat(ThermodynamicLimit.solve(FIG3.withSigma2(c1 - eps), Normalization.PAPER).a()).isCloseTo(1.0, within(1e-8));
        double below = ThermodynamicLimit.solve(FIG3.withSigma2(c2 - eps), Normalization.PAPER).a();
        double above = ThermodynamicLimit.solve(FIG3.withSigma2(c2 + eps), Normalization.PAPER).a();
        assertThat(below).isCloseTo(above, within(1e-7));
        assertThat(above).isCloseTo(c2 / c1, within(1e-7));
    }

    @Test
    void everyOutputIsInvariantUnderTheTable1ScalingInTheRescaledNoise() {
        // N → β²N, P → √βP, σ_a² → σ_a²/β, σ² → σ²/β: u invariant, σ²_c·β invariant, |a| invariant.
        for (int prime : new int[] {101, 797}) {
            double beta = Math.pow(prime / 401.0, 2);
            ModularParams scaled = FIG3.scaledTo(prime);
            assertThat(scaled.u()).isCloseTo(FIG3.u(), within(1e-12 * FIG3.u()));
            assertThat(ThermodynamicLimit.sigma2c1(scaled) * beta).isCloseTo(ThermodynamicLimit.sigma2c1(FIG3), within(1e-12));
            assertThat(ThermodynamicLimit.sigma2c2(scaled, Normalization.PAPER) * beta)
                    .isCloseTo(ThermodynamicLimit.sigma2c2(FIG3, Normalization.PAPER), within(1e-12));
            assertThat(ThermodynamicLimit.solve(scaled, Normalization.PAPER).a())
                    .isCloseTo(ThermodynamicLimit.solve(FIG3, Normalization.PAPER).a(), within(1e-12));
        }
    }

    @Test
    void finitePSolverApproachesTheClosedFormsAlongTheTable1Scaling() {
        int[] primes = {47, 101, 199, 401, 797};
        double[] errA = new double[primes.length];
        double[] errC1 = new double[primes.length];
        double[] errC2 = new double[primes.length];
        double c1Inf = ThermodynamicLimit.sigma2c1(FIG3);
        double lambdaAll = ThermodynamicLimit.dropletScale(FIG3, Normalization.PAPER);
        // the finite-P transitions are where 1 − |a| = 1e-4 and 1 − f = 1e-3; in the closed forms those
        // same thresholds sit at σ²_c1(1 − 1e-4) and σ²_c2 + 1e-3 Λ
        double c1Target = c1Inf * (1 - ModularSolver.GFL_TOLERANCE);
        double c2Target = c1Inf - lambdaAll * (1 - ModularSolver.GMFL2_TOLERANCE);
        for (int j = 0; j < primes.length; j++) {
            double beta = Math.pow(primes[j] / 401.0, 2);
            ModularSolver solver = new ModularSolver(Normalization.PAPER);
            for (double s2 : new double[] {0.16, 0.19, 0.21, 0.23, 0.24}) {
                ModularParams p = FIG3.withSigma2(s2).scaledTo(primes[j]);
                errA[j] = Math.max(errA[j], Math.abs(solver.solve(p).a() - ThermodynamicLimit.solve(p, Normalization.PAPER).a()));
            }
            Transition t = new TransitionFinder(Normalization.PAPER).find(FIG3.scaledTo(primes[j]), Limit.FINITE);
            errC1[j] = Math.abs(t.sigma2c1() * beta - c1Target);
            errC2[j] = Math.abs(t.sigma2c2() * beta - c2Target);
        }
        for (int j = 1; j < primes.length; j++) {
            assertThat(errA[j]).isLessThan(errA[j - 1]);
            assertThat(errC1[j]).isLessThan(errC1[j - 1]);
            assertThat(errC2[j]).isLessThan(errC2[j - 1]);
        }
        // the smoothing of the mixture is O(1/P): a 17-fold larger P gives a > 10-fold smaller error
        assertThat(errA[primes.length - 1]).isLessThan(errA[0] / 10);
        assertThat(errA[primes.length - 1]).isLessThan(1e-5);
        assertThat(errC1[primes.length - 1]).isLessThan(1e-5);
        assertThat(errC2[primes.length - 1]).isLessThan(1e-5);
    }
}
