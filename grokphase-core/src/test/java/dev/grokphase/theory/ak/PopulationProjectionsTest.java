package dev.grokphase.theory.ak;

import dev.grokphase.net.Activation;
import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;
import org.hipparchus.special.Erf;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PopulationProjections} against a two-dimensional Gauss–Hermite quadrature of
 * E_x[erf(w·x) He_k(w*·x)], x ~ N(0, I): with u = w*·x and w·x = q u + √(|w|² − q²) v, (u, v)
 * independent standard normals, the expectation is a 2-D Gaussian integral (80 × 80 nodes,
 * error far below the 1e-9 tolerance). The solution is built by hand (5 samples, 3 variants with
 * their own t̄ and weights, seed 11), so the test sees the closed forms (the 4 and the power 3/2
 * of the cubic one, its sign), the per-variant t̄ and weights and the σ_a² factor, not the solver.
 */
class PopulationProjectionsTest {

    @Test
    void matchesGaussHermiteQuadratureForEveryVariant() {
        Random rnd = new Random(11);
        int d = 4;
        int n = 6;
        int m = 5;
        int reps = 3;
        double sigmaA2 = 0.7;
        double[] wStar = {0.5, -0.5, 0.5, 0.5};
        double[] x = gaussian(rnd, n * d, 1.0);
        double[] w = gaussian(rnd, m * d, 0.8);
        double[][] tbar = new double[reps][];
        double[][] weights = new double[reps][];
        double[][] fTrain = new double[reps][n];
        double[][] fTest = new double[reps][0];
        for (int r = 0; r < reps; r++) {
            tbar[r] = gaussian(rnd, n, 2.0);
            weights[r] = new double[m];
            double sum = 0;
            for (int s = 0; s < m; s++) {
                weights[r][s] = rnd.nextDouble();
                sum += weights[r][s];
            }
            for (int s = 0; s < m; s++) {
                weights[r][s] /= sum;
            }
        }
        AkProblem p = new AkProblem(x, new double[n], n, d, 1, new double[0], 0, Activation.ERF, 0.5 / d, sigmaA2, 100, 0.1, 0);
        TemperedNeuronSampler.Diagnostics diag = new TemperedNeuronSampler.Diagnostics(new double[] {0, 1}, 1, 1, 0, 0, new double[] {1});
        AkSolution sol = new AkSolution(p, tbar, fTrain, fTest, weights,
                new NeuronSamples(w, new int[m], m, d, tbar[0], diag), true, 1, 1, 0, 1, 0);

        PopulationProjections.PerVariant got = PopulationProjections.of(sol, wStar);

        GaussIntegrator gh = new GaussIntegratorFactory().hermite(80);
        for (int r = 0; r < reps; r++) {
            double lin = 0;
            double cub = 0;
            for (int s = 0; s < m; s++) {
                double g = 0;
                for (int mu = 0; mu < n; mu++) {
                    double z = 0;
                    for (int k = 0; k < d; k++) {
                        z += w[s * d + k] * x[mu * d + k];
                    }
                    g += Erf.erf(z) * tbar[r][mu];
                }
                double q = 0;
                double w2 = 0;
                for (int k = 0; k < d; k++) {
                    q += w[s * d + k] * wStar[k];
                    w2 += w[s * d + k] * w[s * d + k];
                }
                double c = sigmaA2 * weights[r][s] * g;
                lin += c * expectation(gh, q, Math.sqrt(w2 - q * q), 1);
                cub += c * expectation(gh, q, Math.sqrt(w2 - q * q), 3);
            }
            assertThat(got.linear()[r]).isCloseTo(lin, org.assertj.core.data.Offset.offset(1e-9 * (1 + Math.abs(lin))));
            assertThat(got.cubic()[r]).isCloseTo(cub, org.assertj.core.data.Offset.offset(1e-9 * (1 + Math.abs(cub))));
            assertThat(Math.abs(cub)).isGreaterThan(1e-3); // the cubic term is really exercised
        }
    }

    /** E[erf(q u + perp v) He_k(u)] for independent standard normals u, v (k = 1 or 3), by quadrature. */
    private static double expectation(GaussIntegrator gh, double q, double perp, int k) {
        double sum = 0;
        for (int i = 0; i < gh.getNumberOfPoints(); i++) {
            double u = Math.sqrt(2) * gh.getPoint(i);
            double he = k == 1 ? u : u * u * u - 3 * u;
            for (int j = 0; j < gh.getNumberOfPoints(); j++) {
                double v = Math.sqrt(2) * gh.getPoint(j);
                sum += gh.getWeight(i) * gh.getWeight(j) * Erf.erf(q * u + perp * v) * he;
            }
        }
        return sum / Math.PI;
    }

    private static double[] gaussian(Random rnd, int len, double scale) {
        double[] a = new double[len];
        for (int i = 0; i < len; i++) {
            a[i] = scale * rnd.nextGaussian();
        }
        return a;
    }
}
