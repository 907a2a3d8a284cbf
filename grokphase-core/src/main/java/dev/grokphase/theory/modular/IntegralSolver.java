package dev.grokphase.theory.modular;

import org.hipparchus.analysis.UnivariateFunction;
import org.hipparchus.analysis.solvers.AllowedSolution;
import org.hipparchus.analysis.solvers.BracketingNthOrderBrentSolver;

/**
 * Self-consistency of model 2 with the per-mode distribution integrated exactly
 * ({@link ModeIntegral}) instead of the saddle-point mixture of {@link ModularSolver}
 * (docs/theory.md "Per-mode integral"):
 *
 * <pre>
 *   |a| = σ² / (λ(a) + σ²),   λ(a) = c_norm σ_a² ⟨|w_k|²|v_k|²⟩_{g = u a²},
 * </pre>
 *
 * with c_norm = 4P² ({@link Normalization#EXACT}, the matrix eigenvalue; what sampled networks
 * follow) or 1 ({@link Normalization#PAPER}, as printed). At g = 0 the average is the prior's,
 * 1/P² up to the Γ correction, so with the exact normalisation the GP limit is the NNGP,
 * λ = 4σ_a² (notes §5.5), not λ = 0 as in the saddle-point mixture.
 *
 * <p>λ(a) is non-decreasing (d⟨ΦΨ⟩/dg = 2P Var(ΦΨ) ≥ 0), so F(a) = a − σ²/(λ(a)+σ²) is strictly
 * increasing on (0, 1], negative at 0 and non-negative at 1: exactly one root, found by a
 * bracketing Brent solver to {@value #A_TOLERANCE} in |a|. At finite P the phases are a smooth
 * crossover; the labels are a convention on the droplet well (√(ΦΨ) ≥ 1/√γ, see
 * {@link ModeIntegral.Moments#threshold()}): GMFL-II when it holds more
 * than 1 − {@link ModularSolver#GMFL2_TOLERANCE} of the mass; GMFL-I when it carries at least half of
 * λ (droplets, not Gaussian fluctuations, do most of the learning); else GFL.
 * One instance per thread.
 */
public final class IntegralSolver {

    static final double A_TOLERANCE = 1e-12;

    private final Normalization normalization;
    private final BracketingNthOrderBrentSolver brent = new BracketingNthOrderBrentSolver(A_TOLERANCE, 1e-15, 0.0, 5);

    public IntegralSolver(Normalization normalization) {
        this.normalization = normalization;
    }

    public Normalization normalization() {
        return normalization;
    }

    /** The per-pair moments at discrepancy magnitude a. */
    public ModeIntegral.Moments moments(ModularParams p, double a) {
        return new ModeIntegral(p.p(), p.gamma()).moments(p.g(a));
    }

    /** λ(a) = c_norm σ_a² ⟨ΦΨ⟩ at g = u a². */
    public double lambda(ModularParams p, double a) {
        return normalization.factor(p.p()) * p.sigmaA2() * moments(p, a).meanPhiPsi();
    }

    /** The residual F(a) = a − σ²/(λ(a) + σ²). */
    public double residual(ModularParams p, double a) {
        return a - p.sigma2() / (lambda(p, a) + p.sigma2());
    }

    /**
     * The unique self-consistent state.
     *
     * @throws ArithmeticException when the integral cannot be evaluated in double precision at this point
     *                             (the wells are then so sharp that the saddle-point mixture is accurate)
     */
    public ModularSolution solve(ModularParams p) {
        ModeIntegral integral = new ModeIntegral(p.p(), p.gamma());
        double factor = normalization.factor(p.p()) * p.sigmaA2();
        UnivariateFunction f = a -> a - p.sigma2() / (factor * integral.moments(p.g(a)).meanPhiPsi() + p.sigma2());
        // Bracket [0, hi]: F(0) < 0 always. At very large couplings the integral leaves double precision
        // (ArithmeticException); the root then usually lies far below |a| = 1, so hi is halved until F(hi)
        // can be evaluated, and the failure is passed on only if the root is beyond that.
        double hi = 1.0;
        double fHi;
        while (true) {
            try {
                fHi = f.value(hi);
                break;
            } catch (ArithmeticException e) {
                hi *= 0.5;
                if (hi < 1e-12) {
                    throw e;
                }
            }
        }
        if (fHi < 0 && hi < 1.0) {
            f.value(2 * hi); // throws: the root lies where the integral cannot be evaluated
        }
        double a = fHi <= 0 ? hi : brent.solve(10_000, f, 0.0, hi, AllowedSolution.ANY_SIDE);
        ModeIntegral.Moments m = integral.moments(p.g(a));
        double lambda = factor * m.meanPhiPsi();
        double lambdaDroplet = factor * m.dropletPhiPsi();
        double g = p.g(a);
        double phi = ModeAction.phiPlus(g, p.gamma());
        double gap = Double.isNaN(phi) ? Double.NaN : p.p() * ModeAction.actionPerP(phi, g, p.gamma());
        Phase phase;
        if (1.0 - m.dropletMass() < ModularSolver.GMFL2_TOLERANCE) {
            phase = Phase.GMFL_II;
        } else if (lambdaDroplet >= 0.5 * lambda) {
            phase = Phase.GMFL_I;
        } else {
            phase = Phase.GFL;
        }
        return new ModularSolution(p, normalization, a, lambda, m.dropletMass(), gap, phi, phase, new double[] {a}, "integral");
    }
}
