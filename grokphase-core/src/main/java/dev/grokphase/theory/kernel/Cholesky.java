package dev.grokphase.theory.kernel;

/**
 * Dense Cholesky factorization A = L Lᵀ of a symmetric matrix in float64, with triangular solves.
 * L is stored row-major in a fresh n×n array (upper triangle zero); the input is not modified.
 * The row-oriented (Cholesky–Banachiewicz) order makes every inner loop a dot product of two
 * contiguous row prefixes, which is what the JIT vectorises best.
 */
public final class Cholesky {

    private final double[][] l;

    private Cholesky(double[][] l) {
        this.l = l;
    }

    /**
     * Factorizes A + shift·I. Returns null when a pivot is not positive (A + shift·I not
     * numerically positive definite); the caller decides what to do (see {@link GpRegression}).
     */
    public static Cholesky tryDecompose(double[][] a, double shift) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            double[] li = l[i];
            double[] ai = a[i];
            if (ai.length != n) {
                throw new IllegalArgumentException("matrix is not square: row " + i + " has " + ai.length + " columns, expected " + n);
            }
            for (int j = 0; j < i; j++) {
                double[] lj = l[j];
                double s = ai[j];
                for (int k = 0; k < j; k++) {
                    s -= li[k] * lj[k];
                }
                li[j] = s / lj[j];
            }
            double s = ai[i] + shift;
            for (int k = 0; k < i; k++) {
                s -= li[k] * li[k];
            }
            if (!(s > 0) || !Double.isFinite(s)) {
                return null;
            }
            li[i] = Math.sqrt(s);
        }
        return new Cholesky(l);
    }

    public int size() {
        return l.length;
    }

    /** The factor L (lower triangular); a view, do not modify. */
    public double[][] lower() {
        return l;
    }

    /** Solves L v = b (forward substitution); returns a new array. */
    public double[] solveLower(double[] b) {
        int n = l.length;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double[] li = l[i];
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= li[k] * v[k];
            }
            v[i] = s / li[i];
        }
        return v;
    }

    /** Solves Lᵀ x = v (back substitution); returns a new array. */
    public double[] solveUpper(double[] v) {
        int n = l.length;
        double[] x = v.clone();
        for (int i = n - 1; i >= 0; i--) {
            x[i] /= l[i][i];
            double xi = x[i];
            double[] li = l[i];
            // Column i of Lᵀ is row i of L: subtract its contribution from the rows above.
            for (int k = 0; k < i; k++) {
                x[k] -= li[k] * xi;
            }
        }
        return x;
    }

    /** Solves (L Lᵀ) x = b. */
    public double[] solve(double[] b) {
        return solveUpper(solveLower(b));
    }

    /** log det(L Lᵀ) = 2 Σ log L_ii. */
    public double logDeterminant() {
        double s = 0;
        for (int i = 0; i < l.length; i++) {
            s += Math.log(l[i][i]);
        }
        return 2 * s;
    }
}
