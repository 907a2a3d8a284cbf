package dev.grokphase.theory.modular;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The per-pair integral against independent facts: the prior's exponential moments, a brute-force
 * 2D midpoint sum (slow, independent of the nested adaptive scheme), and the Laplace approximation
 * of the droplet well at large P.
 */
class ModeIntegralTest {

    @Test
    void withoutCouplingAndRegulariserItIsThePrior() {
        // g = 0, γ → 0: Φ, Ψ independent exponentials with mean 1/P (notes §5.5: ⟨|w_k|²⟩ = 1/P)
        for (int p : new int[] {5, 13, 401}) {
            ModeIntegral.Moments m = new ModeIntegral(p, 1e-12).moments(0.0);
            assertThat(m.meanPhi()).isCloseTo(1.0 / p, within(1e-9 / p));
            assertThat(m.meanPhiPsi()).isCloseTo(1.0 / ((double) p * p), within(1e-9 / ((double) p * p)));
            assertThat(m.dropletMass()).isZero();
        }
    }

    @Test
    void agreesWithABruteForceTwoDimensionalSum() {
        // P = 13, γ = 4 (the working point of docs/theory.md), g below, at and above the spinodal √γ = 2
        for (double g : new double[] {0.0, 1.0, 2.2, 2.6, 3.5}) {
            ModeIntegral.Moments m = new ModeIntegral(13, 4.0).moments(g);
            // midpoint sums at two resolutions, Richardson-extrapolated (error O(h⁴))
            double[] coarse = bruteForce(13, 4.0, g, 4.0, 1200);
            double[] fine = bruteForce(13, 4.0, g, 4.0, 2400);
            double phiPsi = (4 * fine[1] - coarse[1]) / 3;
            double phi = (4 * fine[2] - coarse[2]) / 3;
            assertThat(m.meanPhiPsi()).as("g=%s", g).isCloseTo(phiPsi, within(1e-6 * phiPsi));
            assertThat(m.meanPhi()).as("g=%s", g).isCloseTo(phi, within(1e-6 * phi));
            // the droplet mass √(ΦΨ) ≥ 1/√γ: an indicator, so the midpoint sum converges only as O(h)
            assertThat(m.dropletMass()).as("g=%s", g).isCloseTo(fine[3], within(2e-3 * fine[3] + 1e-9));
        }
    }

    @Test
    void dropletWellMatchesTheLaplaceApproximationAtLargeP() {
        // Fig. 3 γ at P = 401 with the coupling where the wells are nearly degenerate (S(Φ_+) ≈ 0): the
        // weights of the wells follow from Gaussian integrals around their minima (errors O(1/P)).
        int p = 401;
        double gamma = 1e-4;
        // g between the spinodal √γ and g* where the Laplace weights of the two wells are equal
        double lo = Math.sqrt(gamma) * (1 + 1e-9);
        double hi = ThermodynamicLimit.gStar(gamma);
        for (int i = 0; i < 200; i++) {
            double mid = 0.5 * (lo + hi);
            if (laplaceDroplet(p, gamma, mid) < 0.5) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double g = 0.5 * (lo + hi);
        double droplet = laplaceDroplet(p, gamma, g);
        double phi = ModeAction.phiPlus(g, gamma);
        ModeIntegral.Moments m = new ModeIntegral(p, gamma).moments(g);
        assertThat(droplet).isCloseTo(0.5, within(1e-6));
        assertThat(m.dropletMass()).isCloseTo(droplet, within(0.05));
        assertThat(m.meanPhiPsi()).isCloseTo(droplet * phi * phi, within(0.05 * droplet * phi * phi));
    }

    /** Laplace weight of the droplet well: Gaussian integral at (Φ_+, Φ_+) against the zero well's exact 4/c². */
    private static double laplaceDroplet(int p, double gamma, double g) {
        double c = 2.0 * p;
        double phi = ModeAction.phiPlus(g, gamma);
        double s = ModeAction.actionPerP(phi, g, gamma);
        double hpp = c * gamma * phi;
        double hpq = -c * g;
        double zPlus = Math.exp(-c * s) * 2 * Math.PI / Math.sqrt(hpp * hpp - hpq * hpq);
        double zZero = 4.0 / (c * c);
        return zPlus / (zPlus + zZero);
    }

    /** {∫∫e^{−2Ps}, ⟨ΦΨ⟩, ⟨Φ⟩, P(√(ΦΨ) ≥ 1/√γ)} by the midpoint rule on [0, top]² with n² cells. */
    static double[] bruteForce(int p, double gamma, double g, double top, int n) {
        double h = top / n;
        double z = 0;
        double zpp = 0;
        double zp = 0;
        double zd = 0;
        double c = 2.0 * p;
        for (int i = 0; i < n; i++) {
            double phi = (i + 0.5) * h;
            for (int j = 0; j < n; j++) {
                double psi = (j + 0.5) * h;
                double e = Math.exp(-c * ModeAction.actionPerP(phi, psi, g, gamma));
                z += e;
                zpp += e * phi * psi;
                zp += e * phi;
                if (phi * psi * gamma >= 1) {
                    zd += e;
                }
            }
        }
        return new double[] {z * h * h, zpp / z, zp / z, zd / z};
    }
}
