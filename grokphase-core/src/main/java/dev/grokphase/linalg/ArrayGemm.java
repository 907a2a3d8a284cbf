package dev.grokphase.linalg;

import org.bytedeco.openblas.global.openblas;

import java.nio.DoubleBuffer;

/**
 * {@link Blas#dgemm} on heap {@code double[]} arrays (row-major, element 0 = (0,0)): C = α·op(A)·op(B)
 * + β·C. The native path hands the arrays to OpenBLAS (JavaCPP copies them across the JNI
 * boundary, O(size), negligible next to the O(m·n·k) product at the sizes the theory solvers use);
 * without natives the Java fallback runs on wrapped heap buffers.
 */
public final class ArrayGemm {

    private ArrayGemm() {
    }

    public static void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                             double[] a, int lda, double[] b, int ldb, double beta, double[] c, int ldc) {
        if (Blas.get() instanceof OpenBlas ob) {
            ob.threadsForWork((long) m * n * k);
            openblas.cblas_dgemm(openblas.CblasRowMajor, transA ? openblas.CblasTrans : openblas.CblasNoTrans,
                    transB ? openblas.CblasTrans : openblas.CblasNoTrans, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
            return;
        }
        Blas.get().dgemm(transA, transB, m, n, k, alpha, DoubleBuffer.wrap(a), lda, DoubleBuffer.wrap(b), ldb,
                beta, DoubleBuffer.wrap(c), ldc);
    }
}
