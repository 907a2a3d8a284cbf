package dev.grokphase.theory.modular;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class IntegralSolverTest {

    @Test
    void gpLimitIsTheNngpNotZero() {
        // u → 0 (huge N) and γ → 0: no adaptation, λ = 4σ_a² (notes §5.5), learned = 4σ_a²/(4σ_a² + σ²).
        // The saddle-point mixture reports 0 here (it drops the Gaussian fluctuations).
        ModularParams p = new ModularParams(13, 1e12, 8.5e-5, 1e-10, 0.01);
        ModularSolution s = new IntegralSolver(Normalization.EXACT).solve(p);
        double gp = 4 * 8.5e-5 / (4 * 8.5e-5 + 0.01);
        assertThat(s.learned()).isCloseTo(gp, within(1e-8));
        assertThat(s.lambda()).isCloseTo(4 * 8.5e-5, within(1e-12));
        assertThat(s.phase()).isEqualTo(Phase.GFL);
        assertThat(new ModularSolver(Normalization.EXACT).solve(p).learned()).isZero();
    }

    @Test
    void solutionIsSelfConsistent() {
        IntegralSolver solver = new IntegralSolver(Normalization.EXACT);
        for (double s2 : new double[] {0.002, 0.005, 0.01}) {
            ModularParams p = new ModularParams(13, 240, 8.5e-5, 4, s2);
            ModularSolution s = solver.solve(p);
            assertThat(s.a()).isCloseTo(s2 / (solver.lambda(p, s.a()) + s2), within(1e-10));
            assertThat(solver.residual(p, Math.min(1, s.a() + 1e-3))).isPositive();
            assertThat(solver.residual(p, s.a() - 1e-3)).isNegative();
        }
    }

    @Test
    void learnedFractionRisesSmoothlyAsNoiseFalls() {
        // no jump: the saddle-point mixture pins to the spinodal g = √γ over σ² ∈ [0.004, 0.006] at this
        // point (issue 10); the integral moves |a| continuously and monotonically
        IntegralSolver solver = new IntegralSolver(Normalization.EXACT);
        double prev = 0;
        double prevS2 = 0;
        for (double s2 = 0.0100; s2 >= 0.0019; s2 -= 0.0005) {
            double learned = solver.solve(new ModularParams(13, 240, 8.5e-5, 4, s2)).learned();
            assertThat(learned).isGreaterThan(prev);
            if (prev > 0) {
                // bounded slope: the learned fraction changes by < 0.1 per 0.0005 of σ²
                assertThat(learned - prev).as("between σ² = %s and %s", prevS2, s2).isLessThan(0.1);
            }
            prev = learned;
            prevS2 = s2;
        }
    }

    @Test
    void approachesTheSaddlePointMixtureAtLargeP() {
        // Fig. 3 parameters (P = 401): the Gaussian part 4σ_a²/σ² ~ 4e-5 is negligible and the wells are
        // sharp, so the exact-normalisation saddle-point mixture and the integral agree
        ModularSolver saddle = new ModularSolver(Normalization.EXACT);
        IntegralSolver integral = new IntegralSolver(Normalization.EXACT);
        for (double s2 : new double[] {0.15, 0.2, 0.23, 0.26}) {
            ModularParams p = ModularParams.fig3(s2);
            assertThat(integral.solve(p).learned()).as("σ² = %s", s2).isCloseTo(saddle.solve(p).learned(), within(0.01));
        }
    }
}
