package dev.grokphase.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grokphase.net.Activation;
import dev.grokphase.net.NetworkSpec;
import dev.grokphase.net.Prior;
import dev.grokphase.net.Readout;
import dev.grokphase.random.RandomStream;
import dev.grokphase.random.SeedTree;
import dev.grokphase.task.CubicTeacherTask;
import dev.grokphase.task.Dataset;
import dev.grokphase.task.ModularAdditionTask;
import dev.grokphase.task.Targets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Contract test (issue 4, "Must show" 3): two steps of the fast trainer against a plain reference
 * — the energy written with explicit loops and Hipparchus erf, its gradient by central finite
 * differences, the update rule written out — for every optimiser, loss, both precisions, scalar
 * and vector outputs, stacked networks, minibatches and the sextic regulariser. The Langevin noise
 * is replayed from a copy of each network's stream, so the comparison is exact up to rounding and
 * finite-difference error (tolerances below). (The chunked noise scheme itself is checked by
 * TrainerThreadsTest: its moments, and that it does not depend on the thread count.)
 */
class TrainerContractTest {

    record Case(String name, boolean modular, Activation act, Readout readout, Loss loss, OptimizerConfig opt,
                Precision precision, int batchSize, int members) {
        @Override
        public String toString() {
            return name + "/" + precision.cliName();
        }
    }

    static Stream<Arguments> cases() {
        List<Case> base = List.of(
                new Case("langevin-erf-cubic", false, Activation.ERF, Readout.STANDARD, Loss.MSE,
                        new LangevinConfig(0.2, 0.05), null, 0, 2),
                new Case("langevin-erf-minibatch", false, Activation.ERF, Readout.STANDARD, Loss.MSE,
                        new LangevinConfig(0.3, 0.1), null, 5, 2),
                new Case("langevin-square-modular-gamma", true, Activation.SQUARE, Readout.STANDARD, Loss.MSE,
                        new LangevinConfig(0.5, 0.05, 0.3), null, 0, 2),
                new Case("sgd-momentum-relu-meanfield", false, Activation.RELU, Readout.MEAN_FIELD, Loss.MSE,
                        new SgdConfig(0.05, 0.9, 0.01), null, 0, 1),
                new Case("sgd-linear-modular-ce", true, Activation.LINEAR, Readout.STANDARD, Loss.CROSS_ENTROPY,
                        new SgdConfig(0.1, 0.5, 0.0), null, 7, 2),
                new Case("adamw-square-modular", true, Activation.SQUARE, Readout.MEAN_FIELD, Loss.MSE,
                        new AdamWConfig(1e-2, 0.9, 0.98, 1.0, 0.5), null, 0, 2),
                new Case("adamw-erf-cubic-ce-free", false, Activation.ERF, Readout.STANDARD, Loss.MSE,
                        new AdamWConfig(1e-2, 0.8, 0.99, 0.5, 0.1), null, 4, 1));
        List<Arguments> out = new ArrayList<>();
        for (Case c : base) {
            for (Precision p : Precision.values()) {
                out.add(Arguments.of(new Case(c.name, c.modular, c.act, c.readout, c.loss, c.opt, p, c.batchSize,
                        c.members)));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void twoStepsMatchTheReference(Case c) {
        Dataset data = c.modular
                ? new ModularAdditionTask(5, 0.6, c.loss == Loss.CROSS_ENTROPY ? Targets.ONEHOT : Targets.CENTRED, 0.0)
                        .generate(SeedTree.root(3))
                : new CubicTeacherTask(4, 11, 0, -0.3).generate(SeedTree.root(3));
        NetworkSpec spec = new NetworkSpec(3, data.inputDim(), data.outputDim(), c.act, c.readout,
                c.readout == Readout.MEAN_FIELD ? 2.0 : 1.3);
        Prior prior = c.modular ? Prior.modular(0.7, 0.9, spec.width()) : Prior.cubic(0.5, data.inputDim(), 2.0, spec.width());
        TrainingConfig cfg = new TrainingConfig(spec, prior, c.opt, c.loss, c.precision, c.batchSize,
                c.opt instanceof LangevinConfig ? Double.NaN : 0.6, c.opt instanceof LangevinConfig ? Double.NaN : 0.5, 1);
        List<SeedTree> seeds = new ArrayList<>();
        for (int m = 0; m < c.members; m++) {
            seeds.add(SeedTree.root(11).child("network", m));
        }
        Trainer trainer = Trainer.create(cfg, data, seeds);
        double relTol = c.precision == Precision.FLOAT64 ? 1e-6 : 3e-3;
        double absTol = c.precision == Precision.FLOAT64 ? 1e-13 : 2e-6;

        int members = c.members;
        double[][] m1w = new double[members][];
        double[][] m1a = new double[members][];
        double[][] m2w = new double[members][];
        double[][] m2a = new double[members][];
        for (int step = 1; step <= 2; step++) {
            TrainerState before = trainer.saveState();
            int[] rows = replayBatch(before, data.nTrain(), trainer.batch);
            double[][] w0 = new double[members][];
            double[][] a0 = new double[members][];
            double[][][] grads = new double[members][][];
            for (int m = 0; m < members; m++) {
                w0[m] = trainer.snapshotW(m);
                a0[m] = trainer.snapshotA(m);
                grads[m] = ReferenceModel.gradient(cfg, w0[m].clone(), a0[m].clone(), data.xTrain(), data.yTrain(),
                        rows, data.nTrain(), 1e-6);
            }
            trainer.step();
            for (int m = 0; m < members; m++) {
                double[] gw = grads[m][0];
                double[] ga = grads[m][1];
                double[] w1;
                double[] a1;
                double scaleW;
                double scaleA;
                if (c.opt instanceof LangevinConfig l) {
                    long[] words = java.util.Arrays.copyOfRange(before.longs().get("rng.noise"), 4 * m, 4 * m + 4);
                    RandomStream noise = RandomStream.fromState(words);
                    double[] xiW = new double[gw.length];
                    double[] xiA = new double[ga.length];
                    LangevinRule.replayNoise(noise, xiW, xiA);
                    double etaW = l.stepScale() * prior.varW();
                    double etaA = l.stepScale() * prior.varA();
                    w1 = new double[gw.length];
                    a1 = new double[ga.length];
                    for (int j = 0; j < w1.length; j++) {
                        w1[j] = w0[m][j] - etaW * gw[j] + Math.sqrt(2 * etaW) * xiW[j];
                    }
                    for (int j = 0; j < a1.length; j++) {
                        a1[j] = a0[m][j] - etaA * ga[j] + Math.sqrt(2 * etaA) * xiA[j];
                    }
                    scaleW = etaW;
                    scaleA = etaA;
                } else if (c.opt instanceof SgdConfig s) {
                    if (step == 1) {
                        m1w[m] = new double[gw.length];
                        m1a[m] = new double[ga.length];
                    }
                    w1 = sgd(w0[m], gw, m1w[m], s);
                    a1 = sgd(a0[m], ga, m1a[m], s);
                    scaleW = s.lr();
                    scaleA = s.lr();
                } else {
                    AdamWConfig ad = (AdamWConfig) c.opt;
                    if (step == 1) {
                        m1w[m] = new double[gw.length];
                        m1a[m] = new double[ga.length];
                        m2w[m] = new double[gw.length];
                        m2a[m] = new double[ga.length];
                    }
                    w1 = adamw(w0[m], gw, m1w[m], m2w[m], ad, step);
                    a1 = adamw(a0[m], ga, m1a[m], m2a[m], ad, step);
                    scaleW = ad.lr();
                    scaleA = ad.lr();
                }
                assertClose("w of network " + m + " after step " + step, trainer.snapshotW(m), w1,
                        relTol * scaleW * (maxAbs(gw) + 1), absTol * (maxAbs(w0[m]) + 1));
                assertClose("a of network " + m + " after step " + step, trainer.snapshotA(m), a1,
                        relTol * scaleA * (maxAbs(ga) + 1), absTol * (maxAbs(a0[m]) + 1));
                // the reported loss is the batch mean of ℓ at the parameters before the step
                double l = 0;
                for (int r : rows) {
                    l += ReferenceModel.sampleLoss(c.loss, ReferenceModel.output(spec, w0[m], a0[m], data.xTrain(), r),
                            data.yTrain(), r);
                }
                l /= rows.length;
                assertThat(trainer.lastLoss(m)).isCloseTo(l, org.assertj.core.data.Offset.offset(
                        (c.precision == Precision.FLOAT64 ? 1e-12 : 1e-5) * (Math.abs(l) + 1)));
            }
        }
        assertThat(trainer.steps()).isEqualTo(2);
    }

    private static double[] sgd(double[] theta, double[] g, double[] buf, SgdConfig s) {
        double[] out = new double[theta.length];
        for (int j = 0; j < theta.length; j++) {
            buf[j] = s.momentum() * buf[j] + g[j] + s.weightDecay() * theta[j];
            out[j] = theta[j] - s.lr() * buf[j];
        }
        return out;
    }

    private static double[] adamw(double[] theta, double[] g, double[] m, double[] v, AdamWConfig ad, int t) {
        double[] out = new double[theta.length];
        for (int j = 0; j < theta.length; j++) {
            m[j] = ad.beta1() * m[j] + (1 - ad.beta1()) * g[j];
            v[j] = ad.beta2() * v[j] + (1 - ad.beta2()) * g[j] * g[j];
            double mHat = m[j] / (1 - Math.pow(ad.beta1(), t));
            double vHat = v[j] / (1 - Math.pow(ad.beta2(), t));
            out[j] = theta[j] * (1 - ad.lr() * ad.weightDecay()) - ad.lr() * mHat / (Math.sqrt(vHat) + ad.eps());
        }
        return out;
    }

    /** The minibatch rows the trainer will use next, replayed from its saved batch state. */
    static int[] replayBatch(TrainerState s, int n, int batch) {
        int[] order = new int[n];
        long[] saved = s.longs().get("batch.order");
        for (int i = 0; i < n; i++) {
            order[i] = (int) saved[i];
        }
        int pos = (int) s.longs().get("batch.pos")[0];
        int[] rows = new int[batch];
        if (batch == n) {
            for (int i = 0; i < n; i++) {
                rows[i] = i;
            }
            return rows;
        }
        RandomStream rng = RandomStream.fromState(s.longs().get("rng.batch"));
        for (int r = 0; r < batch; r++) {
            if (pos == n) {
                rng.shuffle(order);
                pos = 0;
            }
            rows[r] = order[pos++];
        }
        return rows;
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    private static void assertClose(String what, double[] actual, double[] expected, double tolStep, double tolAbs) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int j = 0; j < actual.length; j++) {
            double err = Math.abs(actual[j] - expected[j]);
            assertThat(err).as("%s [%d]: trainer %s, reference %s", what, j, actual[j], expected[j])
                    .isLessThanOrEqualTo(tolStep + tolAbs);
        }
    }
}
