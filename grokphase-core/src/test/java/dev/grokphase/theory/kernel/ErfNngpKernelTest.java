package dev.grokphase.theory.kernel;

import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.special.Erf;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ErfNngpKernelTest {

    static double[][] gaussianRows(SplittableRandom rng, int n, int d, double scale) {
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = scale * rng.nextGaussian();
            }
        }
        return x;
    }

    /** Arcsine closed form vs Monte Carlo over random first-layer weights (seed 11, 400k draws, 5 standard errors). */
    @Test
    void arcsineFormulaMatchesMonteCarloOverRandomWeights() {
        SplittableRandom rng = new SplittableRandom(11);
        int d = 6;
        double sigmaW2 = 0.7;
        double sigmaA2 = 1.3;
        ErfNngpKernel kernel = new ErfNngpKernel(sigmaW2, sigmaA2);
        double[][] pts = gaussianRows(rng, 3, d, 1.5);
        int draws = 400_000;
        double sd = Math.sqrt(sigmaW2 / d);
        for (int a = 0; a < 3; a++) {
            for (int b = a; b < 3; b++) {
                double sum = 0;
                double sumSq = 0;
                for (int t = 0; t < draws; t++) {
                    double ux = 0;
                    double uz = 0;
                    for (int j = 0; j < d; j++) {
                        double w = sd * rng.nextGaussian();
                        ux += w * pts[a][j];
                        uz += w * pts[b][j];
                    }
                    double v = sigmaA2 * Erf.erf(ux) * Erf.erf(uz);
                    sum += v;
                    sumSq += v * v;
                }
                double mean = sum / draws;
                double se = Math.sqrt((sumSq / draws - mean * mean) / draws);
                assertThat(kernel.value(pts[a], pts[b])).isCloseTo(mean, within(5 * se + 1e-12));
            }
        }
    }

    @Test
    void crossMatrixIsSymmetricUnderSwappingArguments() {
        SplittableRandom rng = new SplittableRandom(3);
        ErfNngpKernel kernel = new ErfNngpKernel(0.5, 2.0);
        double[][] x = gaussianRows(rng, 7, 4, 1);
        double[][] z = gaussianRows(rng, 5, 4, 1);
        double[][] kxz = kernel.matrix(x, z);
        double[][] kzx = kernel.matrix(z, x);
        for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 5; j++) {
                assertThat(kxz[i][j]).isEqualTo(kzx[j][i]);
                assertThat(kxz[i][j]).isEqualTo(kernel.value(x[i], z[j]));
            }
        }
        double[][] g = kernel.gram(x);
        double[] diag = kernel.diagonal(x);
        for (int i = 0; i < 7; i++) {
            assertThat(g[i][i]).isCloseTo(diag[i], within(1e-15));
            for (int j = 0; j < 7; j++) {
                assertThat(g[i][j]).isEqualTo(g[j][i]);
            }
        }
    }

    @Test
    void gramMatrixIsPositiveSemiDefinite() {
        SplittableRandom rng = new SplittableRandom(5);
        ErfNngpKernel kernel = new ErfNngpKernel(3.0, 1.0);
        double[][] g = kernel.gram(gaussianRows(rng, 40, 3, 2));
        double[] ev = new EigenDecompositionSymmetric(MatrixUtils.createRealMatrix(g)).getEigenvalues();
        for (double e : ev) {
            assertThat(e).isGreaterThan(-1e-12);
        }
    }

    /** Small weights: erf(u) ≈ (2/√π) u, so K → σ_a² (4/π) xᵀΣz (the linear kernel). */
    @Test
    void smallWeightLimitIsTheLinearKernel() {
        SplittableRandom rng = new SplittableRandom(8);
        double sigmaW2 = 1e-6;
        ErfNngpKernel kernel = new ErfNngpKernel(sigmaW2, 2.0);
        double[][] x = gaussianRows(rng, 2, 5, 1);
        double linear = 2.0 * (4 / Math.PI) * (sigmaW2 / 5) * ErfNngpKernel.dot(x[0], x[1]);
        // The first correction is relative O(xᵀΣx) ~ 1e-6 here, so 1e-4 relative is generous but meaningful.
        assertThat(kernel.value(x[0], x[1])).isCloseTo(linear, within(1e-4 * Math.abs(linear)));
    }

    @Test
    void parallelInputsOfLargeNormGiveTheSignKernel() {
        // For |x| → ∞ along one direction, erf → sign, and E[sign(u)²] = 1: K → σ_a².
        ErfNngpKernel kernel = new ErfNngpKernel(1.0, 0.25);
        double[] x = {1e8, 0, 0};
        assertThat(kernel.value(x, x)).isCloseTo(0.25, within(1e-6));
        double[] minus = {-1e8, 0, 0};
        assertThat(kernel.value(x, minus)).isCloseTo(-0.25, within(1e-6));
    }
}
