package dev.grokphase.linalg;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.bytedeco.openblas.global.openblas;

/**
 * Native OpenBLAS through JavaCPP; direct buffers are passed by address (no copies).
 *
 * <p>Products below {@link #SMALL_PRODUCT} multiply-adds run on one thread whatever
 * {@link #setThreads} says: at those sizes thread start-up and synchronisation cost more than
 * they save, and on a loaded machine far more (LangevinStepBenchmark at N=88, n=375, d=53 ran
 * 8x slower with 2 OpenBLAS threads than with 1 while other processes held the cores).
 */
final class OpenBlas implements Blas {

    /** m·n·k below which a product runs single-threaded (4·10⁶ multiply-adds, about 1 ms). */
    static final long SMALL_PRODUCT = 4_000_000L;

    private volatile int threads;
    /** What OpenBLAS is currently set to (avoids redundant calls). */
    private volatile int active;

    private OpenBlas() {
        this.threads = openblas.blas_get_num_threads();
        this.active = threads;
    }

    /** Sets OpenBLAS to 1 thread for small products, to the configured count otherwise. */
    private void threadsFor(int m, int n, int k) {
        int want = (long) m * n * k < SMALL_PRODUCT ? 1 : threads;
        if (want != active) {
            openblas.blas_set_num_threads(want);
            active = want;
        }
    }

    /** Sets the thread count for a native call of about {@code work} multiply-adds (as dgemm does). */
    synchronized void threadsForWork(long work) {
        int want = work < SMALL_PRODUCT ? 1 : threads;
        if (want != active) {
            openblas.blas_set_num_threads(want);
            active = want;
        }
    }

    /**
     * OpenBLAS's thread count is process-wide (this build has no per-thread setting), so a product
     * on the calling thread sets it to 1; its pool threads then stop spinning and sleep.
     */
    private void oneThread() {
        if (active != 1) {
            synchronized (this) {
                if (active != 1) {
                    openblas.blas_set_num_threads(1);
                    active = 1;
                }
            }
        }
    }

    @Override
    public void dgemmOnThisThread(boolean transA, boolean transB, int m, int n, int k, double alpha,
                                  DoubleBuffer a, int lda, DoubleBuffer b, int ldb, double beta, DoubleBuffer c,
                                  int ldc) {
        oneThread();
        openblas.cblas_dgemm(openblas.CblasRowMajor, transA ? openblas.CblasTrans : openblas.CblasNoTrans,
                transB ? openblas.CblasTrans : openblas.CblasNoTrans, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    @Override
    public void sgemmOnThisThread(boolean transA, boolean transB, int m, int n, int k, float alpha,
                                  FloatBuffer a, int lda, FloatBuffer b, int ldb, float beta, FloatBuffer c,
                                  int ldc) {
        oneThread();
        openblas.cblas_sgemm(openblas.CblasRowMajor, transA ? openblas.CblasTrans : openblas.CblasNoTrans,
                transB ? openblas.CblasTrans : openblas.CblasNoTrans, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
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
        this.active = threads;
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                      DoubleBuffer a, int lda, DoubleBuffer b, int ldb, double beta, DoubleBuffer c, int ldc) {
        threadsFor(m, n, k);
        openblas.cblas_dgemm(openblas.CblasRowMajor, transA ? openblas.CblasTrans : openblas.CblasNoTrans,
                transB ? openblas.CblasTrans : openblas.CblasNoTrans, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      FloatBuffer a, int lda, FloatBuffer b, int ldb, float beta, FloatBuffer c, int ldc) {
        threadsFor(m, n, k);
        openblas.cblas_sgemm(openblas.CblasRowMajor, transA ? openblas.CblasTrans : openblas.CblasNoTrans,
                transB ? openblas.CblasTrans : openblas.CblasNoTrans, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }
}
