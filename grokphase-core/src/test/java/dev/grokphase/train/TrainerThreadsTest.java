package dev.grokphase.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grokphase.net.Activation;
import dev.grokphase.net.NetworkSpec;
import dev.grokphase.net.Prior;
import dev.grokphase.random.RandomStream;
import dev.grokphase.random.SeedTree;
import dev.grokphase.task.CubicTeacherTask;
import dev.grokphase.task.Dataset;
import dev.grokphase.task.ModularAdditionTask;
import dev.grokphase.task.Targets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * The step's own threads ({@link Workers}) change nothing but speed: the same run with 1, 2 and 3
 * threads gives bit-identical weights, losses and checkpoints. Covered: one output with
 * minibatches and several stacked networks (rows in many chunks, noise in several chunks per
 * network), K outputs with two-hot inputs and Γ, cross-entropy with AdamW, and a full-batch
 * product cut into the most blocks (12 row blocks of Z, 6 of ∂U/∂W, computed on the
 * workers) under Langevin, MALA (chunked proposal noise) and SGD (chunked update).
 */
class TrainerThreadsTest {

    @ParameterizedTest
    @EnumSource(Precision.class)
    void resultsDoNotDependOnTheThreadCount(Precision precision) {
        Dataset cubic = new CubicTeacherTask(30, 300, 0, -0.3).generate(SeedTree.root(1));
        Dataset modular = new ModularAdditionTask(7, 0.7, Targets.CENTRED, 0).generate(SeedTree.root(1));
        Dataset onehot = new ModularAdditionTask(7, 0.7, Targets.ONEHOT, 0).generate(SeedTree.root(1));
        List<TrainingConfig> configs = List.of(
                TrainingConfig.langevin(NetworkSpec.standard(150, 30, 1, Activation.ERF), Prior.cubic(0.5, 30, 1.0, 150),
                        new LangevinConfig(0.2, 0.01)).withBatchSize(170),
                TrainingConfig.langevin(NetworkSpec.standard(20, 14, 7, Activation.SQUARE), Prior.modular(1, 0.5, 20),
                        new LangevinConfig(0.5, 1e-3, 0.1)),
                new TrainingConfig(NetworkSpec.standard(20, 14, 7, Activation.SQUARE), Prior.modular(1, 1, 20),
                        AdamWConfig.of(1e-3, 0.1), Loss.CROSS_ENTROPY, Precision.FLOAT64, 0, 0.3, 0.3, 1));
        Dataset large = new CubicTeacherTask(60, 600, 0, -0.3).generate(SeedTree.root(2));
        NetworkSpec wide = NetworkSpec.standard(150, 60, 1, Activation.ERF);
        Prior widePrior = Prior.cubic(0.5, 60, 1.0, 150);
        configs = new java.util.ArrayList<>(configs);
        configs.add(TrainingConfig.langevin(wide, widePrior, new LangevinConfig(0.2, 0.01)));
        configs.add(new TrainingConfig(wide, widePrior, new MalaConfig(0.2, 0.01, 0, 0.574, 5), Loss.MSE,
                Precision.FLOAT64, 0, Double.NaN, Double.NaN, 1));
        configs.add(new TrainingConfig(wide, widePrior, new SgdConfig(0.01, 0.9, 0.01), Loss.MSE,
                Precision.FLOAT64, 0, Double.NaN, Double.NaN, 1));
        List<Dataset> data = List.of(cubic, modular, onehot, large, large, large);
        for (int c = 0; c < configs.size(); c++) {
            TrainerState[] end = new TrainerState[3];
            for (int threads = 1; threads <= 3; threads++) {
                TrainingConfig cfg = configs.get(c).withPrecision(precision).withThreads(threads);
                Trainer t = Trainer.create(cfg, data.get(c), List.of(SeedTree.root(3), SeedTree.root(4), SeedTree.root(5)));
                t.run(12);
                end[threads - 1] = t.saveState();
            }
            for (int i = 1; i < 3; i++) {
                assertSameState(end[0], end[i], "config " + c + ", " + (i + 1) + " threads");
            }
        }
    }

    private static void assertSameState(TrainerState a, TrainerState b, String what) {
        assertThat(b.doubles().keySet()).as(what).isEqualTo(a.doubles().keySet());
        assertThat(b.floats().keySet()).as(what).isEqualTo(a.floats().keySet());
        a.doubles().forEach((k, v) -> assertThat(b.doubles().get(k)).as(what + ": " + k).isEqualTo(v));
        a.floats().forEach((k, v) -> assertThat(b.floats().get(k)).as(what + ": " + k).isEqualTo(v));
        a.longs().forEach((k, v) -> assertThat(b.longs().get(k)).as(what + ": " + k).isEqualTo(v));
    }

    /**
     * The chunked Langevin noise is standard normal and uncorrelated across chunk boundaries: over
     * 20 steps' noise for a 30,000-entry layer (8 chunks; seed 9), the mean is within 4 standard
     * errors of 0, the variance within 4 of 1, and the lag-1 correlation across every chunk
     * boundary pair within 4/√(20·7) of 0.
     */
    @Test
    void chunkedNoiseIsStandardNormal() {
        int n = 30_000;
        RandomStream stream = SeedTree.root(9).stream("noise");
        double sum = 0;
        double sum2 = 0;
        double cross = 0;
        int pairs = 0;
        int steps = 20;
        for (int s = 0; s < steps; s++) {
            double[] xi = new double[n];
            LangevinRule.replayNoise(stream, xi, new double[3]);
            for (double v : xi) {
                sum += v;
                sum2 += v * v;
            }
            for (int c = 1; c < LangevinRule.chunks(n); c++) {
                int b = c * LangevinRule.NOISE_CHUNK;
                cross += xi[b - 1] * xi[b];
                pairs++;
            }
        }
        double count = (double) n * steps;
        double mean = sum / count;
        double var = sum2 / count - mean * mean;
        assertThat(Math.abs(mean)).isLessThan(4 / Math.sqrt(count));
        assertThat(Math.abs(var - 1)).isLessThan(4 * Math.sqrt(2 / count));
        assertThat(Math.abs(cross / pairs)).isLessThan(4 / Math.sqrt(pairs));
    }
}
