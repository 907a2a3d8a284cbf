package dev.grokphase.theory.kernel;

import dev.grokphase.error.ErrorCode;
import dev.grokphase.error.GrokphaseException;

import java.util.Locale;

/**
 * Dense GP regression on a finite sample (paper-notes §3.4: f̄ = K (K + σ² I)⁻¹ y), in float64.
 *
 * <p>Fit: Cholesky of K + (σ² + jitter) I, then α = (K + σ² I)⁻¹ y. Prediction at test inputs
 * with cross-kernel K* (rows: test points, columns: training points): mean = K* α, variance =
 * k** − ‖L⁻¹ k*‖² (the latent-function variance, without the noise σ²).
 *
 * <p><b>Jitter rule.</b> The first attempt uses jitter 0. If a pivot is not positive (K + σ²I is
 * numerically singular, which happens for σ² = 0 or tiny σ² with nearly duplicate inputs), the
 * factorization is retried with jitter = 10⁻¹² · mean(diag K), multiplied by 10 on each failure,
 * up to 10⁻⁴ · mean(diag K); beyond that the fit fails with a one-line error. The jitter actually
 * used is reported by {@link #jitter()}. A mean(diag K) of 0 is replaced by 1 in this rule.
 */
public final class GpRegression {

    /** Smallest relative jitter tried after a failed factorization. */
    public static final double JITTER_START = 1e-12;
    /** Largest relative jitter before giving up. */
    public static final double JITTER_MAX = 1e-4;

    private final Cholesky chol;
    private final double[] alpha;
    private final double[] y;
    private final double noiseVariance;
    private final double jitter;

    private GpRegression(Cholesky chol, double[] alpha, double[] y, double noiseVariance, double jitter) {
        this.chol = chol;
        this.alpha = alpha;
        this.y = y;
        this.noiseVariance = noiseVariance;
        this.jitter = jitter;
    }

    /**
     * Fits the GP posterior.
     *
     * @param k             training Gram matrix (n×n, symmetric positive semi-definite)
     * @param y             training targets (length n)
     * @param noiseVariance σ² &gt;= 0, the Gaussian likelihood variance
     */
    public static GpRegression fit(double[][] k, double[] y, double noiseVariance) {
        if (!(noiseVariance >= 0) || Double.isInfinite(noiseVariance)) {
            throw GrokphaseException.outOfRange("noiseVariance", noiseVariance, "[0, inf)");
        }
        int n = k.length;
        if (y.length != n) {
            throw new IllegalArgumentException("targets have length " + y.length + ", the kernel is " + n + "x" + n);
        }
        double meanDiag = 0;
        for (int i = 0; i < n; i++) {
            meanDiag += k[i][i];
        }
        meanDiag = n == 0 ? 1 : meanDiag / n;
        if (!(meanDiag > 0)) {
            meanDiag = 1;
        }
        double jitter = 0;
        Cholesky chol = Cholesky.tryDecompose(k, noiseVariance);
        double rel = JITTER_START;
        while (chol == null && rel <= JITTER_MAX * (1 + 1e-9)) {
            jitter = rel * meanDiag;
            chol = Cholesky.tryDecompose(k, noiseVariance + jitter);
            rel *= 10;
        }
        if (chol == null) {
            throw new GrokphaseException(ErrorCode.NO_CONVERGENCE, String.format(Locale.ROOT,
                    "GP regression: K + sigma2*I is not positive definite even with jitter %.1e*mean(diag K) (sigma2 = %s); allowed: a positive semi-definite kernel",
                    JITTER_MAX, noiseVariance));
        }
        return new GpRegression(chol, chol.solve(y), y.clone(), noiseVariance, jitter);
    }

    /** Posterior mean at test points; kStar[i][j] = K(test_i, train_j). */
    public double[] predict(double[][] kStar) {
        double[] m = new double[kStar.length];
        for (int i = 0; i < kStar.length; i++) {
            m[i] = ErfNngpKernel.dot(kStar[i], alpha);
        }
        return m;
    }

    /**
     * Posterior variance of the latent function at test points: k**_i − k*_iᵀ (K + σ²I)⁻¹ k*_i.
     *
     * @param kStarDiag K(test_i, test_i)
     */
    public double[] variance(double[][] kStar, double[] kStarDiag) {
        double[] v = new double[kStar.length];
        for (int i = 0; i < kStar.length; i++) {
            double[] w = chol.solveLower(kStar[i]);
            v[i] = Math.max(0, kStarDiag[i] - ErfNngpKernel.dot(w, w));
        }
        return v;
    }

    /** log p(y) = −½ yᵀα − ½ log det(K + σ²I) − (n/2) log 2π. */
    public double logMarginalLikelihood() {
        int n = y.length;
        return -0.5 * ErfNngpKernel.dot(y, alpha) - 0.5 * chol.logDeterminant() - 0.5 * n * Math.log(2 * Math.PI);
    }

    /** α = (K + σ²I)⁻¹ y; for the training points, σ² α is the discrepancy y − f̄ (notes §3.3). */
    public double[] alpha() {
        return alpha.clone();
    }

    public double noiseVariance() {
        return noiseVariance;
    }

    /** The jitter added to the diagonal beyond σ² (0 when none was needed); see the class comment. */
    public double jitter() {
        return jitter;
    }
}
