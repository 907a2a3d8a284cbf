package dev.grokphase.train;

import java.util.Map;

/** AdamW with decoupled weight decay, {@link AdamWConfig}; the bias corrections use t = steps + 1. */
final class AdamWRule<A> implements UpdateRule<A> {

    private final AdamWConfig config;
    private final A mW;
    private final A vW;
    private final A mA;
    private final A vA;

    AdamWRule(AdamWConfig config, Engine<A> e) {
        this.config = config;
        Kernels<A> k = e.kernels();
        this.mW = k.newArray(k.length(e.w()));
        this.vW = k.newArray(k.length(e.w()));
        this.mA = k.newArray(k.length(e.a()));
        this.vA = k.newArray(k.length(e.a()));
    }

    @Override
    public void step(Engine<A> e) {
        e.evaluate();
        Kernels<A> k = e.kernels();
        long t = e.steps() + 1;
        double bc1 = 1 - Math.pow(config.beta1(), t);
        double bc2 = 1 - Math.pow(config.beta2(), t);
        if (e.trainW) {
            k.adamw(e.w(), e.gw(), mW, vW, config.lr(), config.beta1(), config.beta2(), config.eps(),
                    config.weightDecay(), bc1, bc2);
        }
        if (e.trainA) {
            k.adamw(e.a(), e.ga(), mA, vA, config.lr(), config.beta1(), config.beta2(), config.eps(),
                    config.weightDecay(), bc1, bc2);
        }
        e.checkNorms();
    }

    @Override
    public long checkpointKind() {
        return 2;
    }

    @Override
    public void save(Engine<A> e, Map<String, double[]> doubles, Map<String, float[]> floats,
                     Map<String, long[]> longs) {
        Kernels<A> k = e.kernels();
        k.save(doubles, floats, "adam.mW", mW);
        k.save(doubles, floats, "adam.vW", vW);
        k.save(doubles, floats, "adam.mA", mA);
        k.save(doubles, floats, "adam.vA", vA);
    }

    @Override
    public void restore(Engine<A> e, TrainerState state) {
        Kernels<A> k = e.kernels();
        k.restore(state, "adam.mW", mW);
        k.restore(state, "adam.vW", vW);
        k.restore(state, "adam.mA", mA);
        k.restore(state, "adam.vA", vA);
    }
}
