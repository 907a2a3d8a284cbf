package dev.grokphase.train;

/**
 * The input layer of one step, for all stacked networks at once: the pre-activations
 * Z = X·Wᵀ (batch×M·N) on the way forward, and ∂U/∂W = Gᵀ·X from the rows of G = ∂U/∂Z on the way
 * back. {@link DenseInputProduct} does both as matrix products; {@link TwoHotInputProduct} (every
 * input row has exactly two ones, as in modular addition) as a gather and a scatter-add.
 */
interface InputProduct<A> {

    /** Makes Z available for the batch; {@code rows} are the training rows of the batch. */
    void forward(A w, int[] rows);

    /** zrow[0..M·N) = row r of Z (after {@link #forward}); may be called from several threads at once. */
    void loadRow(int r, int[] rows, A zrow);

    /**
     * Row r of G = ∂U/∂Z; every batch row is stored once per step, after {@link #forward}, possibly
     * from several threads at once (different rows).
     */
    void storeGradientRow(int r, int[] rows, A grow);

    /** gw = Gᵀ·X ((M·N)×D), after every row of G was stored. */
    void backward(A gw);

    /**
     * The whole data pass of a step: {@link #forward}, the readout ({@link ReadoutPass#run}, which
     * fills ga and lossSum) and {@link #backward} into gw. By default the three in sequence; an
     * input product may interleave them by blocks of rows when the readout is a
     * {@link ChunkedReadout}.
     */
    default void evaluate(A w, int[] rows, ReadoutPass<A> readout, A a, A ga, double[] lossSum, A gw) {
        forward(w, rows);
        readout.run(this, a, ga, rows, lossSum);
        backward(gw);
    }
}
