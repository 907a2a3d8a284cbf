package dev.grokphase.train;

import dev.grokphase.error.GrokphaseException;
import dev.grokphase.net.NetworkSpec;
import dev.grokphase.net.Prior;
import dev.grokphase.param.Require;

/**
 * Everything the engine needs besides data and seeds.
 *
 * @param network    shape, activation, readout, output multiplier
 * @param prior      per-weight prior variances (Langevin's posterior; default initialisation)
 * @param optimizer  Langevin, SGD or AdamW
 * @param loss       per-sample loss (MSE for the posterior of §2.2)
 * @param precision  float64 (default) or float32
 * @param batchSize  0 = full batch (--batch-size)
 * @param initStdW   standard deviation of the initial w; NaN = the prior's √varW (--init-std-w)
 * @param initStdA   standard deviation of the initial a; NaN = the prior's √varA (--init-std-a)
 * @param threads    threads for BLAS and the element-wise passes (--threads); this sets the
 *                   process-wide OpenBLAS thread count, so trainers run in parallel should use 1
 * @param frozen     a layer kept at its initial value (NONE by default)
 * @param jumps      the droplet-jump sweeps between steps ({@link DropletJumpConfig#NONE}: off)
 */
public record TrainingConfig(NetworkSpec network, Prior prior, OptimizerConfig optimizer, Loss loss,
                             Precision precision, int batchSize, double initStdW, double initStdA, int threads,
                             FrozenLayer frozen, DropletJumpConfig jumps) {

    /** The contract's original nine-argument form: nothing frozen. */
    public TrainingConfig(NetworkSpec network, Prior prior, OptimizerConfig optimizer, Loss loss,
                          Precision precision, int batchSize, double initStdW, double initStdA, int threads) {
        this(network, prior, optimizer, loss, precision, batchSize, initStdW, initStdA, threads, FrozenLayer.NONE);
    }

    /** Without droplet jumps. */
    public TrainingConfig(NetworkSpec network, Prior prior, OptimizerConfig optimizer, Loss loss,
                          Precision precision, int batchSize, double initStdW, double initStdA, int threads,
                          FrozenLayer frozen) {
        this(network, prior, optimizer, loss, precision, batchSize, initStdW, initStdA, threads, frozen,
                DropletJumpConfig.NONE);
    }

    public TrainingConfig {
        if (network == null || prior == null || optimizer == null || loss == null || precision == null) {
            throw new IllegalArgumentException("network, prior, optimizer, loss and precision are required");
        }
        if (frozen == null) {
            frozen = FrozenLayer.NONE;
        }
        if (jumps == null) {
            jumps = DropletJumpConfig.NONE;
        }
        Require.atLeast("--batch-size", batchSize, 0);
        if (!Double.isNaN(initStdW)) {
            Require.nonNegative("--init-std-w", initStdW);
        }
        if (!Double.isNaN(initStdA)) {
            Require.nonNegative("--init-std-a", initStdA);
        }
        Require.positive("--threads", threads);
        if (loss == Loss.CROSS_ENTROPY && network.outputDim() < 2) {
            throw GrokphaseException.invalid("--loss", "cross-entropy", "needs at least 2 outputs (use mse)");
        }
        if (optimizer instanceof MalaConfig && batchSize != 0) {
            throw GrokphaseException.invalid("--batch-size", batchSize, "MALA needs the full-batch energy (use 0)");
        }
        if (optimizer instanceof MalaConfig && loss != Loss.MSE) {
            throw GrokphaseException.invalid("--loss", "cross-entropy", "MALA samples the Gaussian-likelihood posterior (use mse)");
        }
        if (optimizer.sexticGamma() > 0 && network.inputDim() % 2 != 0) {
            throw GrokphaseException.invalid("--gamma", optimizer.sexticGamma(),
                    "the sextic regulariser needs two-hot inputs of dimension 2P (modular task)");
        }
        if (jumps.on()) {
            requireJumpable(network, optimizer, loss, batchSize, frozen, jumps.every(), jumps.kind());
        }
    }

    /** The droplet jump integrates out one scalar readout weight under the Gaussian likelihood of a sampler. */
    private static void requireJumpable(NetworkSpec network, OptimizerConfig optimizer, Loss loss, int batchSize,
                                        FrozenLayer frozen, int every, DropletJumpConfig.Kind kind) {
        String why = null;
        if (!(optimizer instanceof LangevinConfig || optimizer instanceof MalaConfig)) {
            why = "droplet jumps are a move of the posterior samplers (--sampler langevin or mala)";
        } else if (network.outputDim() != 1) {
            why = "droplet jumps need a scalar readout (the cubic task); this network has " + network.outputDim() + " outputs";
        } else if (loss != Loss.MSE) {
            why = "droplet jumps integrate a out under the Gaussian likelihood (use --loss mse)";
        } else if (batchSize != 0) {
            why = "droplet jumps use the full-batch likelihood (use --batch-size 0)";
        } else if (optimizer.sexticGamma() > 0) {
            why = "droplet jumps do not include the sextic regulariser (use --gamma 0)";
        } else if (frozen != FrozenLayer.NONE) {
            why = "droplet jumps move w and redraw a: neither layer may be frozen";
        }
        if (why != null) {
            throw GrokphaseException.invalid("--jump-every", every, why);
        }
        if (kind == DropletJumpConfig.Kind.LAPLACE && network.activation() != dev.grokphase.net.Activation.ERF) {
            throw GrokphaseException.invalid("--jump-kind", "laplace",
                    "the Laplace jump's Newton search uses φ'' of erf; this network has " + network.activation().cliName() + " (use --jump-kind shift)");
        }
    }

    /** Full-batch Langevin in float64 from the prior, one thread: the paper's sampler. */
    public static TrainingConfig langevin(NetworkSpec network, Prior prior, LangevinConfig langevin) {
        return new TrainingConfig(network, prior, langevin, Loss.MSE, Precision.FLOAT64, 0, Double.NaN, Double.NaN, 1);
    }

    public TrainingConfig withPrecision(Precision p) {
        return new TrainingConfig(network, prior, optimizer, loss, p, batchSize, initStdW, initStdA, threads, frozen, jumps);
    }

    public TrainingConfig withBatchSize(int b) {
        return new TrainingConfig(network, prior, optimizer, loss, precision, b, initStdW, initStdA, threads, frozen, jumps);
    }

    public TrainingConfig withThreads(int t) {
        return new TrainingConfig(network, prior, optimizer, loss, precision, batchSize, initStdW, initStdA, t, frozen, jumps);
    }

    public TrainingConfig withInit(double stdW, double stdA) {
        return new TrainingConfig(network, prior, optimizer, loss, precision, batchSize, stdW, stdA, threads, frozen, jumps);
    }

    public TrainingConfig withLoss(Loss l) {
        return new TrainingConfig(network, prior, optimizer, l, precision, batchSize, initStdW, initStdA, threads, frozen, jumps);
    }

    public TrainingConfig withFrozen(FrozenLayer f) {
        return new TrainingConfig(network, prior, optimizer, loss, precision, batchSize, initStdW, initStdA, threads, f, jumps);
    }

    public TrainingConfig withJumps(DropletJumpConfig j) {
        return new TrainingConfig(network, prior, optimizer, loss, precision, batchSize, initStdW, initStdA, threads, frozen, j);
    }

    /** The standard deviation w is initialised with. */
    public double effectiveInitStdW() {
        return Double.isNaN(initStdW) ? Math.sqrt(prior.varW()) : initStdW;
    }

    public double effectiveInitStdA() {
        return Double.isNaN(initStdA) ? Math.sqrt(prior.varA()) : initStdA;
    }
}
