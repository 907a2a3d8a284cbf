package dev.grokphase.train;

import dev.grokphase.linalg.Blas;
import java.nio.Buffer;

/**
 * {@link InputProduct} through two BLAS products. X (the training inputs, or the gathered
 * minibatch rows), the stacked W, Z and ∂U/∂W live in direct buffers that BLAS reads in place; Z is
 * overwritten by G once a row has been used, so one batch×M·N buffer serves both.
 *
 * <p>Both products are cut into blocks of batch rows — for ∂U/∂W = Σ_b G_bᵀ·X_b, partial sums
 * added in block order — that the trainer's {@link Workers} compute, each with a single-threaded
 * BLAS call: then only the step's own threads run, instead of BLAS's pool spinning next to them
 * during the element-wise passes (at (N, n, d) = (700, 3000, 150) on 2 threads the process used
 * 55–63 ms of CPU per float64 step against 36–40 ms on one thread; now 42–43). The number of
 * blocks depends on the sizes only, not on the thread count, so the bits do not either.
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
    private final Workers workers;
    /** Row bounds of the blocks of Z and of ∂U/∂W, and their buffer views (made once: step() allocates nothing). */
    private final int[] forwardRow;
    private final Buffer[] xBlock;
    private final Buffer[] zBlock;
    private final int[] backwardRow;
    private final Buffer[] gBlock;
    private final Buffer[] xBackBlock;
    /** Block b's part of ∂U/∂W (from batch rows backwardRow[b]..), summed in block order. */
    private final Buffer[] gwPart;
    private final A[] sumScratch;
    private final int sumTasks;
    private final Workers.Task sumTask = this::sumParts;
    private final Workers.Task forwardTask = this::forwardBlock;
    private final Workers.Task backwardTask = this::backwardBlock;
    private final Workers.Task laneTask = this::lane;
    private final Workers.Task laneSumTask = this::sumLaneParts;
    private A gwTarget;
    /**
     * The fused pass ({@link #evaluate} with a {@link ChunkedReadout}): lane l covers readout chunks
     * laneChunk[l]..laneChunk[l+1] by blocks laneBlock[l]..laneBlock[l+1] (block j: chunks
     * blockChunk[j]..blockChunk[j+1], views blockX[j], blockZ[j]; at most {@link #BLOCK_BYTES}
     * entries of Z or one chunk) and keeps its part of ∂U/∂W in laneGw[l].
     */
    private final int[] laneChunk;
    private final int[] laneBlock;
    private final int[] blockChunk;
    private final Buffer[] blockX;
    private final Buffer[] blockZ;
    private final Buffer[] laneGw;
    private ChunkedReadout<A> fusedReadout;

    /** Most blocks of one product (divisible by 2, 3, 4 and 6 threads). */
    static final int MAX_FORWARD_BLOCKS = 12;
    /**
     * Most blocks of ∂U/∂W = Gᵀ·X, cut by batch rows: each block's product is a full (M·N)×D partial
     * sum, and the parts are added in block order (divisible by 2, 3 and 6 threads).
     */
    static final int MAX_BACKWARD_BLOCKS = 6;
    /**
     * Multiply-adds per block at least (about 15 µs on one core): small products are still cut (the
     * N = 88, n = 375, d = 53 step's 1.7·10⁶ into 3 blocks), because the step's threads are already
     * running; below this a block costs more in calls and repacking than it saves.
     */
    static final long MIN_BLOCK_WORK = 500_000L;

    @SuppressWarnings("unchecked")
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
        this.backwardRow = bounds(batch, blocks(work, batch, MAX_BACKWARD_BLOCKS));
        int bb = backwardRow.length - 1;
        this.gBlock = new Buffer[bb];
        this.xBackBlock = new Buffer[bb];
        this.gwPart = new Buffer[bb];
        for (int b = 0; b < bb; b++) {
            int lo = backwardRow[b];
            int rowsB = backwardRow[b + 1] - lo;
            gBlock[b] = k.slice(z, lo * mn, rowsB * mn);
            xBackBlock[b] = k.slice(xBatch, lo * dim, rowsB * dim);
            gwPart[b] = k.newBuffer(mn * dim);
        }
        this.sumTasks = (mn * dim + SUM_CHUNK - 1) / SUM_CHUNK;
        this.sumScratch = (A[]) new Object[workers.threads()];
        int chunks = (batch + Trainer.CHUNK_ROWS - 1) / Trainer.CHUNK_ROWS;
        int lanes = (int) Math.max(1, Math.min(Math.min(chunks, MAX_LANES), work / MIN_LANE_WORK));
        this.laneChunk = bounds(chunks, lanes);
        int blockEntries = BLOCK_BYTES / (k.precision() == Precision.FLOAT64 ? Double.BYTES : Float.BYTES);
        int perBlock = (int) Math.max(1, Math.round(blockEntries / ((double) Trainer.CHUNK_ROWS * mn)));
        this.laneBlock = new int[lanes + 1];
        int nb = 0;
        for (int l = 0; l < lanes; l++) {
            nb += (laneChunk[l + 1] - laneChunk[l] + perBlock - 1) / perBlock;
            laneBlock[l + 1] = nb;
        }
        this.blockChunk = new int[nb + 1];
        this.blockX = new Buffer[nb];
        this.blockZ = new Buffer[nb];
        for (int l = 0, j = 0; l < lanes; l++) {
            for (int c0 = laneChunk[l]; c0 < laneChunk[l + 1]; c0 += perBlock, j++) {
                int c1 = Math.min(laneChunk[l + 1], c0 + perBlock);
                blockChunk[j] = c0;
                blockChunk[j + 1] = c1;
                int lo = c0 * Trainer.CHUNK_ROWS;
                int rowsB = Math.min(batch, c1 * Trainer.CHUNK_ROWS) - lo;
                blockX[j] = k.slice(xBatch, lo * dim, rowsB * dim);
                blockZ[j] = k.slice(z, lo * mn, rowsB * mn);
            }
        }
        this.laneGw = new Buffer[lanes];
        for (int l = 0; l < lanes; l++) {
            laneGw[l] = l < bb ? gwPart[l] : k.newBuffer(mn * dim);
        }
        for (int t = 0; t < sumScratch.length; t++) {
            sumScratch[t] = k.newArray(Math.max(bb, lanes) > 1 ? SUM_CHUNK : 0);
        }
    }

    /** Most lanes of the fused pass (divisible by 2, 3 and 6 threads). */
    static final int MAX_LANES = 6;
    /** Multiply-adds of one product per lane at least. */
    static final long MIN_LANE_WORK = 250_000L;
    /**
     * Bytes of Z per block of the fused pass, about: a block of Z, then G, stays in a core's L2 cache
     * from the forward product through the readout to the backward product. Measured at N = 700
     * (one thread, CPU time per step, paired): 1 MiB 3.5 % faster than 512 KiB in float64 and
     * 2.5 % faster than 2 MiB; in float32 the three are within 0.5 %.
     */
    static final int BLOCK_BYTES = 1 << 20;

    /** Entries of ∂U/∂W per task of the sum of the block parts. */
    static final int SUM_CHUNK = 4096;

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
        gather(rows);
        k.put(wBuf, 0, w, 0, mn * dim);
        // Z = X·Wᵀ for all stacked networks at once, by blocks of batch rows
        workers.run(xBlock.length, forwardTask);
    }

    /** The batch's rows of X into xBatch (nothing at full batch). */
    private void gather(int[] rows) {
        if (!fullBatch) {
            for (int r = 0; r < batch; r++) {
                k.put(xBatch, r * dim, xAll, rows[r] * dim, dim);
            }
        }
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
        // ∂U/∂W (data part) = Gᵀ·X = Σ_b G_bᵀ·X_b over blocks b of batch rows (G now stored in z):
        // each block a product of its own, so X and G are packed once in all; then the parts are
        // added in block order, by chunks of entries
        workers.run(gBlock.length, backwardTask);
        gwTarget = gw;
        workers.run(sumTasks, sumTask);
        gwTarget = null;
    }

    private void backwardBlock(int b, int worker) {
        int rowsB = backwardRow[b + 1] - backwardRow[b];
        k.gemmOnThisThread(blas, true, false, mn, dim, rowsB, 1.0, gBlock[b], mn, xBackBlock[b], dim, 0.0, gwPart[b],
                dim);
    }

    /**
     * With a {@link ChunkedReadout}, the three parts of the data pass in one: each lane (a fixed run
     * of readout chunks, one task on the workers) goes through its rows by blocks of
     * about {@link #BLOCK_BYTES} bytes of Z: Z of the block (one product), the readout's chunks on it (Z
     * becomes G), and the block's G_bᵀ·X_b added to the lane's part of ∂U/∂W (beta = 1 after the
     * lane's first block). So Z is read back from cache rather than memory, and the parts have no
     * barriers between them. Then the lane parts are added in lane order. The cut depends on the
     * sizes only, so the bits do not depend on the thread count; the loss and ∂U/∂a are the
     * readout's own chunked sums (the same bits as in sequence), ∂U/∂W is summed in another order.
     */
    @Override
    public void evaluate(A w, int[] rows, ReadoutPass<A> readout, A a, A ga, double[] lossSum, A gw) {
        if (!(readout instanceof ChunkedReadout<A> chunked)) {
            InputProduct.super.evaluate(w, rows, readout, a, ga, lossSum, gw);
            return;
        }
        gather(rows);
        k.put(wBuf, 0, w, 0, mn * dim);
        chunked.begin(this, a, rows);
        fusedReadout = chunked;
        try {
            workers.run(laneGw.length, laneTask);
        } finally {
            fusedReadout = null;
        }
        gwTarget = gw;
        workers.run(sumTasks, laneSumTask);
        gwTarget = null;
        chunked.finish(ga, lossSum);
    }

    private void lane(int l, int worker) {
        ChunkedReadout<A> readout = fusedReadout;
        for (int j = laneBlock[l]; j < laneBlock[l + 1]; j++) {
            int rowsB = Math.min(batch, blockChunk[j + 1] * Trainer.CHUNK_ROWS) - blockChunk[j] * Trainer.CHUNK_ROWS;
            k.gemmOnThisThread(blas, false, true, rowsB, mn, dim, 1.0, blockX[j], dim, wBuf, dim, 0.0, blockZ[j], mn);
            for (int c = blockChunk[j]; c < blockChunk[j + 1]; c++) {
                readout.chunk(c, worker);
            }
            k.gemmOnThisThread(blas, true, false, mn, dim, rowsB, 1.0, blockZ[j], mn, blockX[j], dim,
                    j == laneBlock[l] ? 0.0 : 1.0, laneGw[l], dim);
        }
    }

    private void sumLaneParts(int t, int worker) {
        sumParts(laneGw, t, worker);
    }

    private void sumParts(int t, int worker) {
        sumParts(gwPart, t, worker);
    }

    /** gwTarget = Σ_b parts[b] on task t's entries, added in b order. */
    private void sumParts(Buffer[] parts, int t, int worker) {
        int off = t * SUM_CHUNK;
        int len = Math.min(SUM_CHUNK, mn * dim - off);
        k.get(parts[0], off, gwTarget, off, len);
        A scratch = sumScratch[worker];
        for (int b = 1; b < parts.length; b++) {
            k.get(parts[b], off, scratch, 0, len);
            k.add(gwTarget, off, scratch, 0, len);
        }
    }
}
