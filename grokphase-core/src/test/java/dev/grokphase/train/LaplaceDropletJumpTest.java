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
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Laplace droplet jump ({@link LaplaceDropletJump}): the stationary law of MALA + Laplace jumps
 * against exact quadrature on the fixtures of {@link DropletJumpTest} (a one-neuron double well in
 * d = 2 and two neurons in d = 1, the readouts integrated analytically), that the Newton search
 * finds the side mode, resume, and the refusals.
 */
class LaplaceDropletJumpTest {

    private static DropletJumpConfig laplace(int every, double size, int neurons) {
        return new DropletJumpConfig(every, size, 0.0, DropletJumpConfig.Kind.LAPLACE, neurons);
    }

    private static TrainingConfig mala(NetworkSpec spec, Prior prior, double sigma2, DropletJumpConfig jumps) {
        return new TrainingConfig(spec, prior, new MalaConfig(sigma2, 0.3, 0, 0.574, 2000), Loss.MSE, Precision.FLOAT64, 0,
                Double.NaN, Double.NaN, 1, FrozenLayer.NONE, jumps);
    }

    /**
     * One erf neuron in d = 2 (side wells at |q| ≈ 1.4 behind a barrier of ≈ 11, about half the
     * mass): MALA + a Laplace jump (Δ = 1.4, edge 0.7) every 5 steps reproduces the exact
     * P(|q| > 0.6) and E[q²] within 4 batch-means standard errors (seed 11, 40,000 steps).
     * MALA alone misses the side-well mass by more than 0.15 with the same budget
     * ({@link DropletJumpTest#malaWithJumpsSamplesTheExactBimodalMarginal}).
     */
    @Test
    void malaWithLaplaceJumpsSamplesTheExactBimodalMarginal() {
        Dataset data = DropletJumpTest.oneNeuronData();
        double[] exact = DropletJumpTest.exactOneNeuron(data);
        NetworkSpec spec = NetworkSpec.standard(1, 2, 1, Activation.ERF);
        Prior prior = new Prior(DropletJumpTest.VAR_W, DropletJumpTest.VAR_A);
        Trainer t = Trainer.create(mala(spec, prior, DropletJumpTest.SIGMA2, laplace(5, 1.4, 0)), data,
                List.of(SeedTree.root(11).child("network", 0)));
        t.run(4000);
        int steps = 40_000;
        double[] side = new double[steps];
        double[] q2 = new double[steps];
        for (int s = 0; s < steps; s++) {
            t.step();
            double q = t.snapshotW(0)[0];
            side[s] = Math.abs(q) > DropletJumpTest.SIDE ? 1 : 0;
            q2[s] = q * q;
        }
        double[] ms = DropletJumpTest.batchMeans(side);
        double[] mq = DropletJumpTest.batchMeans(q2);
        assertThat(ms[1]).as("standard error small enough to mean something").isLessThan(0.03);
        assertThat(Math.abs(ms[0] - exact[0])).as("P(|q| > 0.6): %s ± %s vs exact %s", ms[0], ms[1], exact[0])
                .isLessThan(4 * ms[1]);
        assertThat(Math.abs(mq[0] - exact[1])).as("E[q²]: %s ± %s vs exact %s", mq[0], mq[1], exact[1])
                .isLessThan(4 * mq[1]);
        assertThat(t.jumps().acceptance(0)).as("jumps between the wells are accepted").isBetween(0.05, 0.99);
        assertThat(t.jumps().attempts(0)).isEqualTo((4000L + steps) / 5);
    }

    /**
     * Two erf neurons in d = 1, a ∈ R² integrated analytically (exact law by quadrature): MALA +
     * Laplace jumps of randomly chosen neurons (2 per sweep, every 2 steps) reproduce E[w₁²], E[w₂²]
     * and P(|w₁| > 0.6) within 4 batch-means standard errors (seed 13, 60,000 steps): each jump
     * sees the other neuron in its residual.
     */
    @Test
    void laplaceJumpsSeeTheOtherNeuronTwoNeuronExactMarginal() {
        Dataset data = DropletJumpTest.twoNeuronData();
        double varW = 0.1;
        double varA = 0.5;
        double sigma2 = 0.15;
        double[] exact = DropletJumpTest.exactTwoNeuron(data, varW, varA, sigma2);
        NetworkSpec spec = NetworkSpec.standard(2, 1, 1, Activation.ERF);
        Trainer t = Trainer.create(mala(spec, new Prior(varW, varA), sigma2, laplace(2, 0.8, 2)), data,
                List.of(SeedTree.root(13).child("network", 0)));
        DropletJumpTest.assertMatchesExactTwoNeuron(t, exact);
        assertThat(t.jumps().acceptance(0)).isBetween(0.01, 0.99);
    }

    @Test
    void resumeIsBitIdenticalWithLaplaceJumps() {
        Dataset data = new CubicTeacherTask(6, 40, 0, -0.3).generate(SeedTree.root(1));
        NetworkSpec spec = NetworkSpec.standard(5, 6, 1, Activation.ERF);
        Prior prior = Prior.cubic(0.5, 6, 1.0, 5);
        TrainingConfig langevin = TrainingConfig.langevin(spec, prior, new LangevinConfig(0.2, 0.05)).withJumps(laplace(3, 1.0, 0));
        TrainerResumeTest.assertResumeIsBitIdentical(langevin, data, 7);
        TrainerResumeTest.assertResumeIsBitIdentical(langevin, data, 9);
        TrainingConfig malaCfg = mala(spec, prior, 0.2, laplace(3, 1.0, 4));
        TrainerResumeTest.assertResumeIsBitIdentical(malaCfg, data, 9);
        TrainerResumeTest.assertResumeIsBitIdentical(malaCfg.withPrecision(Precision.FLOAT32), data, 7);
        TemperingConfig tc = new TemperingConfig(3, 2.0, TemperingConfig.Tempered.LIKELIHOOD, 1);
        ReplicaExchangeTrainerTest.assertResumeIsBitIdentical(mala(spec, prior, 0.2, laplace(2, 1.0, 0)), tc, data, 5);
    }

    @Test
    void badValuesAndUnsupportedSettingsAreOneLineErrors() {
        assertOneLine(() -> new DropletJumpConfig(1, 1.0, 0.0, DropletJumpConfig.Kind.LAPLACE, -1), "--jump-neurons");
        NetworkSpec square = NetworkSpec.standard(5, 6, 1, Activation.SQUARE);
        Prior prior = Prior.cubic(0.5, 6, 1.0, 5);
        assertOneLine(() -> TrainingConfig.langevin(square, prior, new LangevinConfig(0.2, 0.05)).withJumps(laplace(1, 1.0, 0)),
                "--jump-kind");
        // the shift move has no such restriction
        assertThat(TrainingConfig.langevin(square, prior, new LangevinConfig(0.2, 0.05)).withJumps(DropletJumpConfig.every(1)).jumps().on())
                .isTrue();
        NetworkSpec erf = NetworkSpec.standard(5, 6, 1, Activation.ERF);
        assertOneLine(() -> new TrainingConfig(erf, prior, new SgdConfig(0.1, 0, 0), Loss.MSE, Precision.FLOAT64, 0,
                Double.NaN, Double.NaN, 1, FrozenLayer.NONE, laplace(1, 1.0, 0)), "--jump-every");
    }

    private static void assertOneLine(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String text) {
        assertThatThrownBy(call).isInstanceOf(GrokphaseException.class).hasMessageContaining(text)
                .hasMessageNotContaining("\n");
    }
}
