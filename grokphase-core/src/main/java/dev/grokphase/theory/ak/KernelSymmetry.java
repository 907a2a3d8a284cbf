package dev.grokphase.theory.ak;

/**
 * An exact symmetry of a data-aware problem, used to average the sampled kernel over it
 * ({@link DataAwareSolver}). When a group acts on the training inputs so that the single-neuron
 * distribution, and hence the true Q, is invariant, the group average of the Monte-Carlo estimate
 * Q̂ is an estimate of the same Q with less variance: the fixed point is unchanged in expectation,
 * but the noise directions of t̄ that the symmetry forbids are removed.
 */
@FunctionalInterface
public interface KernelSymmetry {

    /** Replaces the n×n row-major matrix q (symmetric, fully filled) by its group average, in place. */
    void symmetrise(double[] q, int n);
}
