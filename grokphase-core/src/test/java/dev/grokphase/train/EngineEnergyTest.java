package dev.grokphase.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grokphase.net.Activation;
import dev.grokphase.net.NetworkSpec;
import dev.grokphase.net.Prior;
import dev.grokphase.random.SeedTree;
import dev.grokphase.task.CubicTeacherTask;
import dev.grokphase.task.Dataset;
import dev.grokphase.task.ModularAdditionTask;
import dev.grokphase.task.Targets;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link Engine#energy(int)} — what a Metropolis-adjusted sampler compares — against the plain
 * {@link ReferenceModel#energy} (explicit loops, Hipparchus erf, Γ from its definition), for the
 * cubic task with one output and the modular task with K outputs and the sextic term, for every
 * network of a stacked group, after some steps so that the parameters are not the initial ones.
 * Tolerance: 1e-11 relative in float64 (FastErf is accurate to 1e-15), 1e-5 in float32.
 */
class EngineEnergyTest {

    @ParameterizedTest
    @EnumSource(Precision.class)
    void energyAtTheLastEvaluationIsTheReferenceEnergy(Precision precision) {
        Dataset cubic = new CubicTeacherTask(6, 40, 0, -0.3).generate(SeedTree.root(5));
        Dataset modular = new ModularAdditionTask(5, 0.6, Targets.CENTRED, 0.0).generate(SeedTree.root(5));
        List<TrainingConfig> configs = List.of(
                TrainingConfig.langevin(NetworkSpec.standard(7, 6, 1, Activation.ERF), Prior.cubic(0.5, 6, 2.0, 7),
                        new LangevinConfig(0.2, 0.01)).withPrecision(precision),
                TrainingConfig.langevin(NetworkSpec.standard(4, 10, 5, Activation.SQUARE), Prior.modular(0.7, 0.9, 4),
                        new LangevinConfig(0.5, 0.002, 0.3)).withPrecision(precision));
        List<Dataset> data = List.of(cubic, modular);
        double tol = precision == Precision.FLOAT64 ? 1e-11 : 1e-5;
        for (int c = 0; c < configs.size(); c++) {
            TrainingConfig cfg = configs.get(c);
            Dataset d = data.get(c);
            Engine<?> engine = (Engine<?>) Trainer.create(cfg, d, List.of(SeedTree.root(1), SeedTree.root(2)));
            engine.run(7);
            engine.evaluate();
            int[] rows = new int[d.nTrain()];
            for (int r = 0; r < rows.length; r++) {
                rows[r] = r;
            }
            for (int m = 0; m < 2; m++) {
                double expected = ReferenceModel.energy(cfg, engine.snapshotW(m), engine.snapshotA(m), d.xTrain(),
                        d.yTrain(), rows, d.nTrain());
                assertThat(engine.energy(m)).as("U of network %d, config %d", m, c)
                        .isCloseTo(expected, Offset.offset(tol * Math.abs(expected)));
            }
        }
    }
}
