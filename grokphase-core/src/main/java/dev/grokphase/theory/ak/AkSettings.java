package dev.grokphase.theory.ak;

import dev.grokphase.param.Require;

/**
 * Convergence settings of {@link DataAwareSolver}.
 *
 * @param sampler        how p(w) is sampled
 * @param tolerance      converged when |F(t̄) − t̄| ≤ tolerance·|F(t̄)| with F the map t̄ ↦ (Q(t̄) + σ²I)⁻¹y
 *                       on the current samples (deterministic, so any tolerance is reachable) (--tol)
 * @param maxIterations  Newton iterations per pass (--max-iterations)
 * @param maxPasses      sampling passes before giving up (--max-passes)
 * @param minEss         least effective sample size, as a fraction of M, for reweighted samples to be trusted
 * @param krylovDimension most GMRES vectors per Newton step (the linear solve (I − F')δ = F − t̄)
 * @param jackknife      compute Monte-Carlo error bars (leave-one-batch-out, each with its own fixed point)
 */
public record AkSettings(SamplerSettings sampler, double tolerance, int maxIterations, int maxPasses,
                         double minEss, int krylovDimension, boolean jackknife) {

    public AkSettings {
        Require.positive("--tol", tolerance);
        Require.positive("--max-iterations", maxIterations);
        Require.positive("--max-passes", maxPasses);
        Require.inRange("min ESS fraction", minEss, 0, 1);
        Require.positive("Krylov dimension", krylovDimension);
    }

    public static AkSettings defaults(long seed) {
        return new AkSettings(SamplerSettings.defaults(seed), 1e-6, 50, 40, 0.3, 60, true);
    }

    public AkSettings withSampler(SamplerSettings s) {
        return new AkSettings(s, tolerance, maxIterations, maxPasses, minEss, krylovDimension, jackknife);
    }

    public AkSettings withJackknife(boolean j) {
        return new AkSettings(sampler, tolerance, maxIterations, maxPasses, minEss, krylovDimension, j);
    }
}
