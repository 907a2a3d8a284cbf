package dev.grokphase.train;

import java.util.Map;

/** SGD with heavy-ball momentum and coupled weight decay, {@link SgdConfig}. */
final class SgdRule<A> implements UpdateRule<A> {

    private final SgdConfig config;
    private final A bufW;
    private final A bufA;

    SgdRule(SgdConfig config, Engine<A> e) {
        this.config = config;
        this.bufW = e.kernels().newArray(e.kernels().length(e.w()));
        this.bufA = e.kernels().newArray(e.kernels().length(e.a()));
    }

    @Override
    public void step(Engine<A> e) {
        e.evaluate();
        Kernels<A> k = e.kernels();
        if (e.trainW) {
            k.sgd(e.w(), e.gw(), bufW, config.lr(), config.momentum(), config.weightDecay());
        }
        if (e.trainA) {
            k.sgd(e.a(), e.ga(), bufA, config.lr(), config.momentum(), config.weightDecay());
        }
        e.checkNorms();
    }

    @Override
    public long checkpointKind() {
        return 1;
    }

    @Override
    public void save(Engine<A> e, Map<String, double[]> doubles, Map<String, float[]> floats,
                     Map<String, long[]> longs) {
        e.kernels().save(doubles, floats, "sgd.bufW", bufW);
        e.kernels().save(doubles, floats, "sgd.bufA", bufA);
    }

    @Override
    public void restore(Engine<A> e, TrainerState state) {
        e.kernels().restore(state, "sgd.bufW", bufW);
        e.kernels().restore(state, "sgd.bufA", bufA);
    }
}
