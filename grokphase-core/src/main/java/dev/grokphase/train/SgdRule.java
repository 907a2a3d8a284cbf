package dev.grokphase.train;

import java.util.Map;

/** SGD with heavy-ball momentum and coupled weight decay, {@link SgdConfig}. */
final class SgdRule<A> implements UpdateRule<A> {

    private final SgdConfig config;
    private final A bufW;
    private final A bufA;
    private final LayerChunks chunks;
    private final Workers.Task updateTask = this::update;
    private Engine<A> engine;

    SgdRule(SgdConfig config, Engine<A> e) {
        this.config = config;
        this.bufW = e.kernels().newArray(e.kernels().length(e.w()));
        this.bufA = e.kernels().newArray(e.kernels().length(e.a()));
        this.chunks = new LayerChunks(e);
    }

    @Override
    public void step(Engine<A> e) {
        e.evaluate();
        engine = e;
        e.workers().run(chunks.tasks(), updateTask); // element-wise: the cut does not change the bits
        engine = null;
        e.checkNorms();
    }

    private void update(int t, int worker) {
        Engine<A> e = engine;
        boolean w = chunks.isW(t);
        e.kernels().sgd(w ? e.w() : e.a(), w ? e.gw() : e.ga(), w ? bufW : bufA, chunks.offset(t), chunks.length(t),
                config.lr(), config.momentum(), config.weightDecay());
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
