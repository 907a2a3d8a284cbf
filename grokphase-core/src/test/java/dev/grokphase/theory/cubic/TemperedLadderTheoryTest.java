package dev.grokphase.theory.cubic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Why a temperature ladder makes droplets appear and vanish (docs/theory.md, "Samplers"): a tempered
 * posterior is the posterior of another parameter point, and along the ladder the finite-d action
 * S(q) loses its side wells. Checked at the App. D point of the default reproduce scale
 * (n = 75, d = 53, σ² = 0.05, σ_a² = 0.0311, σ_w² = 0.5, ε = −1.2) with {@link FiniteDSolver}.
 */
class TemperedLadderTheoryTest {

    static final CubicParams APPD_88 = new CubicParams(75, 88, 53, 0.05, 0.0311, 0.5, -1.2);

    @Test
    void temperingRescalesTheInvariants() {
        CubicParams p = APPD_88;
        double t = 2.5;
        CubicParams lik = p.likelihoodTempered(t);
        CubicParams post = p.posteriorTempered(t);
        assertThat(lik.u()).isCloseTo(p.u() / (t * t), within(1e-12 * p.u()));
        assertThat(lik.kappa()).isCloseTo(p.kappa() / t, within(1e-12 * p.kappa()));
        assertThat(post.u()).isCloseTo(p.u() / t, within(1e-12 * p.u()));
        assertThat(post.kappa()).isCloseTo(p.kappa(), within(1e-12 * p.kappa()));
        assertThat(post.r()).isCloseTo(p.r(), within(1e-12 * p.r()));
    }

    /** Side wells at T = 1 (6.6% of the neurons), fewer along the ladder, none at the ladder's top. */
    @Test
    void sideWellsExistOnlyAtLowTemperature() {
        FiniteDSolver solver = new FiniteDSolver();
        CubicSolution cold = solver.solve(APPD_88).selected();
        assertThat(cold.qStar()).as("side well at T = 1").isBetween(1.2, 1.5);
        assertThat(cold.dropletFraction()).isBetween(0.05, 0.08);

        double previous = cold.dropletFraction();
        for (double t : new double[] {1.25, 1.5, 1.75, 2.0, 3.0}) {
            CubicSolution s = solver.solve(APPD_88.likelihoodTempered(t)).selected();
            assertThat(s.dropletFraction()).as("likelihood-tempered T = %s", t).isLessThanOrEqualTo(previous);
            previous = s.dropletFraction();
        }
        assertThat(solver.solve(APPD_88.likelihoodTempered(2.0)).selected().qStar())
                .as("no side well at T = 2 (likelihood tempered)").isNaN();

        previous = cold.dropletFraction();
        for (double t : new double[] {1.5, 2.0, 3.0, 4.0, 6.0}) {
            CubicSolution s = solver.solve(APPD_88.posteriorTempered(t)).selected();
            assertThat(s.dropletFraction()).as("posterior-tempered T = %s", t).isLessThanOrEqualTo(previous);
            previous = s.dropletFraction();
        }
        assertThat(solver.solve(APPD_88.posteriorTempered(6.0)).selected().qStar())
                .as("no side well at T = 6 (whole posterior tempered)").isNaN();
    }
}
