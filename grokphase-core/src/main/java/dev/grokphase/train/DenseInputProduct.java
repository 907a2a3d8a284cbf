package dev.grokphase.train;

import dev.grokphase.linalg.Blas;
import java.nio.Buffer;

/**
 * {@link InputProduct} through two BLAS products. X (the training inputs, or the gathered
 * minibatch rows), the stacked W, Z and ∂U/∂W live in direct buffers that BLAS reads in place; Z is
 * overwritten by G once a row has been used, so one batch×M·N buffer serves both.
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

    DenseInputProduct(Kernels<A> k, Blas blas, double[] xTrain, int nTrain, int batch, int mn, int dim) {
        this.k = k;
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
    }

    @Override
    public void forward(A w, int[] rows) {
        if (!fullBatch) {
            for (int r = 0; r < batch; r++) {
                k.put(xBatch, r * dim, xAll, rows[r] * dim, dim);
            }
        }
        k.put(wBuf, 0, w, 0, mn * dim);
        // Z = X·Wᵀ for all stacked networks at once
        k.gemm(blas, false, true, batch, mn, dim, 1.0, xBatch, dim, wBuf, dim, 0.0, z, mn);
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
        // ∂U/∂W (data part) = Gᵀ·X, G now stored in z
        k.gemm(blas, true, false, mn, dim, batch, 1.0, z, mn, xBatch, dim, 0.0, gwBuf, dim);
        k.get(gwBuf, 0, gw, 0, mn * dim);
    }
}
