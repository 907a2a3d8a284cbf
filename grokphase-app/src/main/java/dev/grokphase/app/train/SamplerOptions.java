package dev.grokphase.app.train;

import dev.grokphase.error.GrokphaseException;
import dev.grokphase.train.DropletJumpConfig;
import dev.grokphase.train.TemperingConfig;
import picocli.CommandLine.Option;

/** Options of the Metropolis-adjusted sampler and of replica exchange, shared by {@code train cubic} and {@code train modular}. */
public final class SamplerOptions {

    /** What the replica ladder tempers. */
    public enum Temper { likelihood, posterior }

    @Option(names = "--target-acceptance", description = "MALA: acceptance rate the step scale adapts to during burn-in (0.574 is optimal in high dimension). Default: ${DEFAULT-VALUE}.",
            defaultValue = "0.574")
    public double targetAcceptance;

    @Option(names = "--adapt-steps", description = "MALA: steps at the start that adapt the step scale (then it is frozen, so the chain is exactly reversible); -1 = one fifth of --steps. Default: ${DEFAULT-VALUE}.",
            defaultValue = "-1")
    public long adaptSteps;

    @Option(names = "--replicas", description = "Replica exchange (needs --sampler mala): R copies per network at temperatures T_k = T_max^(k/(R-1)); neighbours swap by the Metropolis rule; only T = 1 is recorded. 1 = off. Default: ${DEFAULT-VALUE}.",
            defaultValue = "1")
    public int replicas;

    @Option(names = "--max-temperature", description = "Temperature T_max of the hottest replica: where the side wells of S(q) are gone (docs/theory.md, Samplers: T = 2 at the App. D point). Neighbours need ln(T_max)/(R-1) of about 0.04 there for swaps to be accepted. Default: ${DEFAULT-VALUE}.",
            defaultValue = "2")
    public double maxTemperature;

    @Option(names = "--temper", description = "likelihood (σ² → Tσ², prior fixed: the paper's temperature) | posterior (the whole log-posterior divided by T). Default: ${DEFAULT-VALUE}.",
            defaultValue = "likelihood")
    public Temper temper;

    @Option(names = "--swap-every", description = "Steps between replica-exchange rounds (even and odd pairs alternate). Default: ${DEFAULT-VALUE}.",
            defaultValue = "1")
    public int swapEvery;

    @Option(names = "--jump-every", description = "Droplet jumps (train cubic, --sampler langevin or mala): every K steps, one sweep of exact Metropolis moves of each hidden neuron by ±Δ along the teacher direction, its readout weight integrated out and redrawn (docs/theory.md, Droplet jumps). 0 = off. Default: ${DEFAULT-VALUE}.",
            defaultValue = "0")
    public int jumpEvery;

    @Option(names = "--jump-size", description = "Δ of the droplet jump, in units of w·w*: the distance from the central well to a side well of S(q) (|q*| ≈ 1.1–1.4 at the App. D point). Default: ${DEFAULT-VALUE}.",
            defaultValue = "" + DropletJumpConfig.DEFAULT_SIZE)
    public double jumpSize;

    @Option(names = "--jump-spread", description = "Relative spread of the jump length: |δ| uniform in [Δ(1-s), Δ(1+s)], s in [0, 1). Default: ${DEFAULT-VALUE}.",
            defaultValue = "" + DropletJumpConfig.DEFAULT_SPREAD)
    public double jumpSpread;

    /** Which one-neuron move a droplet-jump sweep makes. */
    public enum JumpKind { shift, laplace }

    @Option(names = "--jump-kind", description = "shift (move w_i by ±Δ along the teacher direction) | laplace (independence proposal between the central well, drawn from the prior, and the side wells, drawn from the Laplace approximation at the side mode of the neuron's conditional found by Newton from Δ·u; erf only). Both integrate the neuron's readout out and are exact (docs/theory.md, Droplet jumps). Default: ${DEFAULT-VALUE}.",
            defaultValue = "shift")
    public JumpKind jumpKind;

    @Option(names = "--jump-neurons", description = "Neurons per droplet-jump sweep: 0 = every neuron in order; M > 0 = M neurons drawn at random (a Laplace jump costs a Newton search, about n·d² flops per iteration). Default: ${DEFAULT-VALUE}.",
            defaultValue = "0")
    public int jumpNeurons;

    /** The droplet-jump configuration (validates the options). */
    public DropletJumpConfig jumps() {
        return new DropletJumpConfig(jumpEvery, jumpSize, jumpSpread,
                jumpKind == JumpKind.laplace ? DropletJumpConfig.Kind.LAPLACE : DropletJumpConfig.Kind.SHIFT, jumpNeurons);
    }

    /** The adaptation length for a run of {@code steps} steps. */
    public long adaptSteps(long steps) {
        return adaptSteps < 0 ? steps / 5 : adaptSteps;
    }

    /** Validates the values (one-line errors naming the flag); {@code mala} says whether MALA was chosen. */
    public void validate(boolean mala) {
        if (!(targetAcceptance > 0 && targetAcceptance < 1)) {
            throw GrokphaseException.outOfRange("--target-acceptance", targetAcceptance, "(0, 1)");
        }
        if (adaptSteps < -1) {
            throw GrokphaseException.outOfRange("--adapt-steps", adaptSteps, "integers >= 0, or -1 (one fifth of --steps)");
        }
        tempering(); // validates --replicas, --max-temperature and --swap-every
        jumps(); // validates --jump-every, --jump-size and --jump-spread
        if (replicas > 1 && !mala) {
            throw GrokphaseException.invalid("--replicas", replicas,
                    "replica exchange needs --sampler mala (the swap uses the exact energy of each accepted state)");
        }
    }

    public TemperingConfig tempering() {
        return new TemperingConfig(replicas, replicas == 1 ? 1.0 : maxTemperature,
                temper == Temper.posterior ? TemperingConfig.Tempered.POSTERIOR : TemperingConfig.Tempered.LIKELIHOOD,
                swapEvery);
    }
}
