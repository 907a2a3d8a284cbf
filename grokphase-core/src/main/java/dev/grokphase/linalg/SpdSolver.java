package dev.grokphase.linalg;

import org.bytedeco.openblas.global.openblas;

/**
 * Symmetric positive-definite linear algebra on row-major {@code double[]} matrices: the Gram
 * matrix FᵀF (BLAS dsyrk) and the Cholesky solve A X = B (LAPACK dpotrf + dpotrs), through the
 * same JavaCPP OpenBLAS binding as {@link Blas}. When the natives are missing (or
 * {@code -Dgrokphase.blas=java}) the same operations run in plain Java, O(n³) and single-threaded:
 * correct but slow.
 */
public final class SpdSolver {

    private SpdSolver() {
    }

    /** True when the native LAPACK path is used. */
    public static boolean isNative() {
        return Blas.get().isNative();
    }

    /**
     * out (n×n, row-major, fully filled) = α·FᵀF + β·out for F of shape m×n (row-major).
     * out must not alias f.
     */
    public static void gram(double[] f, int m, int n, double alpha, double beta, double[] out) {
        if (f.length < (long) m * n || out.length < (long) n * n) {
            throw new IllegalArgumentException("gram: arrays smaller than m×n / n×n");
        }
        if (Blas.get() instanceof OpenBlas ob) {
            ob.threadsForWork((long) m * n * n / 2);
            openblas.cblas_dsyrk(openblas.CblasRowMajor, openblas.CblasUpper, openblas.CblasTrans,
                    n, m, alpha, f, n, beta, out, n);
            for (int i = 0; i < n; i++) { // dsyrk fills the upper triangle only
                for (int j = 0; j < i; j++) {
                    out[i * n + j] = out[j * n + i];
                }
            }
            return;
        }
        gramJava(f, m, n, alpha, beta, out);
    }

    /** The plain-Java {@link #gram}, also used by tests as the reference. */
    public static void gramJava(double[] f, int m, int n, double alpha, double beta, double[] out) {
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double s = 0;
                for (int r = 0; r < m; r++) {
                    s += f[r * n + i] * f[r * n + j];
                }
                double v = alpha * s + (beta == 0 ? 0 : beta * out[i * n + j]);
                out[i * n + j] = v;
                out[j * n + i] = v;
            }
        }
    }

    /**
     * Factorizes the symmetric positive-definite n×n matrix a in place (lower Cholesky factor L
     * with A = L Lᵀ in its lower triangle; the upper triangle is left unspecified). Returns false
     * when a pivot is not positive.
     */
    public static boolean factorize(double[] a, int n) {
        if (Blas.get() instanceof OpenBlas ob) {
            ob.threadsForWork((long) n * n * n / 3);
            return openblas.LAPACKE_dpotrf(openblas.LAPACK_ROW_MAJOR, (byte) 'L', n, a, n) == 0;
        }
        return factorizeJava(a, n);
    }

    /** The plain-Java {@link #factorize} (row-oriented Cholesky–Banachiewicz). */
    public static boolean factorizeJava(double[] a, int n) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++) {
                    s -= a[i * n + k] * a[j * n + k];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        return false;
                    }
                    a[i * n + i] = Math.sqrt(s);
                } else {
                    a[i * n + j] = s / a[j * n + j];
                }
            }
        }
        return true;
    }

    /**
     * Solves A X = B in place in b (n×k row-major), given the factor from {@link #factorize}.
     */
    public static void solve(double[] factor, int n, double[] b, int k) {
        if (Blas.get() instanceof OpenBlas ob) {
            ob.threadsForWork((long) n * n * k);
            int info = openblas.LAPACKE_dpotrs(openblas.LAPACK_ROW_MAJOR, (byte) 'L', n, k, factor, n, b, k);
            if (info != 0) {
                throw new IllegalStateException("dpotrs failed: info " + info);
            }
            return;
        }
        solveJava(factor, n, b, k);
    }

    /** The plain-Java {@link #solve}. */
    public static void solveJava(double[] factor, int n, double[] b, int k) {
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < n; i++) { // L y = b
                double s = b[i * k + c];
                for (int j = 0; j < i; j++) {
                    s -= factor[i * n + j] * b[j * k + c];
                }
                b[i * k + c] = s / factor[i * n + i];
            }
            for (int i = n - 1; i >= 0; i--) { // Lᵀ x = y
                double s = b[i * k + c];
                for (int j = i + 1; j < n; j++) {
                    s -= factor[j * n + i] * b[j * k + c];
                }
                b[i * k + c] = s / factor[i * n + i];
            }
        }
    }

    /** log det A from the factor: 2 Σ log L_ii. */
    public static double logDeterminant(double[] factor, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.log(factor[i * n + i]);
        }
        return 2 * s;
    }
}
