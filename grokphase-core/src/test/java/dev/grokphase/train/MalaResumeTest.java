package dev.grokphase.train;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.grokphase.error.GrokphaseException;
import dev.grokphase.net.Activation;
import dev.grokphase.net.NetworkSpec;
import dev.grokphase.net.Prior;
import dev.grokphase.random.SeedTree;
import dev.grokphase.task.CubicTeacherTask;
import dev.grokphase.task.Dataset;
import dev.grokphase.task.ModularAdditionTask;
import dev.grokphase.task.Targets;
import org.junit.jupiter.api.Test;

/** MALA without tempering: same seeds, same numbers, and a resume in the middle of the step adaptation. */
class MalaResumeTest {

    @Test
    void cubicResumeIsBitIdenticalDuringAndAfterAdaptation() {
        Dataset data = new CubicTeacherTask(6, 40, 0, -0.3).generate(SeedTree.root(1));
        TrainingConfig cfg = new TrainingConfig(NetworkSpec.standard(5, 6, 1, Activation.ERF), Prior.cubic(0.5, 6, 1.0, 5),
                new MalaConfig(0.2, 0.05, 0, 0.574, 10), Loss.MSE, Precision.FLOAT64, 0, Double.NaN, Double.NaN, 1);
        TrainerResumeTest.assertResumeIsBitIdentical(cfg, data, 7);
        TrainerResumeTest.assertResumeIsBitIdentical(cfg, data, 12);
    }

    @Test
    void modularWithSexticResumeIsBitIdentical() {
        Dataset data = new ModularAdditionTask(5, 1.0, Targets.CENTRED, 0).generate(SeedTree.root(1));
        TrainingConfig cfg = new TrainingConfig(NetworkSpec.standard(4, 10, 5, Activation.SQUARE), Prior.modular(1, 1, 4),
                new MalaConfig(0.5, 0.002, 0.2, 0.574, 5), Loss.MSE, Precision.FLOAT64, 0, 0.3, 0.3, 1);
        TrainerResumeTest.assertResumeIsBitIdentical(cfg, data, 4);
    }

    @Test
    void float32ResumeIsBitIdentical() {
        Dataset data = new CubicTeacherTask(6, 40, 0, -0.3).generate(SeedTree.root(1));
        TrainingConfig cfg = new TrainingConfig(NetworkSpec.standard(5, 6, 1, Activation.ERF), Prior.cubic(0.5, 6, 1.0, 5),
                new MalaConfig(0.2, 0.05, 0, 0.574, 10), Loss.MSE, Precision.FLOAT32, 0, Double.NaN, Double.NaN, 1);
        TrainerResumeTest.assertResumeIsBitIdentical(cfg, data, 7);
    }

    @Test
    void malaRefusesMinibatchesAndCrossEntropyWithOneLine() {
        NetworkSpec spec = NetworkSpec.standard(5, 6, 1, Activation.ERF);
        MalaConfig m = new MalaConfig(0.2, 0.05, 0, 0.574, 10);
        assertThatThrownBy(() -> new TrainingConfig(spec, Prior.cubic(0.5, 6, 1.0, 5), m, Loss.MSE, Precision.FLOAT64, 16,
                Double.NaN, Double.NaN, 1)).isInstanceOf(GrokphaseException.class).hasMessageContaining("--batch-size")
                .hasMessageNotContaining("\n");
        NetworkSpec multi = NetworkSpec.standard(5, 6, 3, Activation.ERF);
        assertThatThrownBy(() -> new TrainingConfig(multi, Prior.cubic(0.5, 6, 1.0, 5), m, Loss.CROSS_ENTROPY,
                Precision.FLOAT64, 0, Double.NaN, Double.NaN, 1)).isInstanceOf(GrokphaseException.class)
                .hasMessageContaining("--loss");
        assertThatThrownBy(() -> new MalaConfig(0.2, 0.05, 0, 1.5, 10)).isInstanceOf(GrokphaseException.class)
                .hasMessageContaining("--target-acceptance");
    }
}
