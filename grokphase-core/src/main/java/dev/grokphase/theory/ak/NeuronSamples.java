package dev.grokphase.theory.ak;

/**
 * Kept λ = 1 states of {@link TemperedNeuronSampler}: M single-neuron weight vectors drawn at the
 * reference discrepancy t̄_ref, with the batch (group of independent chains) of each.
 *
 * @param w        M×D weights, row-major
 * @param batch    batch index of each sample, in [0, batches)
 * @param m        M
 * @param dim      D
 * @param tbarRef  the t̄ (n×K) the samples were drawn at; reweighting to another t̄ starts from it
 * @param diagnostics health of the pass that drew them
 */
record NeuronSamples(double[] w, int[] batch, int m, int dim, double[] tbarRef,
                     TemperedNeuronSampler.Diagnostics diagnostics) {
}
