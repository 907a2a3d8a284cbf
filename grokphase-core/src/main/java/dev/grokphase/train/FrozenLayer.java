package dev.grokphase.train;

/**
 * A layer held fixed at its initial value. READOUT frozen with a linear activation, or INPUT
 * frozen with any activation (random features), makes the posterior of the other layer Gaussian
 * in closed form — which is how the sampler is tested (TrainerPosteriorTest).
 */
public enum FrozenLayer {
    NONE,
    /** w stays at its initial value; only a is trained or sampled. */
    INPUT,
    /** a stays at its initial value; only w is trained or sampled. */
    READOUT
}
