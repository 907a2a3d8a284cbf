package dev.grokphase.theory.cubic;

import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;
import org.hipparchus.special.Erf;
import org.junit.jupiter.api.Test;

import java.util.function.DoubleBinaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The §4.5 identities against direct numerical integration: the expectation over x ∈ R^d reduces
 * to a 2D Gaussian integral over (h, g) = (w*·x, w·x), with Var h = 1, Var g = |w|², Cov = q. We
 * write h = z₁, g = q z₁ + √(|w|² − q²) z₂ and integrate z₁, z₂ with an 80-point Gauss–Hermite rule.
 */
class HermiteIntegralsTest {

    private static final GaussIntegrator RULE = new GaussIntegratorFactory().hermite(80);

    /** E[F(h, g)] with a Gauss–Hermite tensor rule (weight e^{−x²}, so z = √2 x and a 1/π factor). */
    static double expect(double q, double w2, DoubleBinaryOperator f) {
        double perp = Math.sqrt(w2 - q * q);
        double sum = 0;
        for (int i = 0; i < RULE.getNumberOfPoints(); i++) {
            double z1 = Math.sqrt(2) * RULE.getPoint(i);
            for (int j = 0; j < RULE.getNumberOfPoints(); j++) {
                double z2 = Math.sqrt(2) * RULE.getPoint(j);
                sum += RULE.getWeight(i) * RULE.getWeight(j) * f.applyAsDouble(z1, q * z1 + perp * z2);
            }
        }
        return sum / Math.PI;
    }

    @Test
    void oddMomentsMatchQuadrature() {
        double[][] cases = {{0.3, 0.6}, {0.9, 1.3}, {-0.5, 0.4}, {1.2, 2.0}};
        for (double[] cs : cases) {
            double q = cs[0];
            double w2 = cs[1];
            for (int n = 0; n <= 3; n++) {
                int pow = 2 * n + 1;
                double direct = expect(q, w2, (h, g) -> Erf.erf(g) * Math.pow(h, pow));
                assertThat(HermiteIntegrals.odd(n, q, w2)).as("I_%d at q=%s |w|^2=%s", n, q, w2)
                        .isCloseTo(direct, within(1e-9 * (1 + Math.abs(direct))));
            }
        }
    }

    @Test
    void steinFormsMatchQuadrature() {
        double q = 0.7;
        double w2 = 1.1;
        assertThat(HermiteIntegrals.erfH1(q, w2)).isCloseTo(expect(q, w2, (h, g) -> Erf.erf(g) * h), within(1e-10));
        assertThat(HermiteIntegrals.erfH3(q, w2))
                .isCloseTo(expect(q, w2, (h, g) -> Erf.erf(g) * (h * h * h - 3 * h)), within(1e-10));
        assertThat(HermiteIntegrals.erfSquared(w2)).isCloseTo(expect(q, w2, (h, g) -> Erf.erf(g) * Erf.erf(g)), within(1e-8));
        // I_1 − 3 I_0 is the H_3 projection.
        assertThat(HermiteIntegrals.i1(q, w2) - 3 * HermiteIntegrals.i0(q, w2)).isCloseTo(HermiteIntegrals.erfH3(q, w2), within(1e-14));
    }

    /** The single-neuron projections used for M (notes §4.6) are the Stein forms at |w|² = q² + σ_w². */
    @Test
    void projectionsAreTheSteinFormsAtConcentratedNorm() {
        double sw2 = 0.5;
        for (double q = 0.1; q < 2; q += 0.3) {
            double w2 = q * q + sw2;
            assertThat(ReducedAction.projection1(sw2, q)).isCloseTo(HermiteIntegrals.erfH1(q, w2), within(1e-14));
            assertThat(ReducedAction.projection3(sw2, q)).isCloseTo(HermiteIntegrals.erfH3(q, w2) / Math.sqrt(6), within(1e-14));
        }
    }
}
