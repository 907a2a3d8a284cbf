package dev.grokphase.train;

import dev.grokphase.linalg.Blas;
import java.nio.Buffer;

/**
 * {@link ReadoutPass} for K > 1 outputs (MSE or cross-entropy): an element-wise pass for φ and φ',
 * then per network three BLAS products — F = s·H·Aᵀ, ∂U/∂a = s·Rᵀ·H and s·R·A — around the
 * residuals R = dataScale·∂ℓ/∂f, and a second element-wise pass for G = (s·R·A) ⊙ φ'(z). The
 * element-wise passes and the residuals run by chunks of rows on all the trainer's {@link Workers}
 * (loss partial sums per chunk, combined in chunk order).
 */
final class MultiOutputReadoutPass<A> implements ReadoutPass<A> {

    private final Kernels<A> k;
    private final ActivationPass<A> act;
    private final Blas blas;
    private final Loss loss;
    private final int batch;
    private final int members;
    private final int width;
    private final int outputs;
    private final int mn;
    private final double scale;
    private final double dataScale;
    private final A y;
    private final int chunks;
    private final Workers workers;
    private final Workers.Task activationTask = this::activationChunk;
    private final Workers.Task gradientTask = this::gradientChunk;
    private final Workers.Task residualTask = this::residualChunk;
    /** Per-worker row scratch. */
    private final A[] zrow;
    private final A[] hrow;
    // arguments of the current run, for the chunk tasks
    private InputProduct<A> input;
    private int[] rows;
    private int member;
    /** φ'(z) of every batch row, kept until G is formed. */
    private final A slopes;
    private final Buffer h;
    private final Buffer aBuf;
    private final Buffer fBuf;
    private final Buffer rBuf;
    private final Buffer gaBuf;
    private final Buffer[] hBlock;
    private final Buffer[] aBlock;
    private final A fArr;
    private final A rArr;
    private final double[][] lossPart;

    @SuppressWarnings("unchecked")
    MultiOutputReadoutPass(Kernels<A> k, ActivationPass<A> act, Workers workers, Blas blas, Loss loss, double[] yTrain,
                           int batch, int members, int width, int outputs, double scale, double dataScale) {
        this.workers = workers;
        this.k = k;
        this.act = act;
        this.blas = blas;
        this.loss = loss;
        this.batch = batch;
        this.members = members;
        this.width = width;
        this.outputs = outputs;
        this.mn = members * width;
        this.scale = scale;
        this.dataScale = dataScale;
        this.y = k.newArray(yTrain.length);
        k.copyFromDoubles(yTrain, 0, y, 0, yTrain.length);
        this.chunks = (batch + Trainer.CHUNK_ROWS - 1) / Trainer.CHUNK_ROWS;
        this.zrow = (A[]) new Object[workers.threads()];
        this.hrow = (A[]) new Object[workers.threads()];
        for (int t = 0; t < workers.threads(); t++) {
            zrow[t] = k.newArray(mn);
            hrow[t] = k.newArray(mn);
        }
        this.slopes = k.newArray(batch * mn);
        this.h = k.newBuffer(batch * mn);
        this.aBuf = k.newBuffer(members * outputs * width);
        this.fBuf = k.newBuffer(batch * outputs);
        this.rBuf = k.newBuffer(batch * outputs);
        this.gaBuf = k.newBuffer(outputs * width);
        this.hBlock = new Buffer[members];
        this.aBlock = new Buffer[members];
        for (int m = 0; m < members; m++) {
            hBlock[m] = k.slice(h, m * width, batch * mn - m * width);
            aBlock[m] = k.slice(aBuf, m * outputs * width, outputs * width);
        }
        this.fArr = k.newArray(batch * outputs);
        this.rArr = k.newArray(batch * outputs);
        this.lossPart = new double[chunks][members];
    }

    @Override
    public void run(InputProduct<A> input, A a, A ga, int[] rows, double[] lossSum) {
        this.input = input;
        this.rows = rows;
        workers.run(chunks, activationTask);
        k.put(aBuf, 0, a, 0, members * outputs * width);
        int kn = outputs * width;
        for (int m = 0; m < members; m++) {
            // F = s·H_m·A_mᵀ (batch×K)
            k.gemm(blas, false, true, batch, outputs, width, scale, hBlock[m], mn, aBlock[m], width, 0.0, fBuf, outputs);
            k.get(fBuf, 0, fArr, 0, batch * outputs);
            member = m;
            workers.run(chunks, residualTask);
            k.put(rBuf, 0, rArr, 0, batch * outputs);
            // ∂U/∂a_m = s·R_mᵀ·H_m (K×N)
            k.gemm(blas, true, false, outputs, width, batch, scale, rBuf, outputs, hBlock[m], mn, 0.0, gaBuf, width);
            k.get(gaBuf, 0, ga, m * kn, kn);
            // s·R_m·A_m (batch×N), overwriting H_m, which is no longer needed
            k.gemm(blas, false, false, batch, width, outputs, scale, rBuf, outputs, aBlock[m], width, 0.0, hBlock[m], mn);
        }
        workers.run(chunks, gradientTask);
        this.input = null;
        this.rows = null;
        for (int m = 0; m < members; m++) {
            double s = 0;
            for (int c = 0; c < chunks; c++) {
                s += lossPart[c][m];
            }
            lossSum[m] = s;
        }
    }

    private void activationChunk(int c, int worker) {
        A z = zrow[worker];
        A hr = hrow[worker];
        for (int r = c * Trainer.CHUNK_ROWS, end = Math.min(batch, r + Trainer.CHUNK_ROWS); r < end; r++) {
            input.loadRow(r, rows, z);
            act.apply(z, hr, z, 0, mn);
            k.put(h, r * mn, hr, 0, mn);
            k.copy(z, 0, slopes, r * mn, mn);
        }
    }

    private void gradientChunk(int c, int worker) {
        A z = zrow[worker];
        A hr = hrow[worker];
        for (int r = c * Trainer.CHUNK_ROWS, end = Math.min(batch, r + Trainer.CHUNK_ROWS); r < end; r++) {
            k.get(h, r * mn, hr, 0, mn);
            k.copy(slopes, r * mn, z, 0, mn);
            k.multiply(z, hr, 0, mn);
            input.storeGradientRow(r, rows, z);
        }
    }

    /**
     * Loss of network {@link #member} and R = dataScale · ∂ℓ/∂f into rArr for the rows of chunk c,
     * the chunk's loss into lossPart. Not a
     * hot loop (K values per row), so it is written once for both precisions: {@code k.round}
     * rounds where the float32 engine computes in float (products and differences of two floats,
     * which are exact or correctly rounded when done in double and rounded once).
     */
    private void residualChunk(int c, int worker) {
        int m = member;
        boolean mse = loss == Loss.MSE;
        lossPart[c][m] = 0;
        int end = Math.min(batch, (c + 1) * Trainer.CHUNK_ROWS);
        for (int r = c * Trainer.CHUNK_ROWS; r < end; r++) {
            int fo = r * outputs;
            int yo = rows[r] * outputs;
            double l = 0;
            if (mse) {
                for (int p = 0; p < outputs; p++) {
                    double diff = k.round(k.get(fArr, fo + p) - k.get(y, yo + p));
                    l += 0.5 * diff * diff;
                    k.set(rArr, fo + p, dataScale * diff);
                }
            } else {
                double max = Double.NEGATIVE_INFINITY;
                double ysum = 0;
                double yf = 0;
                for (int p = 0; p < outputs; p++) {
                    double fp = k.get(fArr, fo + p);
                    double yp = k.get(y, yo + p);
                    max = Math.max(max, fp);
                    ysum += yp;
                    yf += k.round(yp * fp);
                }
                double sum = 0;
                for (int p = 0; p < outputs; p++) {
                    sum += Math.exp(k.get(fArr, fo + p) - max);
                }
                double lse = max + Math.log(sum);
                l = lse * ysum - yf;
                for (int p = 0; p < outputs; p++) {
                    double soft = Math.exp(k.get(fArr, fo + p) - lse);
                    k.set(rArr, fo + p, dataScale * (soft * ysum - k.get(y, yo + p)));
                }
            }
            lossPart[c][m] += l;
        }
    }
}
