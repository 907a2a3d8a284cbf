package dev.grokphase.train;

import dev.grokphase.random.RandomStream;
import dev.grokphase.random.SplitMix64;
import dev.grokphase.random.Ziggurat;

/**
 * Unadjusted (overdamped) Langevin, {@link LangevinConfig}: θ_g ← θ_g − η_g β ∂U/∂θ_g + √(2η_g) ξ
 * with η_g = lr·(prior variance of group g) and ∂U/∂θ = g + θ/var_g, i.e.
 * θ ← (1 − β·lr)·θ − β·η_g·g + √(2η_g)·ξ, where g is the engine's gradient of the data term (and Γ).
 * β is the engine's inverse temperature of the network (1 unless a replica ladder sets it): the
 * chain then samples exp(−βU).
 *
 * <p>Noise in parallel, and still one stream per network: each step draws one 64-bit key per network
 * and trained layer (w, then a) from the network's stream; the layer's noise vector is cut into
 * chunks of {@link #NOISE_CHUNK} entries, and chunk c is drawn from a xoshiro stream seeded with
 * SplitMix64(key + (c+1)·φ), by the ziggurat method ({@link Ziggurat}: a chunk uses a variable
 * number of words, which is why every chunk has its own seed). Chunks (noise and update together)
 * run on all workers, so the numbers are the same for every thread count, and the network's stream
 * words remain the whole RNG state of a checkpoint.
 */
final class LangevinRule<A> implements UpdateRule<A> {

    /** Noise entries per chunk (a task of the parallel update). */
    static final int NOISE_CHUNK = LayerChunks.CHUNK;

    private final LangevinConfig config;
    private final A noiseW;
    private final A noiseA;
    private final long[] keyW;
    private final long[] keyA;
    private final LayerChunks tasks;
    private final double[] taskNorm;
    private final RandomStream[] chunkStream;
    private final Workers.Task updateTask = this::updateChunk;
    // state of the current step, for the tasks
    private Engine<A> engine;
    private double etaW;
    private double etaA;
    private double sdW;
    private double sdA;

    LangevinRule(LangevinConfig config, Engine<A> e) {
        this.config = config;
        int members = e.members();
        this.noiseW = e.kernels().newArray(e.trainW ? members * e.wBlock() : 0);
        this.noiseA = e.kernels().newArray(e.trainA ? members * e.aBlock() : 0);
        this.keyW = new long[members];
        this.keyA = new long[members];
        this.tasks = new LayerChunks(e);
        this.taskNorm = new double[tasks.tasks()];
        this.chunkStream = chunkStreams(e.workers());
    }

    /** One reseedable stream per worker thread, for the noise chunks. */
    static RandomStream[] chunkStreams(Workers workers) {
        RandomStream[] s = new RandomStream[workers.threads()];
        for (int i = 0; i < s.length; i++) {
            s[i] = RandomStream.fromSeed(0);
        }
        return s;
    }

    static int chunks(int length) {
        return LayerChunks.chunks(length);
    }

    /** The seed of chunk c of a layer's noise, from the layer's key of this step. */
    static long chunkSeed(long key, int c) {
        return SplitMix64.mix(key + 0x9E3779B97F4A7C15L * (c + 1));
    }

    @Override
    public void step(Engine<A> e) {
        e.evaluate();
        etaW = config.stepScale() * e.config().prior().varW();
        etaA = config.stepScale() * e.config().prior().varA();
        sdW = Math.sqrt(2 * etaW);
        sdA = Math.sqrt(2 * etaA);
        for (int m = 0; m < e.members(); m++) {
            if (e.trainW) {
                keyW[m] = e.noise(m).nextLong();
            }
            if (e.trainA) {
                keyA[m] = e.noise(m).nextLong();
            }
        }
        engine = e;
        e.workers().run(tasks.tasks(), updateTask);
        engine = null;
        int t = 0;
        while (t < tasks.tasks()) {
            int m = tasks.member(t);
            boolean w = tasks.isW(t);
            double n2 = 0;
            for (; t < tasks.tasks() && tasks.member(t) == m && tasks.isW(t) == w; t++) {
                n2 += taskNorm[t];
            }
            e.checkNorm(m, w ? "w" : "a", n2);
        }
    }

    private void updateChunk(int t, int worker) {
        Engine<A> e = engine;
        Kernels<A> k = e.kernels();
        int m = tasks.member(t);
        boolean w = tasks.isW(t);
        int off = tasks.offset(t);
        int len = tasks.length(t);
        A xi = w ? noiseW : noiseA;
        RandomStream s = chunkStream[worker];
        s.reseed(chunkSeed(w ? keyW[m] : keyA[m], tasks.chunk(t)));
        k.gaussian(s, xi, off, len);
        double beta = e.inverseTemperature(m);
        // θ − η(∂U/∂θ) with ∂U/∂θ = g + θ/var: θ(1 − η/var) − η g; η/var = stepScale
        double keep = 1 - beta * config.stepScale();
        taskNorm[t] = w
                ? k.langevin(e.w(), e.gw(), xi, off, len, keep, beta * etaW, sdW)
                : k.langevin(e.a(), e.ga(), xi, off, len, keep, beta * etaA, sdA);
    }

    /**
     * The noise one step draws for a network whose two layers are trained, replayed from a copy of
     * its stream (tests): ξ_w (N·D) and ξ_a (K·N), as float64.
     */
    static void replayNoise(RandomStream stream, double[] xiW, double[] xiA) {
        long kw = stream.nextLong();
        long ka = stream.nextLong();
        RandomStream s = RandomStream.fromSeed(0);
        for (int c = 0; c < chunks(xiW.length); c++) {
            s.reseed(chunkSeed(kw, c));
            Ziggurat.fill(s, xiW, c * NOISE_CHUNK, Math.min(NOISE_CHUNK, xiW.length - c * NOISE_CHUNK));
        }
        for (int c = 0; c < chunks(xiA.length); c++) {
            s.reseed(chunkSeed(ka, c));
            Ziggurat.fill(s, xiA, c * NOISE_CHUNK, Math.min(NOISE_CHUNK, xiA.length - c * NOISE_CHUNK));
        }
    }

    @Override
    public long checkpointKind() {
        return 0;
    }
}
