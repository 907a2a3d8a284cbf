package dev.grokphase.theory.ak;

import dev.grokphase.error.GrokphaseException;
import dev.grokphase.param.Require;

/**
 * How the single-neuron distribution is sampled ({@link TemperedNeuronSampler}).
 *
 * @param chains          independent parallel-tempering chains (--chains); each has its own ladder of replicas
 * @param rungs           replicas per chain, tilt strengths λ from 0 (the prior, drawn exactly) to 1 (--rungs)
 * @param burnIn          sweeps discarded at the start of every sampling pass; the ladder and the MALA steps
 *                        adapt only during them (--burn-in)
 * @param samplesPerChain samples kept per chain in the final pass (--samples); M = chains × samplesPerChain
 * @param thin            sweeps between kept samples (--thin)
 * @param batches         groups of chains for the jackknife error bars (--batches); chains ≥ batches ≥ 2
 * @param seed            root seed of the sampler (--seed)
 */
public record SamplerSettings(int chains, int rungs, int burnIn, int samplesPerChain, int thin, int batches, long seed) {

    public SamplerSettings {
        Require.positive("--chains", chains);
        Require.atLeast("--rungs", rungs, 2);
        Require.atLeast("--burn-in", burnIn, 0);
        Require.positive("--samples", samplesPerChain);
        Require.positive("--thin", thin);
        Require.atLeast("--batches", batches, 2);
        if (batches > chains) {
            throw GrokphaseException.outOfRange("--batches", batches, "[2, --chains = " + chains + "]");
        }
    }

    /** Defaults sized for n ≈ 400, D ≈ 50 (the β = 1/8 Fig. 2 point) in well under a minute. */
    public static SamplerSettings defaults(long seed) {
        return new SamplerSettings(32, 8, 200, 256, 4, 8, seed);
    }

    public int totalSamples() {
        return chains * samplesPerChain;
    }

    public SamplerSettings withSeed(long s) {
        return new SamplerSettings(chains, rungs, burnIn, samplesPerChain, thin, batches, s);
    }
}
