package dev.grokphase.theory.kernel;

import dev.grokphase.param.Require;

/**
 * The NNGP kernel of a two-layer erf network f(x) = Σ_i a_i erf(w_i·x) with prior
 * w_i ~ N(0, (σ_w²/d) I) and a_i ~ N(0, σ_a²/N) (paper-notes §2.2, §3.4, §3.6):
 *
 * <pre>
 *   K(x, z) = σ_a² E_w[erf(w·x) erf(w·z)]
 *           = σ_a² (2/π) arcsin( 2 xᵀΣz / sqrt((1 + 2 xᵀΣx)(1 + 2 zᵀΣz)) ),   Σ = (σ_w²/d) I.
 * </pre>
 *
 * The input dimension d is read from the rows of the arguments. The σ_a² prefactor is included, so
 * {@link #matrix} is the covariance of the network output under the prior, for any width N
 * (notes §3.4: "GP/NNGP limit"). Immutable and thread-safe. See docs/theory.md, "shared kernels".
 */
public final class ErfNngpKernel {

    private final double sigmaW2;
    private final double sigmaA2;

    /**
     * @param sigmaW2 σ_w², input-weight prior scale (each component has variance σ_w²/d), &gt;= 0
     * @param sigmaA2 σ_a², readout prior scale (the kernel's overall prefactor), &gt;= 0
     */
    public ErfNngpKernel(double sigmaW2, double sigmaA2) {
        this.sigmaW2 = Require.nonNegative("sigmaW2", sigmaW2);
        this.sigmaA2 = Require.nonNegative("sigmaA2", sigmaA2);
    }

    public double sigmaW2() {
        return sigmaW2;
    }

    public double sigmaA2() {
        return sigmaA2;
    }

    /**
     * The arcsine formula on second moments of the pre-activation: given sxz = xᵀΣz, sxx = xᵀΣx,
     * szz = zᵀΣz, returns E[erf(u) erf(v)] for (u, v) Gaussian with those moments (no σ_a²).
     */
    public static double arcsine(double sxz, double sxx, double szz) {
        double s = 2 * sxz / Math.sqrt((1 + 2 * sxx) * (1 + 2 * szz));
        // |s| <= 1 by Cauchy–Schwarz; clamp the last-ulp excursions so asin never returns NaN.
        s = Math.max(-1.0, Math.min(1.0, s));
        return (2 / Math.PI) * Math.asin(s);
    }

    /** K(x, z) for two inputs of the same dimension d. */
    public double value(double[] x, double[] z) {
        int d = dimension(x, z);
        double scale = sigmaW2 / d;
        return sigmaA2 * arcsine(scale * dot(x, z), scale * dot(x, x), scale * dot(z, z));
    }

    /** The cross-kernel matrix: result[i][j] = K(X[i], Z[j]); rows are inputs. */
    public double[][] matrix(double[][] X, double[][] Z) {
        int d = X.length > 0 ? X[0].length : (Z.length > 0 ? Z[0].length : 1);
        double scale = sigmaW2 / Math.max(d, 1);
        double[] nx = scaledSquaredNorms(X, d, scale);
        double[] nz = scaledSquaredNorms(Z, d, scale);
        double[][] k = new double[X.length][Z.length];
        for (int i = 0; i < X.length; i++) {
            double[] xi = X[i];
            double[] row = k[i];
            for (int j = 0; j < Z.length; j++) {
                row[j] = sigmaA2 * arcsine(scale * dot(xi, Z[j]), nx[i], nz[j]);
            }
        }
        return k;
    }

    /** The Gram matrix K(X, X), computed on one triangle and mirrored, so it is exactly symmetric. */
    public double[][] gram(double[][] X) {
        int d = X.length > 0 ? X[0].length : 1;
        double scale = sigmaW2 / Math.max(d, 1);
        double[] nx = scaledSquaredNorms(X, d, scale);
        double[][] k = new double[X.length][X.length];
        for (int i = 0; i < X.length; i++) {
            for (int j = 0; j <= i; j++) {
                double v = sigmaA2 * arcsine(scale * dot(X[i], X[j]), nx[i], nx[j]);
                k[i][j] = v;
                k[j][i] = v;
            }
        }
        return k;
    }

    /** The diagonal K(x_i, x_i) = σ_a² (2/π) arcsin(2s/(1+2s)), s = x_iᵀΣx_i. */
    public double[] diagonal(double[][] X) {
        int d = X.length > 0 ? X[0].length : 1;
        double scale = sigmaW2 / Math.max(d, 1);
        double[] nx = scaledSquaredNorms(X, d, scale);
        double[] k = new double[X.length];
        for (int i = 0; i < X.length; i++) {
            k[i] = sigmaA2 * arcsine(nx[i], nx[i], nx[i]);
        }
        return k;
    }

    private static double[] scaledSquaredNorms(double[][] X, int d, double scale) {
        double[] n = new double[X.length];
        for (int i = 0; i < X.length; i++) {
            if (X[i].length != d) {
                throw new IllegalArgumentException("row " + i + " has dimension " + X[i].length + ", expected " + d);
            }
            n[i] = scale * dot(X[i], X[i]);
        }
        return n;
    }

    private static int dimension(double[] x, double[] z) {
        if (x.length != z.length) {
            throw new IllegalArgumentException("inputs of different dimension: " + x.length + " and " + z.length);
        }
        if (x.length == 0) {
            throw new IllegalArgumentException("inputs of dimension 0");
        }
        return x.length;
    }

    static double dot(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("inputs of different dimension: " + a.length + " and " + b.length);
        }
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
