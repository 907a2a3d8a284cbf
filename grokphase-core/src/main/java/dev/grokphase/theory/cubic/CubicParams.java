package dev.grokphase.theory.cubic;

import dev.grokphase.param.Require;

/**
 * One parameter point of model 1 in the paper's physical units (notes §4.1–§4.2): sample size n,
 * width N, input dimension d, noise σ² (= Langevin temperature), readout prior σ_a² (each readout
 * weight has variance σ_a²/N), input prior σ_w² (each input weight has variance σ_w²/d) and the
 * cubic teacher coefficient ε. n, N and d are real numbers so that the β/α scaling of Table 1 can be
 * applied exactly (d → √β d is rarely an integer).
 */
public record CubicParams(double n, double N, double d, double sigma2, double sigmaA2, double sigmaW2, double eps) {

    public CubicParams {
        Require.positive("--n", n);
        Require.positive("--N", N);
        Require.positive("--d", d);
        Require.positive("--sigma2", sigma2);
        Require.positive("--sigma-a2", sigmaA2);
        Require.positive("--sigma-w2", sigmaW2);
        Require.finite("--eps", eps);
    }

    /** The paper's Fig. 2 point at β = α = 1 (notes §6.1), with σ² as given. */
    public static CubicParams fig2(double sigma2) {
        return new CubicParams(3000, 700, 150, sigma2, 8.0 / 700, 0.5, -0.3);
    }

    /**
     * The point whose posterior is this one's tempered in its data term, exp(−(L + Γ)/T − G):
     * σ² → Tσ² with the prior fixed (docs/theory.md, "Samplers"; u → u/T², κ → κ/T).
     */
    public CubicParams likelihoodTempered(double t) {
        Require.positive("temperature", t);
        return new CubicParams(n, N, d, t * sigma2, sigmaA2, sigmaW2, eps);
    }

    /**
     * The point whose posterior is this one's raised to 1/T, exp(−U/T): σ², σ_a², σ_w² → T· each
     * (docs/theory.md, "Samplers"; u → u/T, κ and r unchanged).
     */
    public CubicParams posteriorTempered(double t) {
        Require.positive("temperature", t);
        return new CubicParams(n, N, d, t * sigma2, t * sigmaA2, t * sigmaW2, eps);
    }

    /** Effective interaction u = n² σ_a² / (σ⁴ d N) (notes §4.2, paper Eq. 11); invariant under α, β. */
    public double u() {
        return n * n * sigmaA2 / (sigma2 * sigma2 * d * N);
    }

    /** Kernel-to-noise ratio r = n σ_a² / (σ² d) (notes §4.2 [I]); invariant under α, β. */
    public double r() {
        return n * sigmaA2 / (sigma2 * d);
    }

    /** κ = n σ_a² / σ² = r d: the factor in (b, √6c) = [I + κ M]⁻¹ (1, √6ε) (notes §4.6). */
    public double kappa() {
        return n * sigmaA2 / sigma2;
    }

    /**
     * Table 1 scaling (notes §4.2): N → βN, d → √β d, σ_a² → σ_a²/√β, σ² → (α/β) σ², n → αn. u and r
     * are unchanged, so every thermodynamic-limit output is unchanged.
     */
    public CubicParams scaled(double alpha, double beta) {
        Require.positive("--alpha", alpha);
        Require.positive("--beta", beta);
        double sb = Math.sqrt(beta);
        return new CubicParams(alpha * n, beta * N, sb * d, (alpha / beta) * sigma2, sigmaA2 / sb, sigmaW2, eps);
    }

    public CubicParams withSigma2(double v) {
        return new CubicParams(n, N, d, v, sigmaA2, sigmaW2, eps);
    }

    public CubicParams withN(double v) {
        return new CubicParams(v, N, d, sigma2, sigmaA2, sigmaW2, eps);
    }

    public CubicParams withWidth(double v) {
        return new CubicParams(n, v, d, sigma2, sigmaA2, sigmaW2, eps);
    }
}
