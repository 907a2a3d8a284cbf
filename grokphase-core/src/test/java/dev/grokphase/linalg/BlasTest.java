package dev.grokphase.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Every transpose combination of both backends against a triple loop, in both precisions. */
class BlasTest {

    @Test
    void activeBackendIsNamed() {
        assertThat(Blas.get().backendName()).isNotBlank();
        // this project ships linux-x86_64 natives: on that platform the native backend must load
        if ("amd64".equals(System.getProperty("os.arch")) && System.getProperty("os.name").startsWith("Linux")
                && System.getProperty("grokphase.blas") == null) {
            assertThat(Blas.get().isNative()).as(Blas.get().backendName()).isTrue();
            assertThat(Blas.get().backendName()).startsWith("openblas");
        }
    }

    @Test
    void gemmMatchesTripleLoopForAllTransposes() {
        Random r = new Random(5);
        for (Blas blas : new Blas[] {Blas.get(), Blas.java()}) {
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    int m = 7;
                    int n = 5;
                    int k = 300; // large enough that OpenBLAS may use its threaded path
                    double[] a = random(r, m * k);
                    double[] b = random(r, k * n);
                    double[] c0 = random(r, m * n);
                    int lda = ta ? m : k;
                    int ldb = tb ? k : n;
                    DoubleBuffer ab = Blas.allocateDouble(a.length).put(0, a);
                    DoubleBuffer bb = Blas.allocateDouble(b.length).put(0, b);
                    DoubleBuffer cb = Blas.allocateDouble(c0.length).put(0, c0);
                    FloatBuffer af = Blas.allocateFloat(a.length);
                    FloatBuffer bf = Blas.allocateFloat(b.length);
                    FloatBuffer cf = Blas.allocateFloat(c0.length);
                    for (int i = 0; i < a.length; i++) {
                        af.put(i, (float) a[i]);
                    }
                    for (int i = 0; i < b.length; i++) {
                        bf.put(i, (float) b[i]);
                    }
                    for (int i = 0; i < c0.length; i++) {
                        cf.put(i, (float) c0[i]);
                    }
                    blas.dgemm(ta, tb, m, n, k, 0.7, ab, lda, bb, ldb, 0.5, cb, n);
                    blas.sgemm(ta, tb, m, n, k, 0.7f, af, lda, bf, ldb, 0.5f, cf, n);
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            double s = 0;
                            for (int p = 0; p < k; p++) {
                                double aip = ta ? a[p * lda + i] : a[i * lda + p];
                                double bpj = tb ? b[j * ldb + p] : b[p * ldb + j];
                                s += aip * bpj;
                            }
                            double expected = 0.7 * s + 0.5 * c0[i * n + j];
                            assertThat(cb.get(i * n + j)).as("%s dgemm ta=%s tb=%s", blas.backendName(), ta, tb)
                                    .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
                            assertThat((double) cf.get(i * n + j)).as("%s sgemm", blas.backendName())
                                    .isCloseTo(expected, org.assertj.core.data.Offset.offset(5e-4));
                        }
                    }
                }
            }
        }
    }

    private static double[] random(Random r, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian();
        }
        return x;
    }
}
