package dev.grokphase.train;

/**
 * The readout and loss of one step, for all stacked networks: from the rows of Z (through the
 * {@link InputProduct}) and the activation pass it computes f = s·a·φ(z), the loss, the data part
 * of ∂U/∂a, and the rows of G = ∂U/∂Z, which it hands back to the input product. The data term is
 * Σ_μ ℓ_μ times {@code dataScale} ((n/B)/σ² for a sampler, 1/B for an optimiser).
 * {@link ScalarReadoutPass} fuses everything into one pass per row (K = 1);
 * {@link MultiOutputReadoutPass} uses BLAS for the K×N readout products.
 */
interface ReadoutPass<A> {

    /**
     * @param a       readouts, M blocks of K×N
     * @param ga      receives the data part of ∂U/∂a (M blocks of K×N)
     * @param rows    training rows of the batch
     * @param lossSum receives Σ_μ ℓ_μ over the batch, per network (not scaled)
     */
    void run(InputProduct<A> input, A a, A ga, int[] rows, double[] lossSum);
}
