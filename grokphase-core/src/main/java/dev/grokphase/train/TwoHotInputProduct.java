package dev.grokphase.train;

/**
 * {@link InputProduct} for inputs whose every row is two-hot (modular addition, x = e_n + e_{P+m}):
 * a row of Z is the sum of two columns of W, and Gᵀ·X adds each row of G to two columns of ∂U/∂W.
 * W is transposed once per step so that those columns are contiguous (1.75× faster than the dense
 * products at P = 97, N = 500). G is kept row by row and scattered in {@link #backward}, in row
 * order, by blocks of columns on all workers (no two threads add to the same entry).
 */
final class TwoHotInputProduct<A> implements InputProduct<A> {

    private final Kernels<A> k;
    private final int mn;
    private final int dim;
    private final int[] hotFirst;
    private final int[] hotSecond;
    private final A wt;
    private final A gwt;
    private final A g;
    private final Workers workers;
    private final Workers.Task scatterTask = this::scatter;
    private int[] rows;
    private final int batch;

    /** @param hot the two columns of each training row, from {@link Trainer#twoHotColumns} */
    TwoHotInputProduct(Kernels<A> k, Workers workers, int[][] hot, int batch, int mn, int dim) {
        this.workers = workers;
        this.batch = batch;
        this.g = k.newArray(batch * mn);
        this.k = k;
        this.mn = mn;
        this.dim = dim;
        this.hotFirst = hot[0];
        this.hotSecond = hot[1];
        this.wt = k.newArray(dim * mn);
        this.gwt = k.newArray(dim * mn);
    }

    @Override
    public void forward(A w, int[] rows) {
        k.transpose(w, wt, mn, dim); // rows of Wᵀ are the columns the two-hot rows pick
        this.rows = rows;
    }

    @Override
    public void loadRow(int r, int[] rows, A zrow) {
        // z = w_{·,n} + w_{·,P+m}: the product with a two-hot row is a sum of two columns
        k.sumOfTwo(wt, hotFirst[rows[r]] * mn, hotSecond[rows[r]] * mn, zrow, mn);
    }

    @Override
    public void storeGradientRow(int r, int[] rows, A grow) {
        k.copy(grow, 0, g, r * mn, mn);
    }

    @Override
    public void backward(A gw) {
        workers.run(scatterBlocks(), scatterTask);
        k.transpose(gwt, gw, dim, mn);
    }

    /** Column blocks of the scatter: enough to share among the workers, at least 64 columns each. */
    private int scatterBlocks() {
        return Math.max(1, Math.min(4 * workers.threads(), mn / 64));
    }

    /** Gᵀ·X for columns [lo, hi) of M·N: each two-hot row adds G's row to columns n and P + m of ∂U/∂W. */
    private void scatter(int block, int worker) {
        int blocks = scatterBlocks();
        int lo = (int) ((long) mn * block / blocks);
        int hi = (int) ((long) mn * (block + 1) / blocks);
        for (int c = 0; c < dim; c++) {
            k.zero(gwt, c * mn + lo, hi - lo);
        }
        for (int r = 0; r < batch; r++) {
            k.add(gwt, hotFirst[rows[r]] * mn + lo, g, r * mn + lo, hi - lo);
            k.add(gwt, hotSecond[rows[r]] * mn + lo, g, r * mn + lo, hi - lo);
        }
    }
}
