package dev.grokphase.train;

/**
 * {@link ReadoutPass} for one output (K = 1, MSE), fused into one pass per batch row: h = φ(z),
 * f = s·a·h, the residual, the ∂U/∂a accumulation and G = s·dataScale·r·a ⊙ φ'(z). Rows are taken
 * in chunks of {@link Trainer#CHUNK_ROWS}, each with its own partial sums, which are combined in
 * chunk order; chunks run on all the trainer's {@link Workers}, and the result does not depend on
 * how many there are.
 */
final class ScalarReadoutPass<A> implements ChunkedReadout<A> {

    private final Kernels<A> k;
    private final ActivationPass<A> act;
    private final int batch;
    private final int members;
    private final int width;
    private final int mn;
    private final double scale;
    private final double coefScale;
    private final A y;
    private final int chunks;
    private final Workers workers;
    private final Workers.Task chunkTask = this::chunk;
    /** Per-worker row scratch. */
    private final A[] zrow;
    private final A[] hrow;
    // arguments of the current run, for the chunk tasks
    private InputProduct<A> input;
    private A a;
    private int[] rows;
    private final A[] gaPart;
    private final double[][] lossPart;

    @SuppressWarnings("unchecked")
    ScalarReadoutPass(Kernels<A> k, ActivationPass<A> act, Workers workers, double[] yTrain, int batch, int members,
                      int width, double scale, double dataScale) {
        this.workers = workers;
        this.k = k;
        this.act = act;
        this.batch = batch;
        this.members = members;
        this.width = width;
        this.mn = members * width;
        this.scale = scale;
        this.coefScale = scale * dataScale;
        this.y = k.newArray(yTrain.length);
        k.copyFromDoubles(yTrain, 0, y, 0, yTrain.length);
        this.chunks = (batch + Trainer.CHUNK_ROWS - 1) / Trainer.CHUNK_ROWS;
        this.zrow = (A[]) new Object[workers.threads()];
        this.hrow = (A[]) new Object[workers.threads()];
        for (int t = 0; t < workers.threads(); t++) {
            zrow[t] = k.newArray(mn);
            hrow[t] = k.newArray(mn);
        }
        this.gaPart = (A[]) new Object[chunks];
        for (int c = 0; c < chunks; c++) {
            gaPart[c] = k.newArray(mn);
        }
        this.lossPart = new double[chunks][members];
    }

    @Override
    public int chunks() {
        return chunks;
    }

    @Override
    public void begin(InputProduct<A> input, A a, int[] rows) {
        this.input = input;
        this.a = a;
        this.rows = rows;
    }

    @Override
    public void runChunks() {
        workers.run(chunks, chunkTask);
    }

    @Override
    public void finish(A ga, double[] lossSum) {
        this.input = null;
        this.a = null;
        this.rows = null;
        k.zero(ga, 0, mn);
        for (int c = 0; c < chunks; c++) {
            k.add(ga, 0, gaPart[c], 0, mn);
        }
        for (int m = 0; m < members; m++) {
            double s = 0;
            for (int c = 0; c < chunks; c++) {
                s += lossPart[c][m];
            }
            lossSum[m] = s;
        }
    }

    @Override
    public void chunk(int c, int worker) {
        A gap = gaPart[c];
        double[] lp = lossPart[c];
        A z = zrow[worker];
        A h = hrow[worker];
        k.zero(gap, 0, mn);
        java.util.Arrays.fill(lp, 0.0);
        int end = Math.min(batch, (c + 1) * Trainer.CHUNK_ROWS);
        for (int r = c * Trainer.CHUNK_ROWS; r < end; r++) {
            input.loadRow(r, rows, z);
            act.apply(z, h, z, 0, mn);
            k.scalarReadoutRow(a, h, z, gap, members, width, scale, coefScale, k.get(y, rows[r]), lp);
            input.storeGradientRow(r, rows, z);
        }
    }
}
