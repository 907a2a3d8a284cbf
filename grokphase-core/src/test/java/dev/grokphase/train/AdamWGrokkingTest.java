package dev.grokphase.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grokphase.net.Activation;
import dev.grokphase.net.NetworkSpec;
import dev.grokphase.net.Prior;
import dev.grokphase.random.SeedTree;
import dev.grokphase.task.Dataset;
import dev.grokphase.task.ModularAdditionTask;
import dev.grokphase.task.Targets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 4, "Must show", small version: AdamW on modular addition with the quadratic network
 * (notes §5.1, §5.9 [S] Gromov's setting) groks — train accuracy saturates first, test accuracy
 * rises past 95% later. P = 23, half of the table for training (data seed 1), N = 128, φ = z²,
 * MSE on one-hot targets, AdamW lr 1e-2, betas (0.9, 0.98), weight decay 1, init std 0.3 for
 * both layers (init seed 2). When written: train 100% and test 2% at step 200, test 100% by 800.
 */
class AdamWGrokkingTest {

    @Test
    void trainAccuracySaturatesFirstThenTestAccuracyPasses95Percent() {
        int p = 23;
        Dataset data = new ModularAdditionTask(p, 0.5, Targets.ONEHOT, 0).generate(SeedTree.root(1));
        NetworkSpec spec = NetworkSpec.standard(128, 2 * p, p, Activation.SQUARE);
        TrainingConfig cfg = new TrainingConfig(spec, Prior.modular(1, 1, 128),
                new AdamWConfig(1e-2, 0.9, 0.98, 1e-8, 1.0), Loss.MSE, Precision.FLOAT64, 0, 0.3, 0.3, 1);
        Trainer t = Trainer.create(cfg, data, List.of(SeedTree.root(2)));

        t.run(200);
        double train200 = accuracy(t, data.xTrain(), data.trainLabels(), p);
        double test200 = accuracy(t, data.xTest(), data.testLabels(), p);
        assertThat(train200).as("train accuracy at step 200").isGreaterThanOrEqualTo(0.99);
        assertThat(test200).as("test accuracy at step 200 (memorised, not generalised)").isLessThan(0.3);

        t.run(600);
        double test800 = accuracy(t, data.xTest(), data.testLabels(), p);
        assertThat(test800).as("test accuracy at step 800").isGreaterThan(0.95);
        assertThat(accuracy(t, data.xTrain(), data.trainLabels(), p)).isGreaterThanOrEqualTo(0.99);
    }

    static double accuracy(Trainer t, double[] x, int[] labels, int p) {
        int n = labels.length;
        double[] f = t.predict(x, n);
        int correct = 0;
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int q = 1; q < p; q++) {
                if (f[i * p + q] > f[i * p + best]) {
                    best = q;
                }
            }
            if (best == labels[i]) {
                correct++;
            }
        }
        return (double) correct / n;
    }
}
