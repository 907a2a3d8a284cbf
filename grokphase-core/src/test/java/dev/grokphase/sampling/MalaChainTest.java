package dev.grokphase.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grokphase.random.RandomStream;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/**
 * MALA samples a closed-form Gaussian exactly at a step where the unadjusted step is far off.
 *
 * <p>Target U = ½θᵀAθ − bᵀθ in 3-D (mean A⁻¹b, covariance A⁻¹/β), preconditioner p = (1, 0.5, 2),
 * step scale c = 0.3: ηλ_max(PA) ≈ 2.3, so the unadjusted chain's stationary covariance (the
 * discrete Lyapunov solution Σ = MΣMᵀ + 2cP, M = I − cβPA) is off by about 50% on the diagonal.
 * Tolerance: 5 batch-means standard errors (40 batches of 5000 steps), seed 31.
 */
class MalaChainTest {

    static final double[][] A = {{2.0, 0.8, 0.3}, {0.8, 3.0, -0.5}, {0.3, -0.5, 1.5}};
    static final double[] B = {0.5, -1.0, 0.7};

    static Target gaussian() {
        return new Target() {
            @Override
            public int dimension() {
                return 3;
            }

            @Override
            public double energyAndGradient(double[] theta, double[] gradient) {
                double u = 0;
                for (int i = 0; i < 3; i++) {
                    double ai = -B[i];
                    for (int j = 0; j < 3; j++) {
                        ai += A[i][j] * theta[j];
                    }
                    gradient[i] = ai;
                    u += 0.5 * theta[i] * (ai - B[i]);
                }
                return u; // Σ ½θ_i((Aθ)_i − 2b_i) = ½θᵀAθ − bᵀθ
            }
        };
    }

    @Test
    void gaussianEnergyAndGradientAreConsistent() {
        Target t = gaussian();
        double[] x = {0.3, -0.2, 1.1};
        double[] g = new double[3];
        double u = t.energyAndGradient(x, g);
        double direct = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                direct += 0.5 * x[i] * A[i][j] * x[j];
            }
            direct -= B[i] * x[i];
        }
        assertThat(u).isCloseTo(direct, org.assertj.core.api.Assertions.within(1e-14));
        double h = 1e-6;
        for (int i = 0; i < 3; i++) {
            double[] xp = x.clone();
            xp[i] += h;
            double[] xm = x.clone();
            xm[i] -= h;
            double fd = (t.energyAndGradient(xp, new double[3]) - t.energyAndGradient(xm, new double[3])) / (2 * h);
            assertThat(g[i]).isCloseTo(fd, org.assertj.core.api.Assertions.within(1e-7));
        }
    }

    @Test
    void malaSamplesTheClosedFormGaussianWhereTheUnadjustedStepIsBiased() {
        double beta = 0.8;
        double c = 0.3;
        double[] p = {1.0, 0.5, 2.0};
        RealMatrix a = new Array2DRowRealMatrix(A);
        RealMatrix cov = new LUDecomposition(a).getSolver().getInverse().scalarMultiply(1 / beta);
        double[] mean = new LUDecomposition(a).getSolver().solve(new org.hipparchus.linear.ArrayRealVector(B)).toArray();

        MalaChain chain = new MalaChain(gaussian(), new double[3], p, beta, new StepAdapter(c, 0.574, 0),
                RandomStream.fromSeed(31));
        for (int s = 0; s < 2000; s++) {
            chain.step();
        }
        int batches = 40;
        int perBatch = 5000;
        double[][] bm = new double[batches][3];
        double[][][] bc = new double[batches][3][3];
        for (int k = 0; k < batches; k++) {
            for (int s = 0; s < perBatch; s++) {
                chain.step();
                double[] x = chain.theta();
                for (int i = 0; i < 3; i++) {
                    bm[k][i] += x[i] / perBatch;
                    for (int j = 0; j < 3; j++) {
                        bc[k][i][j] += (x[i] - mean[i]) * (x[j] - mean[j]) / perBatch;
                    }
                }
            }
        }
        for (int i = 0; i < 3; i++) {
            final int ii = i;
            double[] m = java.util.stream.IntStream.range(0, batches).mapToDouble(k -> bm[k][ii]).toArray();
            assertWithin(m, mean[i], "mean[" + i + "]");
            for (int j = 0; j < 3; j++) {
                final int jj = j;
                double[] v = java.util.stream.IntStream.range(0, batches).mapToDouble(k -> bc[k][ii][jj]).toArray();
                assertWithin(v, cov.getEntry(i, j), "cov[" + i + "][" + j + "]");
            }
        }
        assertThat(chain.acceptance()).as("a step this large is rejected often").isBetween(0.05, 0.95);

        // Power: the unadjusted chain at the same step has a stationary covariance far outside the window.
        RealMatrix pm = new Array2DRowRealMatrix(new double[][] {{p[0], 0, 0}, {0, p[1], 0}, {0, 0, p[2]}});
        RealMatrix mm = org.hipparchus.linear.MatrixUtils.createRealIdentityMatrix(3)
                .subtract(pm.multiply(a).scalarMultiply(c * beta));
        RealMatrix ula = pm.scalarMultiply(2 * c);
        for (int it = 0; it < 5000; it++) {
            ula = mm.multiply(ula).multiply(mm.transpose()).add(pm.scalarMultiply(2 * c));
        }
        double worst = 0;
        for (int i = 0; i < 3; i++) {
            worst = Math.max(worst, Math.abs(ula.getEntry(i, i) / cov.getEntry(i, i) - 1));
        }
        assertThat(worst).as("the unadjusted chain would be biased by more than 30%%").isGreaterThan(0.3);
    }

    @Test
    void burnInAdaptationReachesTheTargetAcceptanceAndThenFreezes() {
        MalaChain chain = new MalaChain(gaussian(), new double[3], new double[] {1, 1, 1}, 1.0,
                new StepAdapter(1e-3, 0.574, 3000), RandomStream.fromSeed(32));
        for (int s = 0; s < 3000; s++) {
            chain.step();
        }
        double frozen = chain.adapter().scale();
        assertThat(chain.adapter().adapting()).isFalse();
        assertThat(frozen).as("adapted far away from the 1e-3 start").isGreaterThan(0.05);
        for (int s = 0; s < 40000; s++) {
            chain.step();
        }
        assertThat(chain.adapter().scale()).as("frozen after burn-in").isEqualTo(frozen);
        assertThat(chain.acceptance()).as("acceptance near α* = 0.574 (±0.06)").isBetween(0.514, 0.634);
    }

    static void assertWithin(double[] batchMeans, double exact, String what) {
        int k = batchMeans.length;
        double m = 0;
        for (double v : batchMeans) {
            m += v / k;
        }
        double var = 0;
        for (double v : batchMeans) {
            var += (v - m) * (v - m) / (k - 1);
        }
        double se = Math.sqrt(var / k);
        assertThat(Math.abs(m - exact)).as("%s: sampled %s, exact %s, SE %s", what, m, exact, se).isLessThan(5 * se);
        assertThat(se).as("%s: the window is informative", what).isLessThan(0.05 * Math.max(0.1, Math.abs(exact)) + 0.01);
    }
}
