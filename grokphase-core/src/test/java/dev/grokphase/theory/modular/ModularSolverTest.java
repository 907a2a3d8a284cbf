package dev.grokphase.theory.modular;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ModularSolverTest {

    @Test
    void residualIsStrictlyIncreasingSoTheRootIsUnique() {
        // [D] claim in ModularSolver: λ(a) non-decreasing ⇒ F(a) strictly increasing. Check near the
        // transition, where λ changes fastest, on a grid far finer than the solver's.
        for (Normalization norm : Normalization.values()) {
            ModularSolver s = new ModularSolver(norm);
            for (double s2 : new double[] {0.17, 0.2, 0.2359}) {
                ModularParams p = ModularParams.fig3(s2);
                double a0 = s.solve(p).a();
                double prev = Double.NEGATIVE_INFINITY;
                for (int i = -5000; i <= 5000; i++) {
                    double a = Math.min(1, a0 * (1 + i * 1e-7));
                    double f = s.residual(p, a);
                    assertThat(f).isGreaterThanOrEqualTo(prev);
                    prev = f;
                }
            }
        }
    }

    @Test
    void gpLimitHasNoDropletsAndFullDiscrepancy() {
        // u → 0 (huge width): no non-zero saddle, λ = 0, |a| = 1 (notes §5.7 GFL, §3.4 GP limit)
        ModularParams p = new ModularParams(401, 1e9, 2e-6, 1e-4, 0.2);
        ModularSolution s = new ModularSolver(Normalization.PAPER).solve(p);
        assertThat(s.a()).isEqualTo(1.0);
        assertThat(s.fDrop()).isZero();
        assertThat(s.hasNonZeroSaddle()).isFalse();
        assertThat(s.phase()).isEqualTo(Phase.GFL);
    }

    @Test
    void bothNormalisationsShareTheOnsetButOnlyThePrintedOneReachesGmfl2() {
        ModularSolver paper = new ModularSolver(Normalization.PAPER);
        ModularSolver exact = new ModularSolver(Normalization.EXACT);
        // inside GMFL-I both hold the degeneracy, so |a| = σ²/σ²_c1 in both; the droplet weight needed
        // is smaller by the factor 4P² in the exact normalisation
        ModularSolution sp = paper.solve(ModularParams.fig3(0.2));
        ModularSolution se = exact.solve(ModularParams.fig3(0.2));
        assertThat(se.a()).isCloseTo(sp.a(), within(2e-4));
        assertThat(se.fDrop() * 4 * 401 * 401).isCloseTo(sp.fDrop(), within(0.01));
        assertThat(se.lambda()).isCloseTo(sp.lambda(), within(1e-3 * sp.lambda()));
        // well below the printed σ²_c2 the exact normalisation is still mixed
        assertThat(paper.solve(ModularParams.fig3(0.1)).phase()).isEqualTo(Phase.GMFL_II);
        assertThat(exact.solve(ModularParams.fig3(0.1)).phase()).isEqualTo(Phase.GMFL_I);
        Transition te = new TransitionFinder(Normalization.EXACT).find(ModularParams.fig3(0.2), Limit.FINITE);
        assertThat(te.sigma2c1()).isCloseTo(0.236, within(5e-4));
        assertThat(te.sigma2c2()).isNaN();
        assertThat(te.sigma2c2Formal()).isNegative();
    }

    @Test
    void actionGapIsTheActionAtTheNonZeroSaddle() {
        ModularSolution s = new ModularSolver(Normalization.PAPER).solve(ModularParams.fig3(0.2));
        double phi = ModeAction.phiPlus(s.g(), 1e-4);
        assertThat(s.phiPlus()).isEqualTo(phi);
        assertThat(s.actionGap()).isCloseTo(401 * ModeAction.actionPerP(phi, s.g(), 1e-4), within(1e-9));
        // and the droplet weight is the mixture weight of that gap
        assertThat(s.fDrop()).isCloseTo(4 * Math.exp(-s.actionGap()) / (1 + 4 * Math.exp(-s.actionGap())), within(1e-12));
    }

    @Test
    void profileHasTheZeroSaddleAndTheNonZeroMinimum() {
        ModularSolution s = new ModularSolver(Normalization.PAPER).solve(ModularParams.fig3(0.17));
        ActionProfile prof = ActionProfile.of(s, 2001);
        assertThat(prof.phi()[0]).isZero();
        assertThat(prof.sPerP()[0]).isZero();
        int argmin = 0;
        for (int i = 1; i < prof.phi().length; i++) {
            if (prof.sPerP()[i] < prof.sPerP()[argmin]) {
                argmin = i;
            }
        }
        double step = prof.phi()[1];
        assertThat(prof.phi()[argmin]).isCloseTo(s.phiPlus(), within(step));
        assertThat(prof.sPerP()[argmin] * 401).isCloseTo(s.actionGap(), within(Math.abs(s.actionGap()) * 1e-3));
    }
}
