package dev.grokphase.train;

import dev.grokphase.net.Activation;

/**
 * The element-wise pass of a step: h = φ(z) and φ'(z) for a block of pre-activations, in the
 * engine's precision. A new activation is one constant of {@link Activation} (its scalar value and
 * slope and its bulk loops); this class chooses the loop for the precision.
 */
final class ActivationPass<A> {

    private final Kernels<A> k;
    private final Activation act;

    ActivationPass(Kernels<A> k, Activation act) {
        this.k = k;
        this.act = act;
    }

    /** value = φ(z), slope = φ'(z) on [off, off+len); slope may be z, value must differ from both. */
    void apply(A z, A value, A slope, int off, int len) {
        k.activation(act, z, value, slope, off, len);
    }
}
