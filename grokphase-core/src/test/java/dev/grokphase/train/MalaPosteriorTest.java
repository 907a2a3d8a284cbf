package dev.grokphase.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grokphase.net.Activation;
import dev.grokphase.net.NetworkSpec;
import dev.grokphase.net.Prior;
import dev.grokphase.net.Readout;
import dev.grokphase.net.TwoLayerNetwork;
import dev.grokphase.random.RandomStream;
import dev.grokphase.random.SeedTree;
import dev.grokphase.task.CubicTeacherTask;
import dev.grokphase.task.Dataset;
import dev.grokphase.theory.kernel.ErfNngpKernel;
import dev.grokphase.theory.kernel.GpRegression;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.special.Erf;
import org.junit.jupiter.api.Test;

/**
 * The engine's MALA samples the exact posteriors of {@link TrainerPosteriorTest} and
 * {@link TrainerGpLimitTest} — the continuous-time law itself, not the O(η)-biased law of the
 * unadjusted step — at step scales where the unadjusted step is visibly biased.
 *
 * <p>Statistics: standard errors by batch means over time of the member-averaged quantity (40
 * batches), tolerance 5 SE; each test also checks that the unadjusted step's exact stationary law
 * at the same step lies outside that window (power).
 */
class MalaPosteriorTest {

    static TrainingConfig mala(NetworkSpec spec, Prior prior, double temperature, double c, long adapt) {
        return new TrainingConfig(spec, prior, new MalaConfig(temperature, c, 0.0, 0.574, adapt), Loss.MSE,
                Precision.FLOAT64, 0, Double.NaN, Double.NaN, 1);
    }

    /** Batch means of a per-step scalar series. */
    static final class BatchMeans {
        final double[] sums;
        final int perBatch;
        int step;

        BatchMeans(int batches, int perBatch) {
            this.sums = new double[batches];
            this.perBatch = perBatch;
        }

        void add(double v) {
            sums[step / perBatch] += v / perBatch;
        }

        void next() {
            step++;
        }

        double mean() {
            double m = 0;
            for (double s : sums) {
                m += s / sums.length;
            }
            return m;
        }

        double standardError() {
            double m = mean();
            double v = 0;
            for (double s : sums) {
                v += (s - m) * (s - m) / (sums.length - 1);
            }
            return Math.sqrt(v / sums.length);
        }
    }

    /**
     * No data: exactly the prior variances σ_w²/d and σ_a²/N (ULA would give them ×1/(1 − c/2) =
     * ×1.18 at c = 0.3). Seed 2024; 8 networks, N = 20, d = 5, c = 0.3 fixed, 200 + 4000 steps. (MALA's
     * acceptance falls with the dimension D at fixed c — the optimal c scales as D^(−1/3) — so this
     * fixed large step needs a small network; the trainer adapts c for real ones.)
     */
    @Test
    void withoutDataTheWeightsHaveExactlyThePriorVariances() {
        int width = 20;
        int d = 5;
        double c = 0.3;
        int members = 8;
        Prior prior = Prior.cubic(0.5, d, 2.0, width);
        TrainingConfig cfg = mala(NetworkSpec.standard(width, d, 1, Activation.ERF), prior, 0.2, c, 0);
        List<SeedTree> seeds = new ArrayList<>();
        for (int m = 0; m < members; m++) {
            seeds.add(SeedTree.root(2024).child("network", m));
        }
        Trainer t = Trainer.create(cfg, TrainerPosteriorTest.empty(d), seeds);
        t.run(200);
        BatchMeans vw = new BatchMeans(40, 100);
        BatchMeans va = new BatchMeans(40, 100);
        for (int s = 0; s < 4000; s++) {
            t.step();
            for (int m = 0; m < members; m++) {
                double sw = 0;
                for (double v : t.snapshotW(m)) {
                    sw += v * v;
                }
                double sa = 0;
                for (double v : t.snapshotA(m)) {
                    sa += v * v;
                }
                vw.add(sw / (width * d) / members);
                va.add(sa / width / members);
            }
            vw.next();
            va.next();
        }
        assertThat(Math.abs(vw.mean() / prior.varW() - 1)).as("Var w / prior = %s (SE %s)", vw.mean() / prior.varW(),
                vw.standardError() / prior.varW()).isLessThan(5 * vw.standardError() / prior.varW());
        assertThat(Math.abs(va.mean() / prior.varA() - 1)).as("Var a / prior = %s (SE %s)", va.mean() / prior.varA(),
                va.standardError() / prior.varA()).isLessThan(5 * va.standardError() / prior.varA());
        assertThat(5 * va.standardError() / prior.varA()).as("the window excludes ULA's bias c/2").isLessThan(c / 2 / 2);
        assertThat(t.mala().acceptance(0)).as("Gaussian prior at c = 0.3, D = 120: most proposals accepted").isGreaterThan(0.5);
    }

    /** Per-coordinate batch means of the mean vector and of the covariance about the exact mean. */
    static void assertGaussian(Trainer t, boolean readout, int burnIn, int batches, int perBatch, RealVector mean,
                               RealMatrix cov, RealMatrix ulaCov) {
        t.run(burnIn);
        int dim = mean.getDimension();
        BatchMeans[] bm = new BatchMeans[dim];
        BatchMeans[][] bc = new BatchMeans[dim][dim];
        for (int i = 0; i < dim; i++) {
            bm[i] = new BatchMeans(batches, perBatch);
            for (int j = 0; j < dim; j++) {
                bc[i][j] = new BatchMeans(batches, perBatch);
            }
        }
        int members = t.members();
        for (int s = 0; s < batches * perBatch; s++) {
            t.step();
            for (int m = 0; m < members; m++) {
                double[] v = readout ? t.snapshotA(m) : t.snapshotW(m);
                for (int i = 0; i < dim; i++) {
                    bm[i].add(v[i] / members);
                    for (int j = 0; j < dim; j++) {
                        bc[i][j].add((v[i] - mean.getEntry(i)) * (v[j] - mean.getEntry(j)) / members);
                    }
                }
            }
            for (int i = 0; i < dim; i++) {
                bm[i].next();
                for (int j = 0; j < dim; j++) {
                    bc[i][j].next();
                }
            }
        }
        double powerMargin = 0;
        for (int i = 0; i < dim; i++) {
            assertThat(Math.abs(bm[i].mean() - mean.getEntry(i)))
                    .as("mean[%d]: sampled %s, exact %s (SE %s)", i, bm[i].mean(), mean.getEntry(i), bm[i].standardError())
                    .isLessThan(5 * bm[i].standardError());
            for (int j = 0; j < dim; j++) {
                assertThat(Math.abs(bc[i][j].mean() - cov.getEntry(i, j)))
                        .as("cov[%d][%d]: sampled %s, exact %s (SE %s)", i, j, bc[i][j].mean(), cov.getEntry(i, j),
                                bc[i][j].standardError())
                        .isLessThan(5 * bc[i][j].standardError());
            }
            powerMargin = Math.max(powerMargin, Math.abs(ulaCov.getEntry(i, i) - cov.getEntry(i, i)) / bc[i][i].standardError());
        }
        assertThat(powerMargin).as("the unadjusted step's exact law fails the same 5-SE test").isGreaterThan(5);
    }

    /** ULA's exact stationary covariance with scalar step η: (A − ηA²/2)⁻¹ (TrainerPosteriorTest). */
    static RealMatrix ulaCovariance(RealMatrix precision, double eta) {
        return new LUDecomposition(precision.subtract(precision.multiply(precision).scalarMultiply(eta / 2)))
                .getSolver().getInverse();
    }

    /**
     * Input layer frozen: the readout posterior is Gaussian with precision s²HᵀH/σ² + I/varA
     * (TrainerPosteriorTest's random-feature case). Seed 7; 8 networks sharing w, N = 5, d = 3,
     * n = 15, σ² = 0.3, σ_a² = 0.1, c = 0.6 fixed; 1000 + 16000 steps.
     */
    @Test
    void randomFeatureReadoutPosteriorIsExactlyTheClosedFormGaussian() {
        int width = 5;
        int d = 3;
        double temperature = 0.3;
        double c = 0.6;
        double s = 1.3;
        Dataset data = new CubicTeacherTask(d, 15, 0, -0.3).generate(SeedTree.root(7).child("data"));
        NetworkSpec spec = new NetworkSpec(width, d, 1, Activation.ERF, Readout.STANDARD, s);
        Prior prior = Prior.cubic(1.0, d, 0.1, width);
        TrainingConfig cfg = mala(spec, prior, temperature, c, 0).withFrozen(FrozenLayer.INPUT);
        int members = 8;
        double[] w = new double[width * d];
        SeedTree.root(7).stream("w").fillGaussian(w, 0, w.length, 0.6);
        List<TwoLayerNetwork> init = new ArrayList<>();
        List<RandomStream> noise = new ArrayList<>();
        for (int m = 0; m < members; m++) {
            double[] a = new double[width];
            SeedTree.root(7).child("network", m).stream("init").fillGaussian(a, 0, width, Math.sqrt(prior.varA()));
            init.add(new TwoLayerNetwork(spec, w.clone(), a));
            noise.add(SeedTree.root(7).child("network", m).stream("noise"));
        }
        Trainer t = Trainer.create(cfg, data, init, noise, SeedTree.root(7).stream("batch"));
        int n = data.nTrain();
        RealMatrix h = new Array2DRowRealMatrix(n, width);
        for (int mu = 0; mu < n; mu++) {
            for (int i = 0; i < width; i++) {
                double z = 0;
                for (int j = 0; j < d; j++) {
                    z += w[i * d + j] * data.xTrain()[mu * d + j];
                }
                h.setEntry(mu, i, s * Erf.erf(z));
            }
        }
        RealMatrix precision = h.transpose().multiply(h).scalarMultiply(1 / temperature)
                .add(MatrixUtils.createRealIdentityMatrix(width).scalarMultiply(1 / prior.varA()));
        RealVector b = h.transpose().operate(new ArrayRealVector(data.yTrain())).mapDivide(temperature);
        RealMatrix cov = new LUDecomposition(precision).getSolver().getInverse();
        assertGaussian(t, true, 1000, 40, 400, cov.operate(b), cov, ulaCovariance(precision, c * prior.varA()));
        assertThat(t.snapshotW(5)).as("frozen layer stays put").containsExactly(w);
    }

    /**
     * Readout frozen, linear activation: vec(W) is Gaussian with precision ΦᵀΦ/σ² + I/varW
     * (TrainerPosteriorTest's linear case). Seed 8; 8 networks, N = 3, d = 3, n = 12, σ² = 0.5,
     * c fixed where η·λ_max = 1.7 (ULA's variance along the stiffest mode is then 6.7× too large);
     * 1000 + 16000 steps.
     */
    @Test
    void linearNetworkInputPosteriorIsExactlyTheClosedFormGaussian() {
        int width = 3;
        int d = 3;
        double temperature = 0.5;
        double s = 0.8;
        Dataset data = new CubicTeacherTask(d, 12, 0, -0.3).generate(SeedTree.root(8).child("data"));
        NetworkSpec spec = new NetworkSpec(width, d, 1, Activation.LINEAR, Readout.STANDARD, s);
        Prior prior = Prior.cubic(1.5, d, 3.0, width);
        double[] a = {0.9, -0.6, 1.2};
        int n = data.nTrain();
        int dim = width * d;
        RealMatrix phi = new Array2DRowRealMatrix(n, dim);
        for (int mu = 0; mu < n; mu++) {
            for (int i = 0; i < width; i++) {
                for (int j = 0; j < d; j++) {
                    phi.setEntry(mu, i * d + j, s * a[i] * data.xTrain()[mu * d + j]);
                }
            }
        }
        RealMatrix precision = phi.transpose().multiply(phi).scalarMultiply(1 / temperature)
                .add(MatrixUtils.createRealIdentityMatrix(dim).scalarMultiply(1 / prior.varW()));
        double lambdaMax = 0;
        for (double ev : new org.hipparchus.linear.EigenDecompositionSymmetric(precision).getEigenvalues()) {
            lambdaMax = Math.max(lambdaMax, ev);
        }
        double c = 1.7 / (lambdaMax * prior.varW());
        TrainingConfig cfg = mala(spec, prior, temperature, c, 0).withFrozen(FrozenLayer.READOUT);
        int members = 8;
        List<TwoLayerNetwork> init = new ArrayList<>();
        List<RandomStream> noise = new ArrayList<>();
        for (int m = 0; m < members; m++) {
            double[] wi = new double[width * d];
            SeedTree.root(8).child("network", m).stream("init").fillGaussian(wi, 0, wi.length, Math.sqrt(prior.varW()));
            init.add(new TwoLayerNetwork(spec, wi, a.clone()));
            noise.add(SeedTree.root(8).child("network", m).stream("noise"));
        }
        Trainer t = Trainer.create(cfg, data, init, noise, SeedTree.root(8).stream("batch"));
        RealVector b = phi.transpose().operate(new ArrayRealVector(data.yTrain())).mapDivide(temperature);
        RealMatrix cov = new LUDecomposition(precision).getSolver().getInverse();
        assertGaussian(t, false, 1000, 40, 400, cov.operate(b), cov, ulaCovariance(precision, c * prior.varW()));
    }

    /**
     * GP limit (TrainerGpLimitTest's point: seed 31, d = 3, n = 8, N = 1000, σ² = 0.1), both layers
     * sampled, step adapted during the first 300 steps from c = 0.02: the ensemble-mean prediction
     * matches GP regression with the erf NNGP kernel. 8 networks, 2400 recorded steps (every 8th);
     * standard error from the spread of the 8 per-network time averages, tolerance 5 SE + 0.03 (the
     * O(1/N) width correction, as in TrainerGpLimitTest; MALA has no O(c) term).
     */
    @Test
    void largeWidthEnsembleMeanIsGpRegression() {
        int d = 3;
        int width = 1000;
        double temperature = 0.1;
        Dataset data = new CubicTeacherTask(d, 8, 6, -0.3).generate(SeedTree.root(31).child("data"));
        NetworkSpec spec = NetworkSpec.standard(width, d, 1, Activation.ERF);
        TrainingConfig cfg = mala(spec, Prior.cubic(1.0, d, 1.0, width), temperature, 0.02, 300);
        int members = 8;
        List<SeedTree> seeds = new ArrayList<>();
        for (int m = 0; m < members; m++) {
            seeds.add(SeedTree.root(31).child("network", m));
        }
        Trainer t = Trainer.create(cfg, data, seeds);
        t.run(400);
        int nTest = data.nTest();
        double[][] perNet = new double[members][nTest];
        int records = 0;
        for (int s = 0; s < 2400; s++) {
            t.step();
            if (s % 8 == 7) {
                for (int m = 0; m < members; m++) {
                    double[] f = t.predict(m, data.xTest(), nTest);
                    for (int j = 0; j < nTest; j++) {
                        perNet[m][j] += f[j];
                    }
                }
                records++;
            }
        }
        ErfNngpKernel kernel = new ErfNngpKernel(1.0, 1.0);
        double[][] xTrain = TrainerGpLimitTest.rows(data.xTrain(), data.nTrain(), d);
        double[][] xTest = TrainerGpLimitTest.rows(data.xTest(), nTest, d);
        GpRegression gp = GpRegression.fit(kernel.gram(xTrain), data.yTrain(), temperature);
        double[] gpMean = gp.predict(kernel.matrix(xTest, xTrain));
        for (int j = 0; j < nTest; j++) {
            double mean = 0;
            for (int m = 0; m < members; m++) {
                perNet[m][j] /= records;
                mean += perNet[m][j] / members;
            }
            double var = 0;
            for (int m = 0; m < members; m++) {
                var += (perNet[m][j] - mean) * (perNet[m][j] - mean) / (members - 1);
            }
            double tol = 5 * Math.sqrt(var / members) + 0.03;
            assertThat(Math.abs(mean - gpMean[j]))
                    .as("test point %d: MALA ensemble mean %s, GP mean %s, tolerance %s", j, mean, gpMean[j], tol)
                    .isLessThan(tol);
        }
        for (int m = 0; m < members; m++) {
            assertThat(t.mala().adapting(m)).isFalse();
            assertThat(t.mala().acceptance(m)).as("adapted acceptance of network %d", m).isBetween(0.4, 0.75);
            assertThat(t.mala().stepScale(m)).as("adapted step above the start").isGreaterThan(0.02);
        }
    }
}
