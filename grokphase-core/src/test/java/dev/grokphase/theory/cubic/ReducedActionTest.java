package dev.grokphase.theory.cubic;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReducedActionTest {

    private final ReducedAction s = new ReducedAction(30.2, 0.5, 0.29, -0.3);

    /** Analytic s' and s'' vs central differences (step 1e-5, tolerance 1e-7 / 1e-5). */
    @Test
    void derivativesMatchFiniteDifferences() {
        double h = 1e-5;
        for (double q = 0.05; q < 3; q += 0.137) {
            double fd1 = (s.value(q + h) - s.value(q - h)) / (2 * h);
            double fd2 = (s.derivative(q + h) - s.derivative(q - h)) / (2 * h);
            assertThat(s.derivative(q)).isCloseTo(fd1, within(1e-7));
            assertThat(s.secondDerivative(q)).isCloseTo(fd2, within(1e-5));
        }
    }

    @Test
    void isEvenAndZeroAtTheOrigin() {
        assertThat(s.value(0)).isZero();
        assertThat(s.derivative(0)).isZero();
        for (double q = 0.1; q < 2; q += 0.3) {
            assertThat(s.value(-q)).isEqualTo(s.value(q));
        }
    }

    /** s''(0) = (1 − B u b²)/σ_w², B = 4σ_w²/(π(1+2σ_w²)): the GFL stiffness of notes §4.8. */
    @Test
    void curvatureAtZeroIsTheGflStiffness() {
        double bCoef = 4 * 0.5 / (Math.PI * 2);
        assertThat(s.secondDerivative(0)).isCloseTo((1 - bCoef * 30.2 * 0.29 * 0.29) / 0.5, within(1e-12));
    }

    /** Norm concentration |w|² = q² + σ_w² turns the full action (§4.4, via I_0, I_1) into s(q) + ½. */
    @Test
    void reducedActionIsTheFullActionAtConcentratedNorm() {
        for (double q = 0; q < 2.5; q += 0.21) {
            double full = HermiteIntegrals.fullActionPerD(q, q * q + 0.5, 30.2, 0.5, 0.29, -0.3);
            assertThat(full - 0.5).isCloseTo(s.value(q), within(1e-12));
        }
    }

    /** m(q) entries are the squared projections: M₁₁ carries 4 (the [P-fix] of §4.6), M₁₃ and M₃₃ as printed. */
    @Test
    void singleNeuronMatrixHasThePaperEntries() {
        double q = 0.8;
        double dd = 1 + 2 * (0.5 + q * q);
        double[] m = ReducedAction.singleNeuronMatrix(0.5, q);
        assertThat(m[0]).isCloseTo(4 * q * q / (Math.PI * dd), within(1e-15));
        assertThat(m[1]).isCloseTo(-8 * Math.pow(q, 4) / (Math.sqrt(6) * Math.PI * dd * dd), within(1e-15));
        assertThat(m[2]).isCloseTo(8 * Math.pow(q, 6) / (3 * Math.PI * dd * dd * dd), within(1e-15));
    }
}
