package dev.grokphase.train;

/**
 * The update rule: Langevin sampling (unadjusted, or Metropolis-adjusted: {@link MalaConfig}), SGD
 * with momentum, or AdamW. Each has an {@link UpdateRule}
 * class (chosen in {@link UpdateRule#of}).
 */
public sealed interface OptimizerConfig permits LangevinConfig, MalaConfig, SgdConfig, AdamWConfig {

    /**
     * σ² for a rule that samples the posterior exp(−Σ_μ ℓ_μ/σ² − prior): the data gradient is then
     * scaled by (n/B)/σ². NaN for an optimiser, which follows the gradient of the batch mean of ℓ.
     */
    default double temperature() {
        return Double.NaN;
    }

    /** γ of the sextic regulariser Γ (notes §5.6) in the energy; 0 = off. */
    default double sexticGamma() {
        return 0;
    }
}
