package dev.grokphase.app.cli;

import dev.grokphase.app.train.CommonTrainOptions;
import dev.grokphase.app.train.EngineNetworks;
import dev.grokphase.app.train.SamplerOptions;
import dev.grokphase.app.train.TrainRun;
import dev.grokphase.error.GrokphaseException;
import dev.grokphase.experiment.CubicMetrics;
import dev.grokphase.experiment.Experiment;
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
 * {@code grokphase train cubic}: the erf network on the cubic-Hermite teacher (paper-notes §4.1),
 * sampled with Langevin dynamics at temperature σ² from the posterior of §2.2, or trained with
 * GD/SGD; observables of §6.1 logged on a log-spaced schedule into a run directory.
 */
@Command(name = "cubic", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train erf networks f(x) = Σ a_i erf(w_i·x) on the cubic teacher y = H1(w*·x) + ε H3(w*·x) (paper-notes §4.1).",
                "Langevin samples the posterior of §2.2 (prior variances σ_w²/d and σ_a²/N, temperature σ²).",
                "Writes manifest.json, metrics.csv, summary.json, observables/ and checkpoint/ under --out."})
public final class TrainCubicCommand implements Callable<Integer>, TrainRun.Task {

    /** How the network is trained. */
    public enum Sampler { langevin, mala, gd, sgd }

    /** The activation φ. */
    public enum Activation { erf, square, relu, linear }

    /** Readout parametrisation. */
    public enum Readout { standard, meanField;

        @Override
        public String toString() {
            return this == meanField ? "mean-field" : "standard";
        }
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--n", description = "Training samples. Default: ${DEFAULT-VALUE}.", defaultValue = "375")
    public int n;

    @Option(names = "--n-test", description = "Test samples for the projections (paper-notes §6.1: 3000). Default: ${DEFAULT-VALUE}.", defaultValue = "3000")
    public int nTest;

    @Option(names = "--N", description = "Hidden width. Default: ${DEFAULT-VALUE}.", defaultValue = "88")
    public int width;

    @Option(names = "--d", description = "Input dimension. Default: ${DEFAULT-VALUE}.", defaultValue = "53")
    public int d;

    @Option(names = "--sigma2", description = "Noise σ² = Langevin temperature (§2.1). Default: ${DEFAULT-VALUE}.", defaultValue = "0.2")
    public double sigma2;

    @Option(names = "--sigma-w2", description = "Input-weight prior scale σ_w² (variance σ_w²/d). Default: ${DEFAULT-VALUE}.", defaultValue = "0.5")
    public double sigmaW2;

    @Option(names = "--sigma-a2", description = "Readout prior scale σ_a² (variance σ_a²/N). Default: ${DEFAULT-VALUE}.", defaultValue = "0.0323")
    public double sigmaA2;

    @Option(names = "--eps", description = "Cubic coefficient ε of the teacher. Default: ${DEFAULT-VALUE}.", defaultValue = "-0.3")
    public double eps;

    @Option(names = "--activation", description = "erf | square | relu | linear. Default: ${DEFAULT-VALUE}.", defaultValue = "erf")
    public Activation activation;

    @Option(names = "--readout", description = "standard | mean-field (f divided by N, Gromov's normalisation). Default: ${DEFAULT-VALUE}.",
            defaultValue = "standard")
    public TrainCubicCommand.Readout readout;

    @Option(names = "--sampler", description = "langevin (unadjusted) | mala (Metropolis-adjusted: exact posterior, step adapted during burn-in, acceptance reported) | gd | sgd. Default: ${DEFAULT-VALUE}.", defaultValue = "langevin")
    public Sampler sampler;

    @Option(names = "--lr", description = "Step size. Langevin: η_g = lr · (prior variance of layer g) (paper-notes §2.3, 0.01–0.1); gd/sgd: plain learning rate. Default: ${DEFAULT-VALUE}.",
            defaultValue = "0.05")
    public double lr;

    @Option(names = "--momentum", description = "Momentum of gd/sgd. Default: ${DEFAULT-VALUE}.", defaultValue = "0")
    public double momentum;

    @Option(names = "--droplet-threshold", description = "|w·w*| above which a hidden neuron counts as a droplet (observable dropletFraction). Default: ${DEFAULT-VALUE}.",
            defaultValue = "0.8")
    public double dropletThreshold;

    @Mixin
    public SamplerOptions samplerOptions;

    @Mixin
    public CommonTrainOptions common;

    @Override
    public Integer call() {
        return TrainRun.execute(spec, common, "train cubic", this);
    }

    @Override
    public void validate() {
        Require.positive("--n", n);
        Require.positive("--n-test", nTest);
        Require.positive("--N", width);
        Require.positive("--d", d);
        Require.positive("--sigma2", sigma2);
        Require.positive("--sigma-w2", sigmaW2);
        Require.positive("--sigma-a2", sigmaA2);
        Require.finite("--eps", eps);
        Require.positive("--lr", lr);
        Require.positive("--droplet-threshold", dropletThreshold);
        dev.grokphase.net.InitialState first = common.initialState();
        for (dev.grokphase.net.InitialState st : new dev.grokphase.net.InitialState[] {first, common.secondStart()}) {
            if (st instanceof dev.grokphase.net.InitialState.Droplet) {
                throw GrokphaseException.invalid(st == first ? "--init" : "--two-start", st.id(),
                        "droplet:PHI is the modular start (train modular); the cubic analogue is aligned:Q");
            }
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw GrokphaseException.outOfRange("--momentum", momentum, "[0, 1)");
        }
        if (common.batchSize > n) {
            throw GrokphaseException.outOfRange("--batch-size", common.batchSize, "[0, --n = " + n + "]");
        }
        samplerOptions.validate(sampler == Sampler.mala);
        if (sampler == Sampler.mala && common.batchSize > 0) {
            throw GrokphaseException.invalid("--batch-size", common.batchSize, "MALA needs the full-batch energy (use 0)");
        }
    }

    @Override
    public java.util.Map<String, String> inapplicable() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        if (sampler == Sampler.langevin || sampler == Sampler.mala) {
            m.put("--momentum", "--sampler " + sampler + " has no momentum (it applies to gd and sgd)");
        } else {
            m.put("--sigma2", "--sampler " + sampler + " has no temperature (sigma2 applies to langevin and mala)");
        }
        return m;
    }

    @Override
    public List<MemoryBudget.Term> memory(long seeds, long datasets) {
        MemoryBudget.Size sn = new MemoryBudget.Size("--n", n, 375);
        MemoryBudget.Size st = new MemoryBudget.Size("--n-test", nTest, 3000);
        MemoryBudget.Size sw = new MemoryBudget.Size("--N", width, 88);
        MemoryBudget.Size sd = new MemoryBudget.Size("--d", d, 53);
        MemoryBudget.Size ss = new MemoryBudget.Size("--seeds", seeds, 1);
        MemoryBudget.Size sk = new MemoryBudget.Size("--datasets", datasets, 1);
        long rows = common.batchSize > 0 ? common.batchSize : n;
        seeds *= Math.max(1, samplerOptions.replicas); // replica exchange trains R copies of every network
        return List.of(
                new MemoryBudget.Term("the training inputs (n·d)", datasets, (double) n * d, List.of(sn, sd, sk)),
                new MemoryBudget.Term("the test inputs (n-test·d)", datasets, (double) nTest * d, List.of(st, sd, sk)),
                // parameters, gradient, noise or optimiser moments: about five copies of the weights
                new MemoryBudget.Term("the input weights (seeds·N·d, with gradients and optimiser state)", 5.0 * datasets,
                        (double) seeds * width * d, List.of(sw, sd, ss, sk)),
                // pre-activations, activations and derivatives of the stacked networks
                new MemoryBudget.Term("the hidden activations (n·seeds·N)", 3.0 * datasets, (double) rows * seeds * width,
                        List.of(sn, sw, ss, sk)),
                new MemoryBudget.Term("the test activations (n-test·seeds·N)", datasets, (double) nTest * seeds * width,
                        List.of(st, sw, ss, sk)));
    }

    @Override
    public List<Experiment.Network> build(long rootSeed, int datasets, int seeds, int threads) {
        return EngineNetworks.cubic(this, rootSeed, datasets, seeds, threads);
    }

    @Override
    public TaskMetrics metrics() {
        return new CubicMetrics(dropletThreshold);
    }

    @Override
    public String blasBackend() {
        return EngineNetworks.blasBackend();
    }
}
