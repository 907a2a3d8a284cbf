package dev.grokphase.train;

import java.util.Map;

/** AdamW with decoupled weight decay, {@link AdamWConfig}; the bias corrections use t = steps + 1. */
final class AdamWRule<A> implements UpdateRule<A> {

    private final AdamWConfig config;
    private final A mW;
    private final A vW;
    private final A mA;
    private final A vA;
    private final LayerChunks chunks;
    private final Workers.Task updateTask = this::update;
    private Engine<A> engine;
    private double bc1;
    private double bc2;

    AdamWRule(AdamWConfig config, Engine<A> e) {
        this.config = config;
        Kernels<A> k = e.kernels();
        this.mW = k.newArray(k.length(e.w()));
        this.vW = k.newArray(k.length(e.w()));
        this.mA = k.newArray(k.length(e.a()));
        this.vA = k.newArray(k.length(e.a()));
        this.chunks = new LayerChunks(e);
    }

    @Override
    public void step(Engine<A> e) {
        e.evaluate();
        long t = e.steps() + 1;
        bc1 = 1 - Math.pow(config.beta1(), t);
        bc2 = 1 - Math.pow(config.beta2(), t);
        engine = e;
        e.workers().run(chunks.tasks(), updateTask); // element-wise: the cut does not change the bits
        engine = null;
        e.checkNorms();
    }

    private void update(int t, int worker) {
        Engine<A> e = engine;
        boolean w = chunks.isW(t);
        e.kernels().adamw(w ? e.w() : e.a(), w ? e.gw() : e.ga(), w ? mW : mA, w ? vW : vA, chunks.offset(t),
                chunks.length(t), config.lr(), config.beta1(), config.beta2(), config.eps(), config.weightDecay(),
                bc1, bc2);
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
