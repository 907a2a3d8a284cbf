package dev.grokphase.train;

/**
 * A {@link ReadoutPass} whose work is row-local: chunk c (batch rows [c·{@link Trainer#CHUNK_ROWS},
 * (c+1)·CHUNK_ROWS)) reads its rows of Z, stores its rows of G and keeps its own partial sums of the
 * loss and ∂U/∂a, which {@link #finish} combines in chunk order. An input product may then run the
 * chunks between its two products on a block of rows while the block is still in cache
 * ({@link DenseInputProduct}); the bits do not depend on which thread runs a chunk, or when.
 */
interface ChunkedReadout<A> extends ReadoutPass<A> {

    /** Number of chunks of the batch. */
    int chunks();

    /** Sets the arguments of a pass (as {@link #run}) before any {@link #chunk}. */
    void begin(InputProduct<A> input, A a, int[] rows);

    /** Chunk c of the pass; may run on any worker, concurrently with other chunks. */
    void chunk(int c, int worker);

    /** After every chunk: ga and lossSum from the partial sums, in chunk order (as {@link #run}). */
    void finish(A ga, double[] lossSum);

    @Override
    default void run(InputProduct<A> input, A a, A ga, int[] rows, double[] lossSum) {
        begin(input, a, rows);
        runChunks();
        finish(ga, lossSum);
    }

    /** Runs every chunk on the readout's workers. */
    void runChunks();
}
