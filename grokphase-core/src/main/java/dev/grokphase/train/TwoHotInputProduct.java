package dev.grokphase.train;

/**
 * {@link InputProduct} for inputs whose every row is two-hot (modular addition, x = e_n + e_{P+m}):
 * a row of Z is the sum of two columns of W, and Gᵀ·X adds each row of G to two columns of ∂U/∂W.
 * W is transposed once per step so that those columns are contiguous (1.75× faster than the dense
 * products at P = 97, N = 500).
 */
final class TwoHotInputProduct<A> implements InputProduct<A> {

    private final Kernels<A> k;
    private final int mn;
    private final int dim;
    private final int[] hotFirst;
    private final int[] hotSecond;
    private final A wt;
    private final A gwt;

    /** @param hot the two columns of each training row, from {@link Trainer#twoHotColumns} */
    TwoHotInputProduct(Kernels<A> k, int[][] hot, int mn, int dim) {
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
        k.zero(gwt, 0, dim * mn);
    }

    @Override
    public void loadRow(int r, int[] rows, A zrow) {
        // z = w_{·,n} + w_{·,P+m}: the product with a two-hot row is a sum of two columns
        k.sumOfTwo(wt, hotFirst[rows[r]] * mn, hotSecond[rows[r]] * mn, zrow, mn);
    }

    @Override
    public void storeGradientRow(int r, int[] rows, A grow) {
        // Gᵀ·X for a two-hot row adds G's row to columns n and P + m of ∂U/∂W
        k.add(gwt, hotFirst[rows[r]] * mn, grow, 0, mn);
        k.add(gwt, hotSecond[rows[r]] * mn, grow, 0, mn);
    }

    @Override
    public void backward(A gw) {
        k.transpose(gwt, gw, dim, mn);
    }
}
