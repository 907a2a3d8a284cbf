package dev.grokphase.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.grokphase.error.GrokphaseException;
import dev.grokphase.net.Activation;
import dev.grokphase.net.NetworkSpec;
import dev.grokphase.net.Prior;
import dev.grokphase.net.TwoLayerNetwork;
import dev.grokphase.random.RandomStream;
import dev.grokphase.random.SeedTree;
import dev.grokphase.task.CubicTeacherTask;
import dev.grokphase.task.Dataset;
import dev.grokphase.task.ModularAdditionTask;
import dev.grokphase.task.Targets;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.special.Erf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Replica exchange in the engine: every rung samples its own tempered posterior exactly while
 * states move along the ladder, and a resumed run is bit-identical. (The 1-D double-well test of
 * dev.grokphase.sampling.ReplicaExchangeTest covers barrier crossing with the same swap class.)
 */
class ReplicaExchangeTrainerTest {

    /**
     * Input layer frozen (the same w for every member, via a shared init of w): rung k's readout
     * posterior is Gaussian with precision β_d s²HᵀH/σ² + β_p I/varA and mean β_d·(that)⁻¹ s Hᵀy/σ².
     * Seed 17; 4 networks × 3 rungs (T_max = 4), N = 4, d = 3, n = 12, σ² = 0.2, c = 0.3 fixed,
     * swaps every step; 500 + 20000 steps; batch-means SE (40 batches), 5 SE.
     */
    @ParameterizedTest
    @EnumSource(TemperingConfig.Tempered.class)
    void everyRungSamplesItsTemperedGaussianPosterior(TemperingConfig.Tempered tempered) {
        int width = 4;
        int d = 3;
        double temperature = 0.2;
        Dataset data = new CubicTeacherTask(d, 12, 0, -0.3).generate(SeedTree.root(17).child("data"));
        NetworkSpec spec = NetworkSpec.standard(width, d, 1, Activation.ERF);
        Prior prior = Prior.cubic(1.0, d, 0.5, width);
        TrainingConfig cfg = new TrainingConfig(spec, prior, new MalaConfig(temperature, 0.3, 0, 0.574, 0), Loss.MSE,
                Precision.FLOAT64, 0, Double.NaN, Double.NaN, 1).withFrozen(FrozenLayer.INPUT);
        int networks = 4;
        int rungs = 3;
        TemperingConfig tc = new TemperingConfig(rungs, 4.0, tempered, 1);
        double[] w0 = new double[width * d];
        SeedTree.root(17).stream("w").fillGaussian(w0, 0, w0.length, 0.8);
        List<TwoLayerNetwork> init = new ArrayList<>();
        List<RandomStream> noise = new ArrayList<>();
        List<RandomStream> swaps = new ArrayList<>();
        for (int k = 0; k < rungs; k++) {
            for (int m = 0; m < networks; m++) {
                SeedTree tree = SeedTree.root(17).child("network", m).child("rung", k);
                double[] a = new double[width];
                tree.stream("init").fillGaussian(a, 0, width, Math.sqrt(prior.varA()));
                init.add(new TwoLayerNetwork(spec, w0.clone(), a));
                noise.add(tree.stream("noise"));
            }
        }
        for (int m = 0; m < networks; m++) {
            swaps.add(SeedTree.root(17).child("network", m).stream("swap"));
        }
        ReplicaExchangeTrainer rx = new ReplicaExchangeTrainer(
                Trainer.create(cfg, data, init, noise, SeedTree.root(17).stream("batch")), tc, swaps);
        Trainer t = rx.trainer();

        int n = data.nTrain();
        RealMatrix h = new Array2DRowRealMatrix(n, width);
        for (int mu = 0; mu < n; mu++) {
            for (int i = 0; i < width; i++) {
                double z = 0;
                for (int j = 0; j < d; j++) {
                    z += w0[i * d + j] * data.xTrain()[mu * d + j];
                }
                h.setEntry(mu, i, Erf.erf(z));
            }
        }
        RealMatrix hth = h.transpose().multiply(h).scalarMultiply(1 / temperature);
        RealVector hty = h.transpose().operate(new ArrayRealVector(data.yTrain())).mapDivide(temperature);
        rx.run(500);
        int batches = 40;
        int perBatch = 500;
        MalaPosteriorTest.BatchMeans[][] bm = new MalaPosteriorTest.BatchMeans[rungs][width];
        MalaPosteriorTest.BatchMeans[][][] bc = new MalaPosteriorTest.BatchMeans[rungs][width][width];
        RealVector[] mean = new RealVector[rungs];
        RealMatrix[] cov = new RealMatrix[rungs];
        for (int k = 0; k < rungs; k++) {
            double bd = tc.betaTempered(k);
            double bp = tc.betaGaussianPrior(k);
            RealMatrix precision = hth.scalarMultiply(bd)
                    .add(MatrixUtils.createRealIdentityMatrix(width).scalarMultiply(bp / prior.varA()));
            cov[k] = new LUDecomposition(precision).getSolver().getInverse();
            mean[k] = cov[k].operate(hty.mapMultiply(bd));
            for (int i = 0; i < width; i++) {
                bm[k][i] = new MalaPosteriorTest.BatchMeans(batches, perBatch);
                for (int j = 0; j < width; j++) {
                    bc[k][i][j] = new MalaPosteriorTest.BatchMeans(batches, perBatch);
                }
            }
        }
        for (int s = 0; s < batches * perBatch; s++) {
            rx.step();
            for (int k = 0; k < rungs; k++) {
                for (int m = 0; m < networks; m++) {
                    double[] a = t.snapshotA(k * networks + m);
                    for (int i = 0; i < width; i++) {
                        bm[k][i].add(a[i] / networks);
                        for (int j = 0; j < width; j++) {
                            bc[k][i][j].add((a[i] - mean[k].getEntry(i)) * (a[j] - mean[k].getEntry(j)) / networks);
                        }
                    }
                }
                for (int i = 0; i < width; i++) {
                    bm[k][i].next();
                    for (int j = 0; j < width; j++) {
                        bc[k][i][j].next();
                    }
                }
            }
        }
        for (int k = 0; k < rungs; k++) {
            for (int i = 0; i < width; i++) {
                assertThat(Math.abs(bm[k][i].mean() - mean[k].getEntry(i)))
                        .as("rung %d mean[%d]: sampled %s, exact %s (SE %s)", k, i, bm[k][i].mean(), mean[k].getEntry(i),
                                bm[k][i].standardError())
                        .isLessThan(5 * bm[k][i].standardError());
                for (int j = 0; j < width; j++) {
                    assertThat(Math.abs(bc[k][i][j].mean() - cov[k].getEntry(i, j)))
                            .as("rung %d cov[%d][%d]: sampled %s, exact %s (SE %s)", k, i, j, bc[k][i][j].mean(),
                                    cov[k].getEntry(i, j), bc[k][i][j].standardError())
                            .isLessThan(5 * bc[k][i][j].standardError());
                }
            }
            // the rungs really differ (power): rung 2's variance is far from rung 0's
            if (k > 0) {
                assertThat(Math.abs(cov[k].getEntry(0, 0) - cov[0].getEntry(0, 0)))
                        .isGreaterThan(10 * bc[k][0][0].standardError());
            }
        }
        for (int m = 0; m < networks; m++) {
            for (int p = 0; p < rungs - 1; p++) {
                assertThat(rx.swapAcceptance(m, p)).as("network %d pair %d swaps", m, p).isBetween(0.1, 0.99);
            }
        }
    }

    static List<SeedTree> seeds(int networks) {
        List<SeedTree> out = new ArrayList<>();
        for (int m = 0; m < networks; m++) {
            out.add(SeedTree.root(99).child("network", m));
        }
        return out;
    }

    static void assertResumeIsBitIdentical(TrainingConfig cfg, TemperingConfig tc, Dataset data, int k) {
        ReplicaExchangeTrainer straight = new ReplicaExchangeTrainer(cfg, tc, data, seeds(2));
        straight.run(2L * k);

        ReplicaExchangeTrainer first = new ReplicaExchangeTrainer(cfg, tc, data, seeds(2));
        first.run(k);
        TrainerState saved = first.saveState();
        first.run(3); // the saved state must be a copy
        ReplicaExchangeTrainer resumed = new ReplicaExchangeTrainer(cfg, tc, data, seeds(2));
        resumed.restoreState(saved);
        assertThat(resumed.steps()).isEqualTo(k);
        resumed.run(k);

        Trainer a = straight.trainer();
        Trainer b = resumed.trainer();
        for (int m = 0; m < a.members(); m++) {
            assertThat(b.snapshotW(m)).containsExactly(a.snapshotW(m));
            assertThat(b.snapshotA(m)).containsExactly(a.snapshotA(m));
            assertThat(b.lastLoss(m)).isEqualTo(a.lastLoss(m));
            assertThat(b.mala().stepScale(m)).isEqualTo(a.mala().stepScale(m));
        }
        for (int m = 0; m < 2; m++) {
            for (int p = 0; p < tc.replicas() - 1; p++) {
                assertThat(resumed.swapAcceptance(m, p)).isEqualTo(straight.swapAcceptance(m, p));
            }
        }
        assertThat(resumed.saveState().longs().get("rx.1")).containsExactly(straight.saveState().longs().get("rx.1"));
    }

    /** Saved mid-adaptation (adapt 10 steps, save at 7) and between swap rounds (every 2 steps, save at 7). */
    @Test
    void resumeIsBitIdenticalWithReplicasCubic() {
        Dataset data = new CubicTeacherTask(6, 40, 0, -0.3).generate(SeedTree.root(1));
        NetworkSpec spec = NetworkSpec.standard(5, 6, 1, Activation.ERF);
        TrainingConfig cfg = new TrainingConfig(spec, Prior.cubic(0.5, 6, 1.0, 5), new MalaConfig(0.2, 0.05, 0, 0.574, 10),
                Loss.MSE, Precision.FLOAT64, 0, Double.NaN, Double.NaN, 1);
        assertResumeIsBitIdentical(cfg, new TemperingConfig(3, 5.0, TemperingConfig.Tempered.LIKELIHOOD, 2), data, 7);
        assertResumeIsBitIdentical(cfg, new TemperingConfig(4, 3.0, TemperingConfig.Tempered.POSTERIOR, 1), data, 7);
    }

    @Test
    void resumeIsBitIdenticalWithReplicasModularWithGamma() {
        Dataset data = new ModularAdditionTask(5, 1.0, Targets.CENTRED, 0).generate(SeedTree.root(1));
        NetworkSpec spec = NetworkSpec.standard(4, 10, 5, Activation.SQUARE);
        TrainingConfig cfg = new TrainingConfig(spec, Prior.modular(1, 1, 4), new MalaConfig(0.5, 0.002, 0.2, 0.574, 5),
                Loss.MSE, Precision.FLOAT64, 0, 0.3, 0.3, 1);
        assertResumeIsBitIdentical(cfg, new TemperingConfig(3, 4.0, TemperingConfig.Tempered.LIKELIHOOD, 1), data, 6);
    }

    @Test
    void replicasNeedMalaAndMatchingCheckpoints() {
        Dataset data = new CubicTeacherTask(6, 40, 0, -0.3).generate(SeedTree.root(1));
        NetworkSpec spec = NetworkSpec.standard(5, 6, 1, Activation.ERF);
        TrainingConfig langevin = TrainingConfig.langevin(spec, Prior.cubic(0.5, 6, 1.0, 5), new LangevinConfig(0.2, 0.05));
        TemperingConfig tc = new TemperingConfig(3, 5.0, TemperingConfig.Tempered.LIKELIHOOD, 1);
        assertThatThrownBy(() -> new ReplicaExchangeTrainer(langevin, tc, data, seeds(2)))
                .isInstanceOf(GrokphaseException.class).hasMessageContaining("--replicas").hasMessageNotContaining("\n");
        TrainingConfig mala = new TrainingConfig(spec, Prior.cubic(0.5, 6, 1.0, 5), new MalaConfig(0.2, 0.05, 0, 0.574, 10),
                Loss.MSE, Precision.FLOAT64, 0, Double.NaN, Double.NaN, 1);
        TrainerState three = new ReplicaExchangeTrainer(mala, tc, data, seeds(2)).saveState();
        ReplicaExchangeTrainer four = new ReplicaExchangeTrainer(mala,
                new TemperingConfig(4, 5.0, TemperingConfig.Tempered.LIKELIHOOD, 1), data, seeds(2));
        assertThatThrownBy(() -> four.restoreState(three)).isInstanceOf(GrokphaseException.class)
                .hasMessageContaining("checkpoint");
    }
}
