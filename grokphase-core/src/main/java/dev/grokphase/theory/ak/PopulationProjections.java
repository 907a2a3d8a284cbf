package dev.grokphase.theory.ak;

import dev.grokphase.linalg.ArrayGemm;
import dev.grokphase.net.Activation;

import java.util.Arrays;

/**
 * The data-aware mean predictor's linear and cubic components on the whole input distribution
 * x ~ N(0, I_d), not on a finite set of test points: the quantities the continuum solvers
 * ({@code FiniteDSolver}, {@code ThermodynamicSolver}) report as 1 − b and (ε − c)/ε.
 *
 * <p>On any input f̄(x) = σ_a² Σ_s ω_s φ(w_s·x) (φ_sᵀt̄) (notes §3.4, the test-input formula of
 * {@link DataAwareSolver}), so with the erf integrals of notes App. A.4 ({@code HermiteIntegrals},
 * Stein forms), q = w·w*:
 * <pre>
 *   E_x[f̄ H₁(w*·x)] = σ_a² Σ_s ω_s (φ_sᵀt̄) · 2q_s/√(π(1 + 2|w_s|²))
 *   E_x[f̄ H₃(w*·x)] = σ_a² Σ_s ω_s (φ_sᵀt̄) · (−4q_s³)/(√π(1 + 2|w_s|²)^{3/2})
 * </pre>
 * and learned cubic fraction = E_x[f̄ H₃]/(6ε) (E[H₃²] = 6). Evaluated for every jackknife variant of
 * an {@link AkSolution} (its own t̄ and weights), so the result carries the same bias correction and
 * error bars as the test-point observables ({@link AkSolution#estimate(double[])}).
 *
 * <p>The difference between these and the test-point projections of the same solution is the
 * scatter of a finite test set, which a Langevin ensemble measured on those test points shares.
 */
public final class PopulationProjections {

    /** Linear and cubic projection per variant (index 0 the full solution, 1..B the jackknife replicas). */
    public record PerVariant(double[] linear, double[] cubic) {
    }

    private PopulationProjections() {
    }

    /**
     * E_x[f̄ H₁(w*·x)] and E_x[f̄ H₃(w*·x)] of every variant of a single-output erf solution.
     *
     * @param sol   a solved problem with φ = erf and one output channel
     * @param wStar the teacher direction (unit vector, length D)
     */
    public static PerVariant of(AkSolution sol, double[] wStar) {
        AkProblem p = sol.problem();
        if (p.activation() != Activation.ERF || p.outputDim() != 1) {
            throw new IllegalArgumentException("population projections need φ = erf and one output");
        }
        int n = p.n();
        int dim = p.inputDim();
        int m = sol.sampleCount();
        int reps = sol.tbar().length;
        double[] w = sol.sampleWeights();
        // T: n × reps, column r = t̄ of variant r.
        double[] t = new double[n * reps];
        for (int r = 0; r < reps; r++) {
            double[] tb = sol.tbar()[r];
            for (int mu = 0; mu < n; mu++) {
                t[mu * reps + r] = tb[mu];
            }
        }
        double[] lin = new double[reps];
        double[] cub = new double[reps];
        int block = Math.max(1, Math.min(m, 2_000_000 / n));
        double[] z = new double[block * n];
        double[] phi = new double[block * n];
        double[] g = new double[block * reps];
        for (int s0 = 0; s0 < m; s0 += block) {
            int mb = Math.min(block, m - s0);
            double[] wb = Arrays.copyOfRange(w, s0 * dim, (s0 + mb) * dim);
            ArrayGemm.dgemm(false, true, mb, n, dim, 1.0, wb, dim, p.x(), dim, 0.0, z, n);
            p.activation().evaluate(z, phi, z, 0, mb * n);
            ArrayGemm.dgemm(false, false, mb, reps, n, 1.0, phi, n, t, reps, 0.0, g, reps);
            for (int i = 0; i < mb; i++) {
                int s = s0 + i;
                double q = 0;
                double w2 = 0;
                for (int k = 0; k < dim; k++) {
                    double wk = w[s * dim + k];
                    q += wk * wStar[k];
                    w2 += wk * wk;
                }
                double den = 1 + 2 * w2;
                double h1 = 2 * q / Math.sqrt(Math.PI * den);
                double h3 = -4 * q * q * q / (Math.sqrt(Math.PI) * den * Math.sqrt(den));
                for (int r = 0; r < reps; r++) {
                    double c = p.sigmaA2() * sol.weights()[r][s] * g[i * reps + r];
                    lin[r] += c * h1;
                    cub[r] += c * h3;
                }
            }
        }
        return new PerVariant(lin, cub);
    }
}
