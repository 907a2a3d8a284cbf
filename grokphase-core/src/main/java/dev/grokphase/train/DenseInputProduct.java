package dev.grokphase.train;

import dev.grokphase.linalg.Blas;
import java.nio.Buffer;

/**
 * {@link InputProduct} through two BLAS products. X (the training inputs, or the gathered
 * minibatch rows), the stacked W, Z and ∂U/∂W live in direct buffers that BLAS reads in place; Z is
 * overwritten by G once a row has been used, so one batch×M·N buffer serves both.
 *
 * <p>Both products are cut into blocks — Z by batch rows, ∂U/∂W by rows of the stacked neurons —
 * that the trainer's {@link Workers} compute, each with a single-threaded BLAS call: then only the
 * step's own threads run, instead of BLAS's pool spinning next to them during the element-wise
 * passes (at (N, n, d) = (700, 3000, 150) on 2 threads the process used 53 ms of CPU per step
 * against 36 ms on one thread). The number of blocks depends on the sizes only, not on the thread
 * count, so the bits do not either.
 */
final class DenseInputProduct<A> implements InputProduct<A> {

    private final Kernels<A> k;
    private final Blas blas;
    private final int batch;
    private final int mn;
    private final int dim;
    private final boolean fullBatch;
    private final A xAll;
    private final Buffer xBatch;
    private final Buffer wBuf;
    private final Buffer z;
    private final Buffer gwBuf;
    private final Workers workers;
    /** Blocks of Z (batch rows) and of ∂U/∂W (rows of the M·N stacked neurons); views made once. */
    private final int[] forwardRow;
    private final Buffer[] xBlock;
    private final Buffer[] zBlock;
    private final int[] backwardRow;
    private final Buffer[] gBlock;
    private final Buffer[] gwBlock;
    private final Workers.Task forwardTask = this::forwardBlock;
    private final Workers.Task backwardTask = this::backwardBlock;
    private A gwTarget;

    /** Most blocks of one product (divisible by 2, 3, 4 and 6 threads). */
    static final int MAX_FORWARD_BLOCKS = 12;
    /**
     * Most blocks of ∂U/∂W = Gᵀ·X: each block packs all of X again, so fewer than for Z (divisible
     * by 2, 3 and 6 threads).
     */
    static final int MAX_BACKWARD_BLOCKS = 6;
    /** Multiply-adds per block at least (below, the product is not worth cutting). */
    static final long MIN_BLOCK_WORK = 2_000_000L;

    DenseInputProduct(Kernels<A> k, Blas blas, Workers workers, double[] xTrain, int nTrain, int batch, int mn,
                      int dim) {
        this.k = k;
        this.workers = workers;
        this.blas = blas;
        this.batch = batch;
        this.mn = mn;
        this.dim = dim;
        this.fullBatch = batch == nTrain;
        this.xAll = k.newArray(nTrain * dim);
        k.copyFromDoubles(xTrain, 0, xAll, 0, nTrain * dim);
        Buffer xFull = k.newBuffer(nTrain * dim);
        k.put(xFull, 0, xAll, 0, nTrain * dim);
        this.xBatch = fullBatch ? xFull : k.newBuffer(batch * dim);
        this.wBuf = k.newBuffer(mn * dim);
        this.z = k.newBuffer(batch * mn);
        this.gwBuf = k.newBuffer(mn * dim);
        long work = (long) batch * mn * dim;
        this.forwardRow = bounds(batch, blocks(work, batch, MAX_FORWARD_BLOCKS));
        int fb = forwardRow.length - 1;
        this.xBlock = new Buffer[fb];
        this.zBlock = new Buffer[fb];
        for (int b = 0; b < fb; b++) {
            int lo = forwardRow[b];
            int rowsB = forwardRow[b + 1] - lo;
            xBlock[b] = k.slice(xBatch, lo * dim, rowsB * dim);
            zBlock[b] = k.slice(z, lo * mn, rowsB * mn);
        }
        this.backwardRow = bounds(mn, blocks(work, mn, MAX_BACKWARD_BLOCKS));
        int bb = backwardRow.length - 1;
        this.gBlock = new Buffer[bb];
        this.gwBlock = new Buffer[bb];
        for (int b = 0; b < bb; b++) {
            int lo = backwardRow[b];
            gBlock[b] = k.slice(z, lo, batch * mn - lo); // columns lo.. of G, row stride M·N
            gwBlock[b] = k.slice(gwBuf, lo * dim, (backwardRow[b + 1] - lo) * dim);
        }
    }

    /** Blocks of a product of {@code work} multiply-adds cut along {@code rows}: at most max, each of ≥ 8 rows. */
    static int blocks(long work, int rows, int max) {
        long byWork = Math.max(1, work / MIN_BLOCK_WORK);
        return (int) Math.max(1, Math.min(Math.min(byWork, max), rows / 8));
    }

    /** bounds[b]..bounds[b+1] for b < blocks: rows cut as evenly as integers allow. */
    static int[] bounds(int rows, int blocks) {
        int[] b = new int[blocks + 1];
        for (int i = 0; i <= blocks; i++) {
            b[i] = (int) ((long) rows * i / blocks);
        }
        return b;
    }

    @Override
    public void forward(A w, int[] rows) {
        if (!fullBatch) {
            for (int r = 0; r < batch; r++) {
                k.put(xBatch, r * dim, xAll, rows[r] * dim, dim);
            }
        }
        k.put(wBuf, 0, w, 0, mn * dim);
        // Z = X·Wᵀ for all stacked networks at once, by blocks of batch rows
        workers.run(xBlock.length, forwardTask);
    }

    private void forwardBlock(int b, int worker) {
        int rowsB = forwardRow[b + 1] - forwardRow[b];
        k.gemmOnThisThread(blas, false, true, rowsB, mn, dim, 1.0, xBlock[b], dim, wBuf, dim, 0.0, zBlock[b], mn);
    }

    @Override
    public void loadRow(int r, int[] rows, A zrow) {
        k.get(z, r * mn, zrow, 0, mn);
    }

    @Override
    public void storeGradientRow(int r, int[] rows, A grow) {
        k.put(z, r * mn, grow, 0, mn);
    }

    @Override
    public void backward(A gw) {
        // ∂U/∂W (data part) = Gᵀ·X, G now stored in z, by blocks of rows of ∂U/∂W
        gwTarget = gw;
        workers.run(gBlock.length, backwardTask);
        gwTarget = null;
    }

    private void backwardBlock(int b, int worker) {
        int lo = backwardRow[b];
        int rowsB = backwardRow[b + 1] - lo;
        k.gemmOnThisThread(blas, true, false, rowsB, dim, batch, 1.0, gBlock[b], mn, xBatch, dim, 0.0, gwBlock[b], dim);
        k.get(gwBuf, lo * dim, gwTarget, lo * dim, rowsB * dim);
    }
}
