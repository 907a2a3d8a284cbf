package dev.grokphase.train;

/**
 * Unadjusted (overdamped) Langevin, {@link LangevinConfig}: θ_g ← θ_g − η_g β ∂U/∂θ_g + √(2η_g) ξ
 * with η_g = lr·(prior variance of group g) and ∂U/∂θ = g + θ/var_g, i.e.
 * θ ← (1 − β·lr)·θ − β·η_g·g + √(2η_g)·ξ, where g is the engine's gradient of the data term (and Γ).
 * β is the engine's inverse temperature of the network (1 unless a replica ladder sets it): the
 * chain then samples exp(−βU). Noise is drawn per network from its own stream, w before a.
 */
final class LangevinRule<A> implements UpdateRule<A> {

    private final LangevinConfig config;
    private final A noiseW;
    private final A noiseA;

    LangevinRule(LangevinConfig config, Engine<A> e) {
        this.config = config;
        this.noiseW = e.kernels().newArray(e.members() * e.wBlock());
        this.noiseA = e.kernels().newArray(e.members() * e.aBlock());
    }

    @Override
    public void step(Engine<A> e) {
        e.evaluate();
        Kernels<A> k = e.kernels();
        double etaW = config.stepScale() * e.config().prior().varW();
        double etaA = config.stepScale() * e.config().prior().varA();
        double sdW = Math.sqrt(2 * etaW);
        double sdA = Math.sqrt(2 * etaA);
        int nd = e.wBlock();
        int kn = e.aBlock();
        for (int m = 0; m < e.members(); m++) {
            double beta = e.inverseTemperature(m);
            // θ − η(∂U/∂θ) with ∂U/∂θ = g + θ/var: θ(1 − η/var) − η g; η/var = stepScale
            double keep = 1 - beta * config.stepScale();
            if (e.trainW) {
                k.gaussian(e.noise(m), noiseW, m * nd, nd);
            }
            if (e.trainA) {
                k.gaussian(e.noise(m), noiseA, m * kn, kn);
            }
            if (e.trainW) {
                e.checkNorm(m, "w", k.langevin(e.w(), e.gw(), noiseW, m * nd, nd, keep, beta * etaW, sdW));
            }
            if (e.trainA) {
                e.checkNorm(m, "a", k.langevin(e.a(), e.ga(), noiseA, m * kn, kn, keep, beta * etaA, sdA));
            }
        }
    }

    @Override
    public long checkpointKind() {
        return 0;
    }
}
