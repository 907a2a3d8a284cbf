package dev.grokphase.theory.modular;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ModeActionTest {

    private static final double GAMMA = 1e-4;

    @Test
    void saddlesAreStationaryPointsOfTheActionAlongTheDiagonal() {
        double g = 0.02;
        for (double phi : new double[] {ModeAction.phiPlus(g, GAMMA), ModeAction.phiMinus(g, GAMMA)}) {
            double h = 1e-4 * phi;
            double d1 = (ModeAction.actionPerP(phi + h, g, GAMMA) - ModeAction.actionPerP(phi - h, g, GAMMA)) / (2 * h);
            // compare with the size of one term of the derivative (1), so the check is relative
            assertThat(d1).isCloseTo(0.0, within(1e-7));
        }
        // Φ+ is a minimum, Φ− a maximum (the barrier).
        double p = ModeAction.phiPlus(g, GAMMA);
        double m = ModeAction.phiMinus(g, GAMMA);
        assertThat(second(p, g)).isPositive();
        assertThat(second(m, g)).isNegative();
        assertThat(p).isGreaterThan(m);
    }

    @Test
    void theSymmetricSaddleIsAMinimumOfTheTwoVariableAction() {
        double g = 0.02;
        double phi = ModeAction.phiPlus(g, GAMMA);
        double h = 1e-3 * phi;
        double s0 = ModeAction.actionPerP(phi, phi, g, GAMMA);
        // gradient zero and every direction curves up (including the antisymmetric one Φ = −Ψ offset)
        for (double[] dir : new double[][] {{1, 0}, {0, 1}, {1, 1}, {1, -1}}) {
            double hg = 1e-6 * phi;
            double gradient = (ModeAction.actionPerP(phi + hg * dir[0], phi + hg * dir[1], g, GAMMA)
                    - ModeAction.actionPerP(phi - hg * dir[0], phi - hg * dir[1], g, GAMMA)) / (2 * hg);
            assertThat(gradient).isCloseTo(0.0, within(1e-8));
            double plus = ModeAction.actionPerP(phi + h * dir[0], phi + h * dir[1], g, GAMMA);
            double minus = ModeAction.actionPerP(phi - h * dir[0], phi - h * dir[1], g, GAMMA);
            assertThat(plus + minus - 2 * s0).isPositive();
        }
        assertThat(ModeAction.actionPerP(phi, phi, g, GAMMA)).isCloseTo(ModeAction.actionPerP(phi, g, GAMMA), within(1e-9));
    }

    @Test
    void noNonZeroSaddleBelowTheDiscriminantThreshold() {
        double g = 0.999 * Math.sqrt(GAMMA);
        assertThat(ModeAction.hasNonZeroSaddle(g, GAMMA)).isFalse();
        assertThat(ModeAction.phiPlus(g, GAMMA)).isNaN();
        // the action along the diagonal then increases monotonically from the zero saddle
        double prev = 0;
        for (int i = 1; i <= 1000; i++) {
            double s = ModeAction.actionPerP(i * 0.5, g, GAMMA);
            assertThat(s).isGreaterThan(prev);
            prev = s;
        }
    }

    @Test
    void degeneracyClosedFormMatchesTheAction() {
        double gs = ThermodynamicLimit.gStar(GAMMA);
        assertThat(ModeAction.phiPlus(gs, GAMMA)).isCloseTo(ThermodynamicLimit.phiStar(GAMMA), within(1e-9));
        assertThat(ModeAction.actionPerP(ThermodynamicLimit.phiStar(GAMMA), gs, GAMMA)).isCloseTo(0.0, within(1e-10));
    }

    @Test
    void dropletWeightIsTheMixtureWeightAndNeverOverflows() {
        for (double s : new double[] {-5, -1, 0, 0.3, 2, 10}) {
            double direct = 4 * Math.exp(-s) / (1 + 4 * Math.exp(-s));
            assertThat(ModeAction.dropletWeight(s)).isCloseTo(direct, within(1e-14));
        }
        assertThat(ModeAction.dropletWeight(1e5)).isEqualTo(0.0);
        assertThat(ModeAction.dropletWeight(-1e5)).isEqualTo(1.0);
    }

    private static double second(double phi, double g) {
        double h = 1e-3 * phi;
        return ModeAction.actionPerP(phi + h, g, GAMMA) + ModeAction.actionPerP(phi - h, g, GAMMA)
                - 2 * ModeAction.actionPerP(phi, g, GAMMA);
    }
}
