package dev.grokphase.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.grokphase.error.ErrorCode;
import dev.grokphase.error.GrokphaseException;
import dev.grokphase.linalg.Blas;
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
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Divergence reporting, allocation-free steps, backend agreement, predict and stacking. */
class TrainerBehaviourTest {

    static TrainingConfig cubicLangevin(int width, int d) {
        return TrainingConfig.langevin(NetworkSpec.standard(width, d, 1, Activation.ERF),
                Prior.cubic(0.5, d, 0.2, width), new LangevinConfig(0.2, 0.02));
    }

    @Test
    void divergenceStopsWithTheStepNetworkAndQuantity() {
        Dataset data = new CubicTeacherTask(5, 30, 0, -0.3).generate(SeedTree.root(1));
        TrainingConfig cfg = new TrainingConfig(NetworkSpec.standard(4, 5, 1, Activation.SQUARE),
                Prior.cubic(0.5, 5, 1.0, 4), new SgdConfig(50.0, 0.0, 0.0), Loss.MSE, Precision.FLOAT64, 0, 1.0, 1.0, 1);
        Trainer t = Trainer.create(cfg, data, List.of(SeedTree.root(2)));
        assertThatThrownBy(() -> t.run(1000)).isInstanceOfSatisfying(DivergenceException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.DIVERGED);
            assertThat(e.getMessage()).matches("diverged at step \\d+: .* of network 0 is (NaN|Infinity|-Infinity) .*");
            assertThat(e.step()).isGreaterThan(0).isLessThan(1000);
            assertThat(e.quantity()).isIn("train loss", "squared norm of w", "squared norm of a");
        });
    }

    /** "step() allocates nothing": measured with the JVM's per-thread allocation counter. */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void stepsAllocateNothing(Precision precision) {
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Dataset cubic = new CubicTeacherTask(20, 200, 0, -0.3).generate(SeedTree.root(1));
        Dataset modular = new ModularAdditionTask(7, 0.6, Targets.ONEHOT, 0).generate(SeedTree.root(1));
        Dataset big = new CubicTeacherTask(32, 400, 0, -0.3).generate(SeedTree.root(1));
        List<Trainer> trainers = List.of(
                Trainer.create(cubicLangevin(30, 20).withPrecision(precision), cubic,
                        List.of(SeedTree.root(3), SeedTree.root(4))),
                Trainer.create(cubicLangevin(30, 20).withPrecision(precision).withBatchSize(50), cubic,
                        List.of(SeedTree.root(3))),
                Trainer.create(new TrainingConfig(NetworkSpec.standard(16, 14, 7, Activation.SQUARE), Prior.modular(1, 1, 16),
                        AdamWConfig.of(1e-3, 0.1), Loss.CROSS_ENTROPY, precision, 0, 0.3, 0.3, 1), modular,
                        List.of(SeedTree.root(3), SeedTree.root(4))),
                Trainer.create(TrainingConfig.langevin(NetworkSpec.standard(16, 14, 7, Activation.SQUARE),
                        Prior.modular(1, 1, 16), new LangevinConfig(0.5, 1e-3, 0.1)).withPrecision(precision), modular,
                        List.of(SeedTree.root(3))),
                // 2 threads, products cut into blocks (3 of Z, 3 of ∂U/∂W), MALA and SGD on the workers
                Trainer.create(cubicLangevin(64, 32).withPrecision(precision).withThreads(2), big,
                        List.of(SeedTree.root(3), SeedTree.root(4))),
                Trainer.create(new TrainingConfig(NetworkSpec.standard(64, 32, 1, Activation.ERF), Prior.cubic(0.5, 32, 0.2, 64),
                        new MalaConfig(0.2, 0.02, 0, 0.574, 100), Loss.MSE, precision, 0, Double.NaN, Double.NaN, 2), big,
                        List.of(SeedTree.root(3), SeedTree.root(4))),
                Trainer.create(new TrainingConfig(NetworkSpec.standard(64, 32, 1, Activation.ERF), Prior.cubic(0.5, 32, 0.2, 64),
                        new SgdConfig(0.01, 0.9, 0.01), Loss.MSE, precision, 0, Double.NaN, Double.NaN, 2), big,
                        List.of(SeedTree.root(3), SeedTree.root(4))));
        for (Trainer t : trainers) {
            t.run(300); // JIT warm-up
            // the calling thread and the step's helper threads (all trainers' helpers; idle ones allocate nothing)
            long[] ids = Thread.getAllStackTraces().keySet().stream()
                    .filter(th -> th == Thread.currentThread() || th.getName().startsWith("grokphase-step-"))
                    .mapToLong(Thread::getId).toArray();
            long before = allocated(bean, ids);
            t.run(200);
            long after = allocated(bean, ids);
            // the counter itself and a rare JIT deoptimisation may cost a few hundred bytes
            assertThat(after - before).as("bytes allocated by 200 steps, %s", t.config().optimizer())
                    .isLessThan(2_000);
        }
    }

    /** Bytes allocated so far by the threads ids (a plain loop: a stream's first use allocates kilobytes). */
    private static long allocated(com.sun.management.ThreadMXBean bean, long[] ids) {
        long sum = 0;
        for (long b : bean.getThreadAllocatedBytes(ids)) {
            sum += b;
        }
        return sum;
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void javaFallbackBackendGivesTheSameSteps(Precision precision) {
        Dataset data = new ModularAdditionTask(5, 0.8, Targets.CENTRED, 0).generate(SeedTree.root(1));
        NetworkSpec spec = NetworkSpec.standard(6, 10, 5, Activation.SQUARE);
        TrainingConfig cfg = TrainingConfig.langevin(spec, Prior.modular(1, 0.5, 6), new LangevinConfig(0.5, 1e-3))
                .withPrecision(precision);
        Trainer[] t = new Trainer[2];
        Blas[] backends = {Blas.get(), Blas.java()};
        for (int b = 0; b < 2; b++) {
            List<TwoLayerNetwork> init = new ArrayList<>();
            List<RandomStream> noise = new ArrayList<>();
            for (int m = 0; m < 2; m++) {
                init.add(TwoLayerNetwork.gaussian(spec, 0.5, 0.3, SeedTree.root(m).stream("init")));
                noise.add(SeedTree.root(m).stream("noise"));
            }
            t[b] = Trainer.create(cfg, data, init, noise, SeedTree.root(9).stream("batch"), backends[b]);
            t[b].run(20);
        }
        double tol = precision == Precision.FLOAT64 ? 1e-12 : 1e-4;
        for (int m = 0; m < 2; m++) {
            double[] w0 = t[0].snapshotW(m);
            double[] w1 = t[1].snapshotW(m);
            for (int j = 0; j < w0.length; j++) {
                assertThat(w1[j]).isCloseTo(w0[j], org.assertj.core.data.Offset.offset(tol));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void twoHotGatherPathMatchesTheDenseProducts(Precision precision) {
        Dataset data = new ModularAdditionTask(7, 0.7, Targets.CENTRED, 0).generate(SeedTree.root(1));
        assertThat(Trainer.twoHotColumns(data)).isNotNull();
        NetworkSpec spec = NetworkSpec.standard(5, 14, 7, Activation.SQUARE);
        TrainingConfig[] configs = {
            TrainingConfig.langevin(spec, Prior.modular(1, 0.5, 5), new LangevinConfig(0.5, 1e-3, 0.1)).withPrecision(precision),
            new TrainingConfig(spec, Prior.modular(1, 1, 5), AdamWConfig.of(1e-2, 0.5), Loss.MSE, precision, 9, 0.4, 0.4, 1)};
        for (TrainingConfig cfg : configs) {
            Trainer[] t = new Trainer[2];
            boolean saved = Trainer.sparseTwoHot;
            try {
                for (int k = 0; k < 2; k++) {
                    Trainer.sparseTwoHot = k == 0;
                    t[k] = Trainer.create(cfg, data, List.of(SeedTree.root(3), SeedTree.root(4)));
                    t[k].run(15);
                }
            } finally {
                Trainer.sparseTwoHot = saved;
            }
            double tol = precision == Precision.FLOAT64 ? 1e-12 : 2e-5;
            for (int m = 0; m < 2; m++) {
                double[] sparse = t[0].snapshotW(m);
                double[] dense = t[1].snapshotW(m);
                for (int j = 0; j < sparse.length; j++) {
                    assertThat(sparse[j]).isCloseTo(dense[j], org.assertj.core.data.Offset.offset(tol));
                }
                assertThat(t[0].lastLoss(m)).isCloseTo(t[1].lastLoss(m), org.assertj.core.data.Offset.offset(tol));
            }
        }
        // a dataset that is not two-hot uses the dense path
        assertThat(Trainer.twoHotColumns(new CubicTeacherTask(3, 5, 0, 0).generate(SeedTree.root(1)))).isNull();
    }

    @Test
    void stackedNetworksMatchNetworksTrainedAlone() {
        Dataset data = new CubicTeacherTask(6, 50, 0, -0.3).generate(SeedTree.root(1));
        TrainingConfig cfg = cubicLangevin(8, 6);
        SeedTree a = SeedTree.root(10);
        SeedTree b = SeedTree.root(11);
        Trainer group = Trainer.create(cfg, data, List.of(a, b));
        Trainer alone = Trainer.create(cfg, data, List.of(b));
        group.run(50);
        alone.run(50);
        double[] g = group.snapshotW(1);
        double[] s = alone.snapshotW(0);
        for (int j = 0; j < g.length; j++) {
            assertThat(g[j]).isCloseTo(s[j], org.assertj.core.data.Offset.offset(1e-10));
        }
        assertThat(group.lastLoss(1)).isCloseTo(alone.lastLoss(0), org.assertj.core.data.Offset.offset(1e-10));
    }

    @Test
    void predictMatchesTheReferenceForwardPass() {
        Dataset data = new ModularAdditionTask(7, 0.5, Targets.ONEHOT, 0).generate(SeedTree.root(1));
        NetworkSpec spec = new NetworkSpec(9, 14, 7, Activation.SQUARE, dev.grokphase.net.Readout.MEAN_FIELD, 3.0);
        TrainingConfig cfg = new TrainingConfig(spec, Prior.modular(1, 1, 9), AdamWConfig.of(1e-2, 0),
                Loss.MSE, Precision.FLOAT32, 0, 0.4, 0.4, 1);
        Trainer t = Trainer.create(cfg, data, List.of(SeedTree.root(5)));
        t.run(10);
        double[] fast = t.predict(data.xTest(), data.nTest());
        double[] reference = t.network(0).predict(data.xTest(), data.nTest());
        assertThat(fast).hasSize(data.nTest() * 7);
        for (int i = 0; i < fast.length; i++) {
            assertThat(fast[i]).isCloseTo(reference[i], org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Test
    void badSettingsAreOneLineErrorsNamingTheFlag() {
        assertThatThrownBy(() -> new LangevinConfig(-1, 0.05)).isInstanceOf(GrokphaseException.class)
                .hasMessageStartingWith("--sigma2 = -1.0 is out of range");
        assertThatThrownBy(() -> new LangevinConfig(0.2, 3)).hasMessageStartingWith("--lr = 3.0 is out of range");
        assertThatThrownBy(() -> new AdamWConfig(1e-3, 1.0, 0.9, 1e-8, 0)).hasMessageStartingWith("--betas = 1.0");
        assertThatThrownBy(() -> new SgdConfig(0.1, 1.5, 0)).hasMessageStartingWith("--momentum = 1.5");
        assertThatThrownBy(() -> new ModularAdditionTask(10, 0.5, Targets.ONEHOT, 0)).hasMessageStartingWith("--P = 10");
        Dataset data = new CubicTeacherTask(3, 10, 0, 0).generate(SeedTree.root(1));
        assertThatThrownBy(() -> Trainer.create(cubicLangevin(4, 3).withBatchSize(11), data, List.of(SeedTree.root(1))))
                .hasMessageStartingWith("--batch-size = 11 is out of range");
        assertThatThrownBy(() -> cubicLangevin(4, 3).withLoss(Loss.CROSS_ENTROPY))
                .hasMessageStartingWith("--loss = cross-entropy is invalid");
    }
}
