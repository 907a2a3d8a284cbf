package dev.grokphase.train;

import dev.grokphase.param.Require;

/**
 * Overdamped Langevin on U = Σ_μ ℓ_μ/σ² + |w|²/(2 varW) + |a|²/(2 varA) + Γ (notes §2.2, §2.3):
 * θ_g ← θ_g − η_g ∂U/∂θ_g + √(2η_g) ξ with constant per-group steps η_g = c · (prior variance of
 * group g). Its stationary law (as η → 0) is exactly the posterior of §2.2.
 *
 * @param temperature σ², the Bayesian noise variance = Langevin temperature (--sigma2)
 * @param stepScale   c in η_g = c·(prior variance); stable for c well below 1 (--lr)
 * @param sexticGamma γ of the sextic regulariser Γ of notes §5.6 (modular only; 0 = off) (--gamma)
 */
public record LangevinConfig(double temperature, double stepScale, double sexticGamma) implements OptimizerConfig {

    public LangevinConfig {
        Require.positive("--sigma2", temperature);
        if (!(stepScale > 0 && stepScale < 2)) {
            throw dev.grokphase.error.GrokphaseException.outOfRange("--lr", stepScale,
                    "(0, 2) (Langevin step = lr × prior variance; 0.01-0.1 recommended, notes §2.3)");
        }
        Require.nonNegative("--gamma", sexticGamma);
    }

    public LangevinConfig(double temperature, double stepScale) {
        this(temperature, stepScale, 0.0);
    }
}
