package dev.grokphase.linalg;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * Plain-Java matrix product, used when native OpenBLAS is unavailable and as the reference in
 * tests. Straightforward i-p-j loops over buffer elements: slow but obviously correct.
 */
final class JavaBlas implements Blas {

    static final JavaBlas INSTANCE = new JavaBlas("java");

    private final String name;

    JavaBlas(String name) {
        this.name = name;
    }

    @Override
    public String backendName() {
        return name;
    }

    @Override
    public boolean isNative() {
        return false;
    }

    @Override
    public void setThreads(int threads) {
        // single-threaded by construction
    }

    @Override
    public int threads() {
        return 1;
    }

    @Override
    public void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                      DoubleBuffer a, int lda, DoubleBuffer b, int ldb, double beta, DoubleBuffer c, int ldc) {
        double[] row = new double[n];
        for (int i = 0; i < m; i++) {
            java.util.Arrays.fill(row, 0.0);
            for (int p = 0; p < k; p++) {
                double aip = transA ? a.get(p * lda + i) : a.get(i * lda + p);
                if (aip == 0) {
                    continue;
                }
                if (transB) {
                    for (int j = 0; j < n; j++) {
                        row[j] += aip * b.get(j * ldb + p);
                    }
                } else {
                    int base = p * ldb;
                    for (int j = 0; j < n; j++) {
                        row[j] += aip * b.get(base + j);
                    }
                }
            }
            int cb = i * ldc;
            for (int j = 0; j < n; j++) {
                double old = beta == 0 ? 0 : beta * c.get(cb + j);
                c.put(cb + j, alpha * row[j] + old);
            }
        }
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      FloatBuffer a, int lda, FloatBuffer b, int ldb, float beta, FloatBuffer c, int ldc) {
        float[] row = new float[n];
        for (int i = 0; i < m; i++) {
            java.util.Arrays.fill(row, 0f);
            for (int p = 0; p < k; p++) {
                float aip = transA ? a.get(p * lda + i) : a.get(i * lda + p);
                if (aip == 0) {
                    continue;
                }
                if (transB) {
                    for (int j = 0; j < n; j++) {
                        row[j] += aip * b.get(j * ldb + p);
                    }
                } else {
                    int base = p * ldb;
                    for (int j = 0; j < n; j++) {
                        row[j] += aip * b.get(base + j);
                    }
                }
            }
            int cb = i * ldc;
            for (int j = 0; j < n; j++) {
                float old = beta == 0 ? 0 : beta * c.get(cb + j);
                c.put(cb + j, alpha * row[j] + old);
            }
        }
    }
}
