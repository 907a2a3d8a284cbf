package dev.grokphase.train;

import dev.grokphase.error.GrokphaseException;
import dev.grokphase.param.Require;

/**
 * Metropolis-adjusted Langevin (MALA) on the same posterior and with the same per-group
 * preconditioning as {@link LangevinConfig}: the Langevin step θ' = θ − η_g ∂U/∂θ + √(2η_g) ξ,
 * η_g = c·(prior variance of group g), is a proposal, accepted with the Hastings probability of
 * {@link dev.grokphase.sampling.MalaCorrection}. The chain is then reversible with respect to the
 * posterior at any step: no O(η) bias; the step is limited by acceptance instead. c starts at {@code stepScale} and is
 * adapted towards {@code targetAcceptance} during the first {@code adaptSteps} steps only, then
 * frozen ({@link dev.grokphase.sampling.StepAdapter}). Full batch only (a minibatch energy makes the ratio wrong).
 *
 * @param temperature      σ² (--sigma2)
 * @param stepScale        initial c (--lr)
 * @param sexticGamma      γ of Γ (modular only; 0 = off) (--gamma)
 * @param targetAcceptance α* of the burn-in adaptation (--target-acceptance, default 0.574)
 * @param adaptSteps       steps that adapt c (--adapt-steps; 0 = keep --lr)
 */
public record MalaConfig(double temperature, double stepScale, double sexticGamma, double targetAcceptance,
                         long adaptSteps) implements OptimizerConfig {

    public MalaConfig {
        Require.positive("--sigma2", temperature);
        Require.nonNegative("--gamma", sexticGamma);
        if (!(stepScale >= 1e-8 && stepScale <= 1.99)) {
            throw GrokphaseException.outOfRange("--lr", stepScale, "[1e-8, 1.99] for MALA (step = lr × prior variance)");
        }
        if (!(targetAcceptance > 0 && targetAcceptance < 1)) {
            throw GrokphaseException.outOfRange("--target-acceptance", targetAcceptance, "(0, 1)");
        }
        if (adaptSteps < 0) {
            throw GrokphaseException.outOfRange("--adapt-steps", adaptSteps, "integers >= 0");
        }
    }
}
