package dev.grokphase.train;

/** The update rule: Langevin sampling, SGD with momentum, or AdamW. */
public sealed interface OptimizerConfig permits LangevinConfig, SgdConfig, AdamWConfig {
}
