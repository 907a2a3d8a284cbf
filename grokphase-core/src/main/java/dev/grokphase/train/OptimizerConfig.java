package dev.grokphase.train;

/** The update rule: Langevin sampling (unadjusted or Metropolis-adjusted), SGD with momentum, or AdamW. */
public sealed interface OptimizerConfig permits LangevinConfig, MalaConfig, SgdConfig, AdamWConfig {
}
