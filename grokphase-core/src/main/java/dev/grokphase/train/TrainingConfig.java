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
 */
public record TrainingConfig(NetworkSpec network, Prior prior, OptimizerConfig optimizer, Loss loss,
                             Precision precision, int batchSize, double initStdW, double initStdA, int threads,
                             FrozenLayer frozen) {

    /** The contract's original nine-argument form: nothing frozen. */
    public TrainingConfig(NetworkSpec network, Prior prior, OptimizerConfig optimizer, Loss loss,
                          Precision precision, int batchSize, double initStdW, double initStdA, int threads) {
        this(network, prior, optimizer, loss, precision, batchSize, initStdW, initStdA, threads, FrozenLayer.NONE);
    }

    public TrainingConfig {
        if (network == null || prior == null || optimizer == null || loss == null || precision == null) {
            throw new IllegalArgumentException("network, prior, optimizer, loss and precision are required");
        }
        if (frozen == null) {
            frozen = FrozenLayer.NONE;
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
    }

    /** Full-batch Langevin in float64 from the prior, one thread: the paper's sampler. */
    public static TrainingConfig langevin(NetworkSpec network, Prior prior, LangevinConfig langevin) {
        return new TrainingConfig(network, prior, langevin, Loss.MSE, Precision.FLOAT64, 0, Double.NaN, Double.NaN, 1);
    }

    public TrainingConfig withPrecision(Precision p) {
        return new TrainingConfig(network, prior, optimizer, loss, p, batchSize, initStdW, initStdA, threads, frozen);
    }

    public TrainingConfig withBatchSize(int b) {
        return new TrainingConfig(network, prior, optimizer, loss, precision, b, initStdW, initStdA, threads, frozen);
    }

    public TrainingConfig withThreads(int t) {
        return new TrainingConfig(network, prior, optimizer, loss, precision, batchSize, initStdW, initStdA, t, frozen);
    }

    public TrainingConfig withInit(double stdW, double stdA) {
        return new TrainingConfig(network, prior, optimizer, loss, precision, batchSize, stdW, stdA, threads, frozen);
    }

    public TrainingConfig withLoss(Loss l) {
        return new TrainingConfig(network, prior, optimizer, l, precision, batchSize, initStdW, initStdA, threads, frozen);
    }

    public TrainingConfig withFrozen(FrozenLayer f) {
        return new TrainingConfig(network, prior, optimizer, loss, precision, batchSize, initStdW, initStdA, threads, f);
    }

    /** The standard deviation w is initialised with. */
    public double effectiveInitStdW() {
        return Double.isNaN(initStdW) ? Math.sqrt(prior.varW()) : initStdW;
    }

    public double effectiveInitStdA() {
        return Double.isNaN(initStdA) ? Math.sqrt(prior.varA()) : initStdA;
    }
}
