package dev.grokphase.linalg;

import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Gram + Cholesky solve of the active backend against the plain-Java path and a Hipparchus LU solve. */
class SpdSolverTest {

    @Test
    void gramAndSolveAgreeWithJavaAndLu() {
        SplittableRandom rng = new SplittableRandom(4);
        int m = 70;
        int n = 45;
        int k = 3;
        double[] f = new double[m * n];
        for (int i = 0; i < f.length; i++) {
            f[i] = rng.nextDouble() - 0.5;
        }
        double[] g = new double[n * n];
        double[] gj = new double[n * n];
        SpdSolver.gram(f, m, n, 2.0, 0.0, g);
        SpdSolver.gramJava(f, m, n, 2.0, 0.0, gj);
        for (int i = 0; i < n * n; i++) {
            assertThat(g[i]).isCloseTo(gj[i], org.assertj.core.api.Assertions.within(1e-12));
        }
        for (int i = 0; i < n; i++) {
            g[i * n + i] += 0.3;
        }
        double[][] dense = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                dense[i][j] = g[i * n + j];
            }
        }
        double[] b = new double[n * k];
        for (int i = 0; i < b.length; i++) {
            b[i] = rng.nextDouble();
        }
        double[] x = b.clone();
        double[] xj = b.clone();
        double[] a = g.clone();
        double[] aj = g.clone();
        assertThat(SpdSolver.factorize(a, n)).isTrue();
        assertThat(SpdSolver.factorizeJava(aj, n)).isTrue();
        SpdSolver.solve(a, n, x, k);
        SpdSolver.solveJava(aj, n, xj, k);
        RealMatrix lu = new LUDecomposition(MatrixUtils.createRealMatrix(dense)).getSolver()
                .solve(MatrixUtils.createRealMatrix(n, k).add(toMatrix(b, n, k)));
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                assertThat(x[i * k + c]).isCloseTo(lu.getEntry(i, c), org.assertj.core.api.Assertions.within(1e-10));
                assertThat(xj[i * k + c]).isCloseTo(lu.getEntry(i, c), org.assertj.core.api.Assertions.within(1e-10));
            }
        }
        assertThat(SpdSolver.logDeterminant(a, n)).isCloseTo(Math.log(new LUDecomposition(MatrixUtils.createRealMatrix(dense)).getDeterminant()),
                org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void indefiniteMatrixIsReported() {
        double[] a = {1, 2, 2, 1};
        assertThat(SpdSolver.factorize(a.clone(), 2)).isFalse();
        assertThat(SpdSolver.factorizeJava(a.clone(), 2)).isFalse();
    }

    private static RealMatrix toMatrix(double[] b, int n, int k) {
        RealMatrix m = MatrixUtils.createRealMatrix(n, k);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                m.setEntry(i, c, b[i * k + c]);
            }
        }
        return m;
    }
}
