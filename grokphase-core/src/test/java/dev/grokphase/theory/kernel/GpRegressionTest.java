package dev.grokphase.theory.kernel;

import org.hipparchus.linear.DecompositionSolver;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static dev.grokphase.theory.kernel.ErfNngpKernelTest.gaussianRows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GpRegressionTest {

    private final SplittableRandom rng = new SplittableRandom(2024);
    private final ErfNngpKernel kernel = new ErfNngpKernel(0.5, 1.0);
    private final double[][] x = gaussianRows(rng, 60, 4, 1);
    private final double[][] xs = gaussianRows(rng, 9, 4, 1);
    private final double[] y = target(x);

    private static double[] target(double[][] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double h = x[i][0];
            y[i] = h - 0.3 * (h * h * h - 3 * h);
        }
        return y;
    }

    private static RealMatrix shifted(double[][] k, double s) {
        RealMatrix m = MatrixUtils.createRealMatrix(k);
        for (int i = 0; i < k.length; i++) {
            m.addToEntry(i, i, s);
        }
        return m;
    }

    /** Mean, variance and log marginal likelihood vs a direct LU solve (Hipparchus), which shares no code. */
    @Test
    void agreesWithDirectLuSolve() {
        double noise = 0.1;
        double[][] k = kernel.gram(x);
        double[][] kStar = kernel.matrix(xs, x);
        GpRegression gp = GpRegression.fit(k, y, noise);
        assertThat(gp.jitter()).isZero();

        RealMatrix a = shifted(k, noise);
        LUDecomposition lu = new LUDecomposition(a);
        DecompositionSolver solver = lu.getSolver();
        RealVector alpha = solver.solve(MatrixUtils.createRealVector(y));
        double[] mean = gp.predict(kStar);
        double[] var = gp.variance(kStar, kernel.diagonal(xs));
        double[] kss = kernel.diagonal(xs);
        for (int i = 0; i < xs.length; i++) {
            RealVector ks = MatrixUtils.createRealVector(kStar[i]);
            assertThat(mean[i]).isCloseTo(ks.dotProduct(alpha), within(1e-10));
            double direct = kss[i] - ks.dotProduct(solver.solve(ks));
            assertThat(var[i]).isCloseTo(direct, within(1e-10));
        }
        double lml = -0.5 * MatrixUtils.createRealVector(y).dotProduct(alpha)
                - 0.5 * Math.log(lu.getDeterminant()) - 0.5 * y.length * Math.log(2 * Math.PI);
        assertThat(gp.logMarginalLikelihood()).isCloseTo(lml, within(1e-8));
    }

    /** σ² → 0: the posterior mean interpolates the training targets and the variance vanishes there. */
    @Test
    void noiselessLimitInterpolates() {
        double[][] k = kernel.gram(x);
        GpRegression gp = GpRegression.fit(k, y, 0.0);
        double[] mean = gp.predict(k);
        double[] var = gp.variance(k, kernel.diagonal(x));
        for (int i = 0; i < x.length; i++) {
            assertThat(mean[i]).isCloseTo(y[i], within(1e-6));
            assertThat(var[i]).isLessThan(1e-6);
        }
    }

    /** σ² → ∞: f̄ → K y / σ² (first order in 1/σ²) and the variance returns to the prior k**. */
    @Test
    void hugeNoiseLimitIsKernelTimesTargetsOverNoise() {
        double noise = 1e8;
        double[][] k = kernel.gram(x);
        double[][] kStar = kernel.matrix(xs, x);
        GpRegression gp = GpRegression.fit(k, y, noise);
        double[] mean = gp.predict(kStar);
        double[] var = gp.variance(kStar, kernel.diagonal(xs));
        double[] kss = kernel.diagonal(xs);
        for (int i = 0; i < xs.length; i++) {
            double ky = ErfNngpKernel.dot(kStar[i], y) / noise;
            assertThat(mean[i]).isCloseTo(ky, within(1e-6 * Math.abs(ky) + 1e-18));
            assertThat(var[i]).isCloseTo(kss[i], within(1e-6 * kss[i]));
        }
    }

    /** Duplicate inputs with σ² = 0 make K + σ²I singular: the jitter rule kicks in and the fit still interpolates. */
    @Test
    void singularKernelIsRescuedByTheDocumentedJitter() {
        double[][] dup = new double[20][];
        double[] yd = new double[20];
        for (int i = 0; i < 20; i++) {
            dup[i] = x[i % 10];
            yd[i] = y[i % 10];
        }
        double[][] k = kernel.gram(dup);
        GpRegression gp = GpRegression.fit(k, yd, 0.0);
        double meanDiag = 0;
        for (int i = 0; i < 20; i++) {
            meanDiag += k[i][i] / 20;
        }
        assertThat(gp.jitter()).isGreaterThan(0).isLessThanOrEqualTo(GpRegression.JITTER_MAX * meanDiag * 1.0001);
        double[] mean = gp.predict(k);
        for (int i = 0; i < 20; i++) {
            assertThat(mean[i]).isCloseTo(yd[i], within(1e-3));
        }
    }

    @Test
    void choleskyReproducesTheMatrix() {
        double[][] k = kernel.gram(x);
        Cholesky c = Cholesky.tryDecompose(k, 0.01);
        double[][] l = c.lower();
        for (int i = 0; i < k.length; i++) {
            for (int j = 0; j < k.length; j++) {
                double s = 0;
                for (int t = 0; t < k.length; t++) {
                    s += l[i][t] * l[j][t];
                }
                assertThat(s).isCloseTo(k[i][j] + (i == j ? 0.01 : 0), within(1e-12));
            }
        }
    }

    @Test
    void negativeNoiseIsRejectedWithOneLine() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GpRegression.fit(kernel.gram(x), y, -1))
                .hasMessageContaining("noiseVariance = -1.0 is out of range");
    }
}
