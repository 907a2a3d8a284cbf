package dev.grokphase.app.cli;

import dev.grokphase.theory.ak.AkSettings;
import dev.grokphase.theory.ak.SamplerSettings;
import picocli.CommandLine.Option;

/**
 * Options of the data-aware adaptive-kernel solver ({@code --limit data}, {@code theory ak}):
 * which datasets, how the single-neuron distribution is sampled, when the fixed point counts as
 * converged. Equations and sampler: docs/theory.md, "Data-aware adaptive kernel".
 */
public final class DataAwareOptions {

    @Option(names = "--datasets", paramLabel = "D", defaultValue = "1",
            description = "--limit data: average over D datasets, drawn exactly as 'train --datasets D --seed S' draws them. Default: ${DEFAULT-VALUE}.")
    int datasets;

    @Option(names = "--data-seed", paramLabel = "S", defaultValue = "0",
            description = "--limit data: the root seed S of the train run to pair with (train's --seed); the sampler's seed derives from it. Default: ${DEFAULT-VALUE}.")
    long dataSeed;

    @Option(names = "--n-test", paramLabel = "M", defaultValue = "3000",
            description = "--limit data: test inputs for the learned components (as train --n-test). Default: ${DEFAULT-VALUE}.")
    int nTest;

    @Option(names = "--chains", paramLabel = "C", defaultValue = "32",
            description = "--limit data: independent parallel-tempering chains. Default: ${DEFAULT-VALUE}.")
    int chains;

    @Option(names = "--rungs", paramLabel = "L", defaultValue = "8",
            description = "--limit data: tempering replicas per chain, λ from 0 (prior, exact draws) to 1. Default: ${DEFAULT-VALUE}.")
    int rungs;

    @Option(names = "--burn-in", paramLabel = "SWEEPS", defaultValue = "200",
            description = "--limit data: sweeps discarded per sampling pass (ladder and steps adapt only then). Default: ${DEFAULT-VALUE}.")
    int burnIn;

    @Option(names = "--samples", paramLabel = "K", defaultValue = "256",
            description = "--limit data: samples kept per chain in the final pass (M = chains × K). Default: ${DEFAULT-VALUE}.")
    int samples;

    @Option(names = "--thin", paramLabel = "T", defaultValue = "4",
            description = "--limit data: sweeps between kept samples. Default: ${DEFAULT-VALUE}.")
    int thin;

    @Option(names = "--batches", paramLabel = "B", defaultValue = "8",
            description = "--limit data: jackknife batches of chains for the Monte-Carlo error bars. Default: ${DEFAULT-VALUE}.")
    int batches;

    @Option(names = "--tol", paramLabel = "TOL", defaultValue = "1e-6",
            description = "--limit data: fixed point when |F(t) - t| <= TOL |F(t)|. Default: ${DEFAULT-VALUE}.")
    double tol;

    @Option(names = "--max-passes", paramLabel = "K", defaultValue = "40",
            description = "--limit data: sampling passes before giving up (the row then says converged=false). Default: ${DEFAULT-VALUE}.")
    int maxPasses;

    @Option(names = "--no-errors", description = "--limit data: skip the jackknife (no Monte-Carlo error bars; B times fewer fixed points).")
    boolean noErrors;

    @Option(names = "--predictions", description = "--limit data with --format jsonl: add the mean predictor on every training and test input, per dataset.")
    boolean predictions;

    /** Solver settings; the sampler seed is replaced per dataset by the solvers. */
    AkSettings settings() {
        SamplerSettings s = new SamplerSettings(chains, rungs, burnIn, samples, thin, batches, dataSeed);
        AkSettings d = AkSettings.defaults(dataSeed);
        return new AkSettings(s, tol, d.maxIterations(), maxPasses, d.minEss(), d.krylovDimension(), !noErrors);
    }
}
