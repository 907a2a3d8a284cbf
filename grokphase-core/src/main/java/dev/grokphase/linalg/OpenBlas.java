package dev.grokphase.linalg;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.bytedeco.openblas.global.openblas;

/** Native OpenBLAS through JavaCPP; direct buffers are passed by address (no copies). */
final class OpenBlas implements Blas {

    private int threads;

    private OpenBlas() {
        this.threads = openblas.blas_get_num_threads();
    }

    static OpenBlas load() {
        // Touching the class loads libopenblas; a tiny product proves the symbols resolve.
        OpenBlas b = new OpenBlas();
        DoubleBuffer x = Blas.allocateDouble(1);
        x.put(0, 2.0);
        DoubleBuffer y = Blas.allocateDouble(1);
        b.dgemm(false, false, 1, 1, 1, 1.0, x, 1, x, 1, 0.0, y, 1);
        if (y.get(0) != 4.0) {
            throw new IllegalStateException("OpenBLAS self-test gave " + y.get(0));
        }
        return b;
    }

    @Override
    public String backendName() {
        return "openblas " + openblas.OPENBLAS_VERSION.trim() + " (javacpp, " + threads + " threads)";
    }

    @Override
    public boolean isNative() {
        return true;
    }

    @Override
    public synchronized void setThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1: " + threads);
        }
        openblas.blas_set_num_threads(threads);
        this.threads = threads;
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                      DoubleBuffer a, int lda, DoubleBuffer b, int ldb, double beta, DoubleBuffer c, int ldc) {
        openblas.cblas_dgemm(openblas.CblasRowMajor, transA ? openblas.CblasTrans : openblas.CblasNoTrans,
                transB ? openblas.CblasTrans : openblas.CblasNoTrans, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      FloatBuffer a, int lda, FloatBuffer b, int ldb, float beta, FloatBuffer c, int ldc) {
        openblas.cblas_sgemm(openblas.CblasRowMajor, transA ? openblas.CblasTrans : openblas.CblasNoTrans,
                transB ? openblas.CblasTrans : openblas.CblasNoTrans, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }
}
