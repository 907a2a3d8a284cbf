package dev.grokphase.app.train;

import dev.grokphase.app.cli.TrainCubicCommand;
import dev.grokphase.app.cli.TrainModularCommand;
import dev.grokphase.error.GrokphaseException;
import dev.grokphase.experiment.Experiment;
import dev.grokphase.experiment.NetworkGroup;
import dev.grokphase.experiment.ReplicaGroup;
import dev.grokphase.experiment.TrainerGroup;
import dev.grokphase.linalg.Blas;
import dev.grokphase.net.Activation;
import dev.grokphase.net.InitialState;
import dev.grokphase.net.TwoLayerNetwork;
import dev.grokphase.random.RandomStream;
import dev.grokphase.net.NetworkSpec;
import dev.grokphase.net.Prior;
import dev.grokphase.net.Readout;
import dev.grokphase.random.SeedTree;
import dev.grokphase.task.CubicTeacherTask;
import dev.grokphase.task.Dataset;
import dev.grokphase.task.ModularAdditionTask;
import dev.grokphase.task.Targets;
import dev.grokphase.train.AdamWConfig;
import dev.grokphase.train.LangevinConfig;
import dev.grokphase.train.MalaConfig;
import dev.grokphase.train.ReplicaExchangeTrainer;
import dev.grokphase.train.TemperingConfig;
import dev.grokphase.train.Loss;
import dev.grokphase.train.OptimizerConfig;
import dev.grokphase.train.Precision;
import dev.grokphase.train.SgdConfig;
import dev.grokphase.train.Trainer;
import dev.grokphase.train.TrainingConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Builds an ensemble with the training engine. Seeds: {@code SeedTree.root(--seed)}; dataset k is
 * generated from {@code child("dataset", k)}, network j (= k·seeds + s) is initialised and driven
 * from {@code child("network", j)} (streams "init", "noise"). The networks of one dataset share
 * one {@link Trainer} (one stacked matrix product per step), and each trainer gets
 * threads/datasets BLAS threads when there are fewer datasets than threads.
 */
public final class EngineNetworks {

    private EngineNetworks() {
    }

    public static List<Experiment.Network> cubic(TrainCubicCommand c, long root, int datasets, int seeds, int threads) {
        NetworkSpec spec = new NetworkSpec(c.width, c.d, 1, activation(c.activation.name()), readout(c.readout), 1.0);
        Prior prior = Prior.cubic(c.sigmaW2, c.d, c.sigmaA2, c.width);
        OptimizerConfig opt = switch (c.sampler) {
            case langevin -> new LangevinConfig(c.sigma2, c.lr);
            case mala -> new MalaConfig(c.sigma2, c.lr, 0.0, c.samplerOptions.targetAcceptance,
                    c.samplerOptions.adaptSteps(c.common.steps));
            case gd, sgd -> new SgdConfig(c.lr, c.momentum, 0.0);
        };
        if (c.sampler == TrainCubicCommand.Sampler.gd && c.common.batchSize > 0) {
            throw GrokphaseException.invalid("--batch-size", c.common.batchSize, "gd is full batch; use --sampler sgd for minibatches");
        }
        TrainingConfig cfg = new TrainingConfig(spec, prior, opt, Loss.MSE, precision(c.common.precision), c.common.batchSize,
                Double.NaN, Double.NaN, trainerThreads(threads, datasets)).withJumps(c.samplerOptions.jumps());
        CubicTeacherTask task = new CubicTeacherTask(c.d, c.n, c.nTest, c.eps);
        return build(cfg, c.samplerOptions.tempering(), root, datasets, seeds, task::generate, c.common.initialState(),
                c.common.secondStart());
    }

    public static List<Experiment.Network> modular(TrainModularCommand c, long root, int datasets, int seeds, int threads) {
        NetworkSpec spec = new NetworkSpec(c.width, 2 * c.p, c.p, activation(c.activation.name()), readout(c.readout), c.outputScale);
        Prior prior = Prior.modular(1.0, c.sigmaA2, c.width);
        double[] b = c.betaPair();
        OptimizerConfig opt = switch (c.optimizer) {
            case adamw -> new AdamWConfig(c.lr, b[0], b[1], c.adamEps, c.weightDecay);
            case sgd, gd -> new SgdConfig(c.lr, c.momentum, c.weightDecay);
            case langevin -> new LangevinConfig(c.sigma2, c.lr, c.gamma);
            case mala -> new MalaConfig(c.sigma2, c.lr, c.gamma, c.samplerOptions.targetAcceptance,
                    c.samplerOptions.adaptSteps(c.common.steps));
        };
        if (c.optimizer == TrainModularCommand.Optimizer.gd && c.common.batchSize > 0) {
            throw GrokphaseException.invalid("--batch-size", c.common.batchSize, "gd is full batch; use --optimizer sgd for minibatches");
        }
        Loss loss = c.loss == TrainModularCommand.Loss.crossEntropy ? Loss.CROSS_ENTROPY : Loss.MSE;
        TrainingConfig cfg = new TrainingConfig(spec, prior, opt, loss, precision(c.common.precision), c.common.batchSize,
                c.initStdW, c.initStdA, trainerThreads(threads, datasets));
        ModularAdditionTask task = new ModularAdditionTask(c.p, c.trainFraction,
                c.targets == TrainModularCommand.Targets.centred ? Targets.CENTRED : Targets.ONEHOT, c.labelNoise);
        return build(cfg, c.samplerOptions.tempering(), root, datasets, seeds, task::generate, c.common.initialState(),
                c.common.secondStart());
    }

    /**
     * The K·D networks of the (first) start, and with a second start K·D more on the same datasets:
     * network K·D + j is network j's twin, started from {@code second} and driven from
     * {@code child("second-start", j)} (streams "init", "noise"), in a trainer of its own.
     */
    private static List<Experiment.Network> build(TrainingConfig cfg, TemperingConfig tempering, long rootSeed, int datasets, int seeds,
                                                  Function<SeedTree, Dataset> generate, InitialState first, InitialState second) {
        SeedTree root = SeedTree.root(rootSeed);
        List<Experiment.Network> out = new ArrayList<>();
        List<Experiment.Network> twins = new ArrayList<>();
        for (int k = 0; k < datasets; k++) {
            SeedTree dataTree = root.child("dataset", k);
            Dataset data = generate.apply(dataTree);
            List<SeedTree> trees = new ArrayList<>();
            int[] global = new int[seeds];
            for (int s = 0; s < seeds; s++) {
                global[s] = k * seeds + s;
                trees.add(root.child("network", global[s]));
            }
            out.addAll(group(cfg, tempering, data, dataTree, k, global, trees, first));
            if (second != null) {
                List<SeedTree> twinTrees = new ArrayList<>();
                int[] twinGlobal = new int[seeds];
                for (int s = 0; s < seeds; s++) {
                    twinGlobal[s] = datasets * seeds + global[s];
                    twinTrees.add(root.child("second-start", global[s]));
                }
                twins.addAll(group(cfg, tempering, data, dataTree, k, twinGlobal, twinTrees, second));
            }
        }
        out.addAll(twins);
        return out;
    }

    /**
     * The networks of one dataset in one group. With replica exchange the group's trainer stacks the
     * R rungs of every network ({@link ReplicaExchangeTrainer#stacked}); the hotter rungs start like
     * rung 0 (same start kind, their own init streams).
     */
    private static List<Experiment.Network> group(TrainingConfig cfg, TemperingConfig tempering, Dataset data, SeedTree dataTree,
                                                  int k, int[] global, List<SeedTree> trees, InitialState start) {
        List<SeedTree> members = tempering.replicas() > 1 ? ReplicaExchangeTrainer.stacked(trees, tempering.replicas()) : trees;
        Trainer trainer;
        if (start instanceof InitialState.Prior) {
            trainer = Trainer.create(cfg, data, members);
        } else {
            List<TwoLayerNetwork> init = new ArrayList<>();
            List<RandomStream> noise = new ArrayList<>();
            for (SeedTree t : members) {
                init.add(start.draw(cfg.network(), cfg.effectiveInitStdW(), cfg.effectiveInitStdA(), t.stream("init"),
                        data.teacherDirection()));
                noise.add(t.stream("noise"));
            }
            trainer = Trainer.create(cfg, data, init, noise, trees.get(0).stream("batch"));
        }
        NetworkGroup group = tempering.replicas() > 1
                ? new ReplicaGroup(new ReplicaExchangeTrainer(trainer, tempering, ReplicaExchangeTrainer.swapStreams(trees)), global)
                : new TrainerGroup(trainer, global);
        List<Experiment.Network> out = new ArrayList<>();
        for (int s = 0; s < trees.size(); s++) {
            SeedTree t = trees.get(s);
            out.add(new Experiment.Network(global[s], k, s, dataTree.seed(), t.streamSeed("init"), t.streamSeed("noise"),
                    group, s, data, start.id()));
        }
        return out;
    }

    /** BLAS threads per trainer: the spare threads when there are fewer trainers than threads. */
    static int trainerThreads(int threads, int trainers) {
        return Math.max(1, threads / Math.max(1, trainers));
    }

    private static Activation activation(String name) {
        return Activation.valueOf(name.toUpperCase(Locale.ROOT));
    }

    private static Readout readout(TrainCubicCommand.Readout r) {
        return r == TrainCubicCommand.Readout.meanField ? Readout.MEAN_FIELD : Readout.STANDARD;
    }

    private static Precision precision(CommonTrainOptions.Precision p) {
        return p == CommonTrainOptions.Precision.float32 ? Precision.FLOAT32 : Precision.FLOAT64;
    }

    public static String blasBackend() {
        return Blas.get().backendName();
    }
}
