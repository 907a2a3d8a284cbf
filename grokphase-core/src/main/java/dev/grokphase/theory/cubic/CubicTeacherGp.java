package dev.grokphase.theory.cubic;

import dev.grokphase.param.Require;
import dev.grokphase.theory.kernel.ErfNngpKernel;
import dev.grokphase.theory.kernel.GpRegression;

import java.util.SplittableRandom;

/**
 * The NNGP baseline of notes §4.10 on the cubic teacher: what a GP with the erf NNGP kernel (the
 * N → ∞ network) learns from a finite sample, to set beside the feature-learning theory.
 *
 * <p><b>Finite sample.</b> x ~ N(0, I_d) (seeded), teacher direction w* = e₁ (any unit vector is
 * equivalent by rotation invariance, notes §4.1), y = H₁(x₁) + ε H₃(x₁), labels noise-free; the GP
 * posterior mean with noise σ² is projected on test points: learned linear = mean(f̄ H₁),
 * learned cubic fraction = mean(f̄ H₃)/(6ε). Training sets for different n are nested (the first n
 * rows of one sample), so a sweep over n is a learning curve.
 *
 * <p><b>Continuum (EK) forms</b>, from the GFL equations at u = 0 (notes §4.8) and the prior moment
 * ⟨q⁶⟩ = 15σ_w⁶/d³: learned linear = A/(1 + A), A = 4rσ_w²/(πD₀); learned cubic fraction =
 * λ/(1 + λ), λ = κ·8⟨q⁶⟩/(3πD₀³) = 40 r σ_w⁶/(π d² D₀³). Half the cubic needs λ = 1, i.e.
 * n = π d³ D₀³ σ²/(40 σ_w⁶ σ_a²) ∝ d³: the sample complexity the paper contrasts with n ∝ d.
 */
public final class CubicTeacherGp {

    private final int d;
    private final double sigmaW2;
    private final double sigmaA2;
    private final double eps;
    private final double[][] x;
    private final double[] y;
    private final double[][] xTest;
    private final ErfNngpKernel kernel;
    private int cachedN = -1;
    private double[][] k;
    private double[][] kStar;

    /**
     * @param d       input dimension
     * @param nMax    largest training-set size that will be asked for
     * @param nTest   test points for the projections
     * @param seed    data seed (training and test inputs come from one stream)
     */
    public CubicTeacherGp(int d, int nMax, int nTest, double sigmaW2, double sigmaA2, double eps, long seed) {
        this.d = Require.positive("--d", d);
        Require.positive("--n", nMax);
        Require.positive("--gp-test-points", nTest);
        this.sigmaW2 = Require.positive("--sigma-w2", sigmaW2);
        this.sigmaA2 = Require.positive("--sigma-a2", sigmaA2);
        this.eps = Require.finite("--eps", eps);
        this.kernel = new ErfNngpKernel(sigmaW2, sigmaA2);
        SplittableRandom rng = new SplittableRandom(seed);
        this.x = gaussian(rng, nMax, d);
        this.xTest = gaussian(rng, nTest, d);
        this.y = new double[nMax];
        for (int i = 0; i < nMax; i++) {
            double h = x[i][0];
            y[i] = h + eps * (h * h * h - 3 * h);
        }
    }

    private static double[][] gaussian(SplittableRandom rng, int n, int d) {
        double[][] m = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                m[i][j] = rng.nextGaussian();
            }
        }
        return m;
    }

    /** {learned linear, learned cubic fraction} of the GP posterior mean with n training points and noise σ². */
    public double[] learned(int n, double sigma2) {
        if (n > x.length) {
            throw dev.grokphase.error.GrokphaseException.outOfRange("--n", n, "integers <= " + x.length + " (the sample drawn)");
        }
        Require.positive("--sigma2", sigma2);
        if (n != cachedN) {
            double[][] xn = java.util.Arrays.copyOf(x, n);
            k = kernel.gram(xn);
            kStar = kernel.matrix(xTest, xn);
            cachedN = n;
        }
        GpRegression gp = GpRegression.fit(k, java.util.Arrays.copyOf(y, n), sigma2);
        double[] f = gp.predict(kStar);
        double lin = 0;
        double cub = 0;
        for (int i = 0; i < f.length; i++) {
            double h = xTest[i][0];
            lin += f[i] * h;
            cub += f[i] * (h * h * h - 3 * h);
        }
        lin /= f.length;
        cub /= 6 * f.length;
        return new double[]{lin, eps == 0 ? Double.NaN : cub / eps};
    }

    /** EK learned linear A/(1 + A) at the GP limit (notes §4.8 with u = 0). */
    public static double ekLearnedLinear(CubicParams p) {
        double a = ThermodynamicSolver.coefA(p.r(), p.sigmaW2());
        return a / (1 + a);
    }

    /** EK learned cubic fraction λ/(1 + λ), λ = 40 r σ_w⁶/(π d² D₀³). */
    public static double ekLearnedCubic(CubicParams p) {
        double lam = cubicEigenvalueTimesKappa(p);
        return lam / (1 + lam);
    }

    /** n at which the EK GP learns half of the cubic component: π d³ D₀³ σ²/(40 σ_w⁶ σ_a²). */
    public static double ekHalfCubicN(CubicParams p) {
        double d0 = 1 + 2 * p.sigmaW2();
        return Math.PI * Math.pow(p.d(), 3) * d0 * d0 * d0 * p.sigma2() / (40 * Math.pow(p.sigmaW2(), 3) * p.sigmaA2());
    }

    static double cubicEigenvalueTimesKappa(CubicParams p) {
        double d0 = 1 + 2 * p.sigmaW2();
        return 40 * p.r() * Math.pow(p.sigmaW2(), 3) / (Math.PI * p.d() * p.d() * d0 * d0 * d0);
    }

    public int dimension() {
        return d;
    }

    public double sigmaW2() {
        return sigmaW2;
    }

    public double sigmaA2() {
        return sigmaA2;
    }
}
