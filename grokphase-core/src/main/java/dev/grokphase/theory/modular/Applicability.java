package dev.grokphase.theory.modular;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether the modular theory's approximations are expected to hold at a point (docs/theory.md
 * "When the modular theory applies"). The theory integrates out the readout and replaces the other
 * neurons by their average kernel (mean field, notes §3.1); that is a linear-response expansion in
 * one neuron's contribution to the kernel, measured against the noise and the kernel already there:
 *
 * <pre>
 *   κ(w) = (σ_a²/N) φ(w)ᵀ (Q + σ²I)⁻¹ φ(w),   φ(w) = ((w_n + v_m)²)_{nm} over the P² table.
 * </pre>
 *
 * <ul>
 *   <li>{@code kappaDroplet}: κ of one droplet neuron, a pair of cosines of one frequency with
 *       |w_k|² = |v_k|² = Φ_+ (notes §5.9). Its φ has squared norm 36P²Φ_+² split over the 2D Fourier
 *       modes as 16 on (0,0), 4 on (±2k,0),(0,±2k), 8 on the target modes (±k,±k) and 8 on (±k,∓k)
 *       (times P²Φ_+²), so κ = (σ_a²/N)P²Φ_+²[16/(q₀₀+σ²) + 4/(q_axis+σ²) + 16/(λ+σ²)] with the NNGP
 *       eigenvalues q₀₀, q_axis of notes §5.5 and λ on both (±k,±k) and (±k,∓k) (⟨|w_k|²|v_{−k}|²⟩ =
 *       ⟨|w_k|²|v_k|²⟩). Without a non-zero saddle at the solution Φ* = √(3/γ) stands in for Φ_+
 *       (where the first droplets form). κ ≫ 1 means a single droplet neuron fits the target by itself: the
 *       droplet picture holds, but the mean-field self-consistency does not.</li>
 *   <li>{@code kappaWidth}: the average κ of a neuron, (1/N) tr[Q(Q + σ²)⁻¹], i.e. the kernel's
 *       effective number of degrees of freedom per neuron: the size of the 1/N corrections the
 *       mean-field limit drops.</li>
 * </ul>
 *
 * Under the Table 1 scaling (N → β²N, P → √βP, σ_a² → σ_a²/β, σ² → σ²/β) both fall as 1/β, and
 * along the width-scaled family (σ² → εσ², N → N/ε, σ_a² → εσ_a²) both fall with ε, so both
 * limits in which the theory is derived make it exact. kappaDroplet above {@value #KAPPA_LIMIT} (where
 * droplets can form: a non-zero saddle at the solution, or droplet weight above
 * {@value #DROPLET_WEIGHT}) and kappaWidth above {@value #WIDTH_LIMIT} are reported as problems.
 *
 * @param kappaDroplet  κ of one droplet neuron
 * @param kappaWidth    mean κ of a neuron, d_eff/N
 * @param saddleError   |learned(saddle-point) − learned(integral)| when both were computed, else NaN
 * @param problems      human-readable reasons, empty when the point is inside the theory's regime
 */
public record Applicability(double kappaDroplet, double kappaWidth, double saddleError, List<String> problems) {

    /**
     * κ of a droplet neuron above which the mean-field answer is not trusted. Measured anchors
     * (docs/theory.md): the working point P = 13, N = 240, σ_a² = 8.5e-5, γ = 4 has κ ≤ 0.07 and
     * agrees with Langevin; P = 13, N = 100, σ_a² = 0.005, γ = 1e-4, σ² = 0.4 has κ ≈ 6e3 and is off
     * by a factor 20. Values in between are not measured; 0.25 is where a first-order correction in
     * κ would be a quarter of the answer.
     */
    public static final double KAPPA_LIMIT = 0.25;
    /** Droplet weight above which a point without a non-zero saddle still counts as having droplets. */
    public static final double DROPLET_WEIGHT = 1e-3;
    /** d_eff/N above which the network has fewer neurons than the kernel has effective degrees of freedom. */
    public static final double WIDTH_LIMIT = 1.0;
    /** Learned-fraction difference above which the saddle-point step is reported as inaccurate. */
    public static final double SADDLE_LIMIT = 0.02;

    public Applicability {
        problems = List.copyOf(problems);
    }

    /** Whether no problem was found. */
    public boolean ok() {
        return problems.isEmpty();
    }

    /**
     * Assesses the point of {@code solution} (any limit; λ is converted to the exact normalisation).
     *
     * @param meanPhi      ⟨|w_k|²⟩ at the solution (1/P in the GP limit), for the bulk eigenvalue
     * @param saddleLearned the saddle-point learned fraction to compare with {@code integralLearned}, or NaN
     * @param integralLearned the integral's learned fraction, or NaN
     */
    public static Applicability assess(ModularSolution solution, double meanPhi, double saddleLearned, double integralLearned) {
        ModularParams p = solution.params();
        double s2 = p.sigma2();
        double pp = (double) p.p() * p.p();
        double lambda = solution.lambda() * Normalization.EXACT.factor(p.p()) / solution.normalization().factor(p.p());
        double q00 = p.sigmaA2() * (4.0 * pp + 4.0 * p.p() + 4.0);
        double qAxis = p.sigmaA2() * (2.0 * p.p() + 4.0);
        double qBulk = 4.0 * pp * p.sigmaA2() * meanPhi * meanPhi;
        double nTarget = 2.0 * (p.p() - 1);
        double nBulk = (double) (p.p() - 1) * (p.p() - 1) - nTarget;
        double dof = q00 / (q00 + s2) + 2.0 * (p.p() - 1) * qAxis / (qAxis + s2)
                + nTarget * lambda / (lambda + s2) + nBulk * qBulk / (qBulk + s2);
        double kappaWidth = dof / p.n();
        double kappaDroplet = Double.NaN;
        double phi = ModeAction.phiPlus(solution.g(), p.gamma());
        if (Double.isNaN(phi)) {
            // no droplet well at this coupling: the first droplets, when they form, sit at Φ* (notes §5.7)
            phi = ThermodynamicLimit.phiStar(p.gamma());
        }
        {
            kappaDroplet = p.sigmaA2() / p.n() * pp * phi * phi
                    * (16.0 / (q00 + s2) + 4.0 / (qAxis + s2) + 16.0 / (lambda + s2));
        }
        double saddleError = Math.abs(saddleLearned - integralLearned);
        List<String> problems = new ArrayList<>();
        // only where droplets can matter: a non-zero saddle at the solution, or droplet weight in the integral
        boolean droplets = solution.hasNonZeroSaddle() || solution.fDrop() > DROPLET_WEIGHT;
        if (droplets && kappaDroplet > KAPPA_LIMIT) {
            problems.add(String.format(java.util.Locale.ROOT,
                    "one droplet neuron's kernel contribution is %.3g times the noise-and-kernel scale (kappaDroplet > %s): "
                            + "mean field fails, raise N or sigma^2", kappaDroplet, KAPPA_LIMIT));
        }
        if (kappaWidth > WIDTH_LIMIT) {
            problems.add(String.format(java.util.Locale.ROOT,
                    "the kernel has %.3g effective degrees of freedom per neuron (kappaWidth = d_eff/N > %s): raise N",
                    kappaWidth, WIDTH_LIMIT));
        }
        if (saddleError > SADDLE_LIMIT) {
            problems.add(String.format(java.util.Locale.ROOT,
                    "the saddle-point step is off by %.3g in the learned fraction at this P (use --limit integral)", saddleError));
        }
        return new Applicability(kappaDroplet, kappaWidth, saddleError, problems);
    }
}
