package dev.grokphase.train;

import dev.grokphase.param.Require;

/**
 * (Stochastic) gradient descent with heavy-ball momentum and coupled L2 weight decay, in PyTorch's
 * convention: g ← ∇L + λθ; b ← μ b + g (b = g on the first step); θ ← θ − lr·b.
 *
 * @param lr          learning rate (--lr)
 * @param momentum    μ in [0, 1) (--momentum)
 * @param weightDecay λ ≥ 0 (--weight-decay)
 */
public record SgdConfig(double lr, double momentum, double weightDecay) implements OptimizerConfig {

    public SgdConfig {
        Require.positive("--lr", lr);
        if (!(momentum >= 0 && momentum < 1)) {
            throw dev.grokphase.error.GrokphaseException.outOfRange("--momentum", momentum, "[0, 1)");
        }
        Require.nonNegative("--weight-decay", weightDecay);
    }
}
