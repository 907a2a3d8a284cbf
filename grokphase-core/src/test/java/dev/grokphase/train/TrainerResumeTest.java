package dev.grokphase.train;

import static org.assertj.core.api.Assertions.assertThat;
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
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Same seeds, same numbers; save, rebuild, restore and continue gives exactly the same arrays. */
class TrainerResumeTest {

    static List<SeedTree> seeds() {
        return List.of(SeedTree.root(99).child("network", 0), SeedTree.root(99).child("network", 1));
    }

    static void assertResumeIsBitIdentical(TrainingConfig cfg, Dataset data, int k) {
        Trainer straight = Trainer.create(cfg, data, seeds());
        straight.run(2L * k);

        Trainer first = Trainer.create(cfg, data, seeds());
        first.run(k);
        TrainerState saved = first.saveState();
        first.run(3); // the saved state must be a copy, unaffected by later steps
        Trainer resumed = Trainer.create(cfg, data, seeds());
        resumed.restoreState(saved);
        assertThat(resumed.steps()).isEqualTo(k);
        resumed.run(k);

        assertThat(resumed.steps()).isEqualTo(2L * k);
        for (int m = 0; m < 2; m++) {
            assertThat(resumed.snapshotW(m)).containsExactly(straight.snapshotW(m));
            assertThat(resumed.snapshotA(m)).containsExactly(straight.snapshotA(m));
            assertThat(resumed.lastLoss(m)).isEqualTo(straight.lastLoss(m));
        }
        // and a second identical run agrees exactly (determinism)
        Trainer again = Trainer.create(cfg, data, seeds());
        again.run(2L * k);
        assertThat(again.snapshotW(1)).containsExactly(straight.snapshotW(1));
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void langevinMinibatchCubic(Precision precision) {
        Dataset data = new CubicTeacherTask(6, 40, 0, -0.3).generate(SeedTree.root(1));
        NetworkSpec spec = NetworkSpec.standard(5, 6, 1, Activation.ERF);
        TrainingConfig cfg = TrainingConfig.langevin(spec, Prior.cubic(0.5, 6, 1.0, 5), new LangevinConfig(0.2, 0.05))
                .withBatchSize(16).withPrecision(precision);
        assertResumeIsBitIdentical(cfg, data, 7);
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void adamwModular(Precision precision) {
        Dataset data = new ModularAdditionTask(7, 0.5, Targets.ONEHOT, 0.1).generate(SeedTree.root(1));
        NetworkSpec spec = NetworkSpec.standard(6, 14, 7, Activation.SQUARE);
        TrainingConfig cfg = new TrainingConfig(spec, Prior.modular(1, 1, 6), AdamWConfig.of(1e-2, 1.0),
                Loss.CROSS_ENTROPY, precision, 0, 0.3, 0.3, 1);
        assertResumeIsBitIdentical(cfg, data, 5);
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void sgdMomentumModularLangevinGamma(Precision precision) {
        Dataset data = new ModularAdditionTask(5, 1.0, Targets.CENTRED, 0).generate(SeedTree.root(1));
        NetworkSpec spec = NetworkSpec.standard(4, 10, 5, Activation.SQUARE);
        TrainingConfig sgd = new TrainingConfig(spec, Prior.modular(1, 1, 4), new SgdConfig(0.01, 0.9, 1e-3),
                Loss.MSE, precision, 10, 0.3, 0.3, 1);
        assertResumeIsBitIdentical(sgd, data, 4);
        TrainingConfig lan = TrainingConfig.langevin(spec, Prior.modular(1, 1, 4), new LangevinConfig(0.5, 0.002, 0.2))
                .withPrecision(precision);
        assertResumeIsBitIdentical(lan, data, 4);
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void restoringIntoADifferentShapeIsRefusedWithOneLine(Precision precision) {
        Dataset data = new CubicTeacherTask(6, 40, 0, -0.3).generate(SeedTree.root(1));
        TrainingConfig cfg = TrainingConfig.langevin(NetworkSpec.standard(5, 6, 1, Activation.ERF),
                Prior.cubic(0.5, 6, 1.0, 5), new LangevinConfig(0.2, 0.05)).withPrecision(precision);
        TrainerState s = Trainer.create(cfg, data, seeds()).saveState();
        TrainingConfig wider = TrainingConfig.langevin(NetworkSpec.standard(6, 6, 1, Activation.ERF),
                Prior.cubic(0.5, 6, 1.0, 6), new LangevinConfig(0.2, 0.05)).withPrecision(precision);
        Trainer other = Trainer.create(wider, data, seeds());
        assertThatThrownBy(() -> other.restoreState(s)).isInstanceOf(GrokphaseException.class)
                .hasMessageContaining("checkpoint").hasMessageNotContaining("\n");
    }
}
