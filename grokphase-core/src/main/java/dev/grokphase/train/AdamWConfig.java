package dev.grokphase.train;

import dev.grokphase.param.Require;

/**
 * AdamW (Loshchilov and Hutter) with decoupled weight decay, in PyTorch's convention:
 * θ ← θ(1 − lr·λ); m ← β1 m + (1−β1) g; v ← β2 v + (1−β2) g²;
 * θ ← θ − lr · (m/(1−β1^t)) / (√(v/(1−β2^t)) + eps).
 *
 * @param lr          learning rate (--lr)
 * @param beta1       first-moment decay in [0, 1) (--betas)
 * @param beta2       second-moment decay in [0, 1) (--betas)
 * @param eps         denominator offset > 0 (--adam-eps)
 * @param weightDecay decoupled decay λ ≥ 0 (--weight-decay)
 */
public record AdamWConfig(double lr, double beta1, double beta2, double eps, double weightDecay)
        implements OptimizerConfig {

    public AdamWConfig {
        Require.positive("--lr", lr);
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw dev.grokphase.error.GrokphaseException.outOfRange("--betas", beta1, "first beta in [0, 1)");
        }
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw dev.grokphase.error.GrokphaseException.outOfRange("--betas", beta2, "second beta in [0, 1)");
        }
        Require.positive("--adam-eps", eps);
        Require.nonNegative("--weight-decay", weightDecay);
    }

    /** PyTorch's defaults for betas and eps. */
    public static AdamWConfig of(double lr, double weightDecay) {
        return new AdamWConfig(lr, 0.9, 0.999, 1e-8, weightDecay);
    }
}
