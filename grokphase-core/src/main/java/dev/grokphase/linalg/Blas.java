package dev.grokphase.linalg;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * Row-major general matrix product C = α·op(A)·op(B) + β·C with op(X) = X or Xᵀ, on direct
 * buffers (element 0 of each buffer is element (0,0) of the matrix; use {@link DoubleBuffer#slice}
 * for offsets). A is m×k after op, B is k×n after op, C is m×n; lda, ldb, ldc are row strides of
 * the stored matrices. C must not alias A or B.
 */
public interface Blas {

    /** "openblas 0.3.30 (javacpp, 2 threads)" or "java (fallback: ...)", recorded in manifests. */
    String backendName();

    /** True when native OpenBLAS is active. */
    boolean isNative();

    /** Threads used by the native library (1 for the Java fallback). */
    void setThreads(int threads);

    int threads();

    void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
               DoubleBuffer a, int lda, DoubleBuffer b, int ldb, double beta, DoubleBuffer c, int ldc);

    void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
               FloatBuffer a, int lda, FloatBuffer b, int ldb, float beta, FloatBuffer c, int ldc);

    /**
     * {@link #dgemm} computed on the calling thread only, never on the library's own threads: for
     * callers that cut a product into tasks for threads of their own (the trainer's workers, which
     * would otherwise share the cores with the library's spinning threads). Safe to call from
     * several threads at once.
     */
    default void dgemmOnThisThread(boolean transA, boolean transB, int m, int n, int k, double alpha,
                                   DoubleBuffer a, int lda, DoubleBuffer b, int ldb, double beta, DoubleBuffer c,
                                   int ldc) {
        dgemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    /** {@link #sgemm} on the calling thread only (see {@link #dgemmOnThisThread}). */
    default void sgemmOnThisThread(boolean transA, boolean transB, int m, int n, int k, float alpha,
                                   FloatBuffer a, int lda, FloatBuffer b, int ldb, float beta, FloatBuffer c,
                                   int ldc) {
        sgemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    /** The process-wide backend: native OpenBLAS if it loads, otherwise the Java fallback. */
    static Blas get() {
        return Holder.INSTANCE;
    }

    /** The pure-Java backend (for tests that compare backends). */
    static Blas java() {
        return JavaBlas.INSTANCE;
    }

    /** A zeroed direct buffer in native byte order, as the native backend needs. */
    static DoubleBuffer allocateDouble(int length) {
        return ByteBuffer.allocateDirect(Math.multiplyExact(length, Double.BYTES))
                .order(ByteOrder.nativeOrder()).asDoubleBuffer();
    }

    static FloatBuffer allocateFloat(int length) {
        return ByteBuffer.allocateDirect(Math.multiplyExact(length, Float.BYTES))
                .order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /** Lazily chosen backend; the system property grokphase.blas=java forces the fallback. */
    final class Holder {
        static final Blas INSTANCE = choose();

        private Holder() {
        }

        private static Blas choose() {
            if ("java".equalsIgnoreCase(System.getProperty("grokphase.blas"))) {
                return new JavaBlas("java (requested by -Dgrokphase.blas=java)");
            }
            try {
                return OpenBlas.load();
            } catch (Throwable t) { // UnsatisfiedLinkError, ExceptionInInitializerError, ...
                String why = t.getClass().getSimpleName() + ": " + String.valueOf(t.getMessage()).lines()
                        .findFirst().orElse("");
                return new JavaBlas("java (fallback: native OpenBLAS failed to load: " + why + ")");
            }
        }
    }
}
