package dev.grokphase.app.cli;

import dev.grokphase.app.train.CommonTrainOptions;
import dev.grokphase.app.train.EngineNetworks;
import dev.grokphase.app.train.TrainRun;
import dev.grokphase.error.GrokphaseException;
import dev.grokphase.experiment.Experiment;
import dev.grokphase.experiment.ModularMetrics;
import dev.grokphase.experiment.TaskMetrics;
import dev.grokphase.param.MemoryBudget;
import dev.grokphase.param.Require;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code grokphase train modular}: the quadratic network on addition modulo a prime P with
 * two-hot inputs (paper-notes §5.1), trained with AdamW/SGD in time (Gromov's setting, §5.9) or
 * sampled with Langevin; accuracy, the discrepancy |a| (§5.4) and the neurons' Fourier spectra logged.
 */
@Command(name = "modular", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train f_p(x) = s·Σ_i a_pi φ(w_i·x) on modular addition (n + m) mod P with two-hot inputs (paper-notes §5.1).",
                "AdamW/SGD as in Gromov 2023 (grokking in time); Langevin samples the posterior of §2.2.",
                "Writes manifest.json, metrics.csv, summary.json, observables/ and checkpoint/ under --out."})
public final class TrainModularCommand implements Callable<Integer>, TrainRun.Task {

    /** Optimiser or sampler. */
    public enum Optimizer { adamw, sgd, gd, langevin, mala }

    /** Targets: one-hot, or one-hot minus 1/P (paper-notes §5.1). */
    public enum Targets { onehot, centred }

    /** Loss. */
    public enum Loss { mse, crossEntropy;

        @Override
        public String toString() {
            return this == crossEntropy ? "cross-entropy" : "mse";
        }
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--P", description = "Prime modulus. Default: ${DEFAULT-VALUE}.", defaultValue = "97")
    public int p;

    @Option(names = "--train-fraction", description = "Fraction of the P² pairs in the training set, in (0, 1]; the rest is the test set. "
            + "Default: 0.5 (AdamW/SGD/GD); 1 with --optimizer langevin or mala (the posterior of the modular theory is written on the full table).")
    public Double trainFraction;

    @Option(names = "--label-noise", description = "Fraction of training labels replaced by random ones. Default: ${DEFAULT-VALUE}.", defaultValue = "0")
    public double labelNoise;

    @Option(names = "--N", description = "Hidden width. Default: ${DEFAULT-VALUE}.", defaultValue = "500")
    public int width;

    @Option(names = "--activation", description = "square | erf | relu | linear. Default: ${DEFAULT-VALUE}.", defaultValue = "square")
    public TrainCubicCommand.Activation activation;

    @Option(names = "--readout", description = "standard | mean-field (f divided by N, Gromov's normalisation). Default: ${DEFAULT-VALUE}.",
            defaultValue = "standard")
    public TrainCubicCommand.Readout readout;

    @Option(names = "--targets", description = "onehot | centred (one-hot minus 1/P, paper-notes §5.1). Default: onehot (AdamW/SGD/GD); "
            + "centred with --optimizer langevin or mala.")
    public Targets targets;

    @Option(names = {"--optimizer", "--sampler"}, description = "adamw | sgd | gd | langevin (unadjusted) | mala (Metropolis-adjusted Langevin: exact posterior, step adapted during burn-in, acceptance reported). Default: ${DEFAULT-VALUE}.", defaultValue = "adamw")
    public Optimizer optimizer;

    @Option(names = "--lr", description = "Learning rate (Langevin: step factor on the prior variances). Default: ${DEFAULT-VALUE}.", defaultValue = "1e-2")
    public double lr;

    @Option(names = "--betas", description = "AdamW β1,β2. Default: ${DEFAULT-VALUE}.", defaultValue = "0.9,0.98")
    public String betas;

    @Option(names = "--adam-eps", description = "AdamW ε. Default: ${DEFAULT-VALUE}.", defaultValue = "1e-8")
    public double adamEps;

    @Option(names = "--weight-decay", description = "Decoupled weight decay (AdamW) or L2 coefficient (sgd/gd). Default: ${DEFAULT-VALUE}.", defaultValue = "1")
    public double weightDecay;

    @Option(names = "--momentum", description = "Momentum of sgd/gd. Default: ${DEFAULT-VALUE}.", defaultValue = "0")
    public double momentum;

    @Option(names = "--init-std-w", description = "Std of the initial input weights. Default: 0.1 (AdamW/SGD/GD); the prior's, 1, "
            + "with --optimizer langevin or mala (a chain started from the prior).")
    public Double initStdW;

    @Option(names = "--init-std-a", description = "Std of the initial readout weights. Default: 0.1 (AdamW/SGD/GD); the prior's, "
            + "sqrt(sigma_a^2/N), with --optimizer langevin or mala.")
    public Double initStdA;

    @Option(names = "--output-scale", description = "Output multiplier s. Default: ${DEFAULT-VALUE}.", defaultValue = "1")
    public double outputScale;

    @Option(names = "--loss", description = "mse | cross-entropy. Default: ${DEFAULT-VALUE}.", defaultValue = "mse")
    public Loss loss;

    @Option(names = "--sigma2", description = "Langevin only: temperature σ². Default: ${DEFAULT-VALUE}.", defaultValue = "0.1")
    public double sigma2;

    @Option(names = "--sigma-a2", description = "Langevin only: readout prior scale σ_a² (variance σ_a²/N). Default: ${DEFAULT-VALUE}.", defaultValue = "1")
    public double sigmaA2;

    @Option(names = "--gamma", description = "Langevin only: sextic regulariser Γ strength γ (paper-notes §5.6); 0 = off. Default: ${DEFAULT-VALUE}.", defaultValue = "0")
    public double gamma;

    @Mixin
    public dev.grokphase.app.train.SamplerOptions samplerOptions;

    @Mixin
    public CommonTrainOptions common;

    /** β1, β2 parsed from --betas. */
    public double[] betaPair() {
        String[] parts = betas.split(",");
        if (parts.length != 2) {
            throw GrokphaseException.invalid("--betas", betas, "expected two numbers b1,b2 in [0, 1)");
        }
        double[] b = new double[2];
        for (int i = 0; i < 2; i++) {
            try {
                b[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw GrokphaseException.invalid("--betas", betas, "expected two numbers b1,b2 in [0, 1)");
            }
            if (!(b[i] >= 0 && b[i] < 1)) {
                throw GrokphaseException.outOfRange("--betas", betas, "two numbers in [0, 1)");
            }
        }
        return b;
    }

    @Override
    public Integer call() {
        return TrainRun.execute(spec, common, "train modular", this);
    }

    /**
     * Fills the options left unset with the defaults of the optimiser: the AdamW recipe (Gromov's
     * setting: half the table, one-hot targets, small init) or, for Langevin, what the posterior of
     * paper-notes §2.2 and the modular theory (§5.1) need: the full table, centred targets and a
     * chain started from the prior. Runs before the manifest is written, which records the values used.
     */
    void resolveDefaults() {
        boolean langevin = isPosteriorSampler();
        if (trainFraction == null) {
            trainFraction = langevin ? 1.0 : 0.5;
        }
        if (targets == null) {
            targets = langevin ? Targets.centred : Targets.onehot;
        }
        if (initStdW == null) {
            initStdW = langevin ? 1.0 : 0.1;
        }
        if (initStdA == null) {
            initStdA = langevin ? Math.sqrt(sigmaA2 / width) : 0.1;
        }
    }

    /** Whether the optimiser samples the posterior (Langevin, or a Metropolis-adjusted variant) rather than minimising. */
    public boolean isPosteriorSampler() {
        return optimizer == Optimizer.langevin || optimizer == Optimizer.mala;
    }

    /** What differs, with --optimizer langevin, from the posterior the modular theory describes (empty: nothing). */
    public java.util.List<String> langevinMismatches() {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (!isPosteriorSampler()) {
            return out;
        }
        if (trainFraction < 1) {
            out.add("--train-fraction " + trainFraction + " < 1 (the theory is written on the full table)");
        }
        if (targets != Targets.centred) {
            out.add("--targets " + targets + " (the theory's target is one-hot minus 1/P)");
        }
        if (labelNoise > 0) {
            out.add("--label-noise " + labelNoise);
        }
        if (activation != TrainCubicCommand.Activation.square || readout != TrainCubicCommand.Readout.standard || outputScale != 1) {
            out.add("a network other than the quadratic one with a standard readout and output scale 1");
        }
        return out;
    }

    @Override
    public void validate() {
        resolveDefaults();
        Require.prime("--P", p);
        // The aligned start sets each neuron's overlap with a teacher direction; modular addition has
        // no such direction. Its droplet start (every neuron a cosine pair of one frequency) is droplet:Φ.
        dev.grokphase.net.InitialState first = common.initialState();
        for (dev.grokphase.net.InitialState st : new dev.grokphase.net.InitialState[] {first, common.secondStart()}) {
            if (st instanceof dev.grokphase.net.InitialState.Aligned) {
                throw GrokphaseException.invalid(st == first ? "--init" : "--two-start", st.id(),
                        "train modular supports prior and droplet:PHI (aligned:Q needs the cubic teacher's direction)");
            }
        }
        if (!(trainFraction > 0 && trainFraction <= 1)) {
            throw GrokphaseException.outOfRange("--train-fraction", trainFraction, "(0, 1]");
        }
        if (Math.round(trainFraction * p * p) < 1) {
            throw GrokphaseException.outOfRange("--train-fraction", trainFraction, "at least one pair of the " + p * p);
        }
        if (!(labelNoise >= 0 && labelNoise <= 1)) {
            throw GrokphaseException.outOfRange("--label-noise", labelNoise, "[0, 1]");
        }
        Require.positive("--N", width);
        Require.positive("--lr", lr);
        betaPair();
        Require.positive("--adam-eps", adamEps);
        Require.nonNegative("--weight-decay", weightDecay);
        if (!(momentum >= 0 && momentum < 1)) {
            throw GrokphaseException.outOfRange("--momentum", momentum, "[0, 1)");
        }
        Require.nonNegative("--init-std-w", initStdW);
        Require.nonNegative("--init-std-a", initStdA);
        Require.finite("--output-scale", outputScale);
        Require.positive("--sigma2", sigma2);
        Require.positive("--sigma-a2", sigmaA2);
        Require.nonNegative("--gamma", gamma);
        samplerOptions.validate(optimizer == Optimizer.mala);
        if (samplerOptions.jumpEvery != 0) {
            throw GrokphaseException.invalid("--jump-every", samplerOptions.jumpEvery,
                    "droplet jumps need a teacher direction and one readout weight per neuron (train cubic only)");
        }
        if (optimizer == Optimizer.mala && common.batchSize > 0) {
            throw GrokphaseException.invalid("--batch-size", common.batchSize, "MALA needs the full-batch energy (use 0)");
        }
        if (optimizer == Optimizer.mala && loss == Loss.crossEntropy) {
            throw GrokphaseException.invalid("--loss", "cross-entropy", "MALA samples the Gaussian-likelihood posterior (use mse)");
        }
        List<String> mismatches = langevinMismatches();
        if (!mismatches.isEmpty() && spec != null) {
            spec.commandLine().getErr().println("warning: train modular: --optimizer " + optimizer + " samples a posterior that `theory modular` "
                    + "does not describe: " + String.join("; ", mismatches));
            spec.commandLine().getErr().flush();
        }
    }

    @Override
    public java.util.Map<String, String> inapplicable() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        String o = "--optimizer " + optimizer;
        boolean sampling = optimizer == Optimizer.langevin || optimizer == Optimizer.mala;
        if (!sampling) {
            m.put("--sigma2", o + " has no temperature (sigma2 applies to langevin and mala)");
            m.put("--gamma", o + " has no sextic regulariser (gamma applies to langevin and mala)");
        }
        if (optimizer != Optimizer.adamw) {
            m.put("--betas", o + " has no moment decay rates (betas apply to adamw)");
            m.put("--adam-eps", o + " has no Adam epsilon (it applies to adamw)");
        }
        if (optimizer == Optimizer.adamw || sampling) {
            m.put("--momentum", o + " has no momentum (it applies to sgd and gd)");
        }
        if (sampling) {
            m.put("--weight-decay", o + " has no weight decay (the Gaussian prior plays its part; it applies to adamw, sgd and gd)");
        }
        String noJumps = "droplet jumps move a neuron along the teacher direction and integrate out its one readout weight;"
                + " the modular task has neither (train cubic only)";
        m.put("--jump-every", noJumps);
        m.put("--jump-size", noJumps);
        m.put("--jump-spread", noJumps);
        m.put("--jump-kind", noJumps);
        m.put("--jump-neurons", noJumps);
        return m;
    }

    @Override
    public List<MemoryBudget.Term> memory(long seeds, long datasets) {
        MemoryBudget.Size sp = new MemoryBudget.Size("--P", p, 97);
        MemoryBudget.Size sw = new MemoryBudget.Size("--N", width, 500);
        MemoryBudget.Size ss = new MemoryBudget.Size("--seeds", seeds, 1);
        MemoryBudget.Size sk = new MemoryBudget.Size("--datasets", datasets, 1);
        double pairs = (double) p * p;
        double train = Math.max(1, Math.round(Math.min(1, Math.max(0, trainFraction)) * pairs));
        double rows = common.batchSize > 0 ? common.batchSize : train;
        seeds *= Math.max(1, samplerOptions.replicas); // replica exchange trains R copies of every network
        return List.of(
                // the dataset keeps dense two-hot inputs (2P columns) and targets (P columns) for all P² pairs
                new MemoryBudget.Term("the two-hot training inputs (train pairs·2P)", datasets, train * 2 * p, List.of(sp, sk)),
                new MemoryBudget.Term("the two-hot test inputs (test pairs·2P)", datasets, (pairs - train) * 2 * p, List.of(sp, sk)),
                new MemoryBudget.Term("the targets (P²·P)", datasets, pairs * p, List.of(sp, sk)),
                new MemoryBudget.Term("the weights (seeds·N·3P, with gradients and optimiser state)", 5.0 * datasets,
                        (double) seeds * width * 3 * p, List.of(sp, sw, ss, sk)),
                new MemoryBudget.Term("the hidden activations (train pairs·seeds·N)", 3.0 * datasets, rows * seeds * width,
                        List.of(sp, sw, ss, sk)),
                new MemoryBudget.Term("the outputs (P²·seeds·P)", 2.0 * datasets, pairs * seeds * p, List.of(sp, ss, sk)));
    }

    @Override
    public List<Experiment.Network> build(long rootSeed, int datasets, int seeds, int threads) {
        return EngineNetworks.modular(this, rootSeed, datasets, seeds, threads);
    }

    @Override
    public TaskMetrics metrics() {
        return new ModularMetrics(loss == Loss.crossEntropy, isPosteriorSampler() ? gamma : 0.0);
    }

    @Override
    public String blasBackend() {
        return EngineNetworks.blasBackend();
    }
}
