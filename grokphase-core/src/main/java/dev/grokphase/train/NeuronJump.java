package dev.grokphase.train;

import dev.grokphase.error.GrokphaseException;
import dev.grokphase.linalg.Blas;
import dev.grokphase.net.Activation;
import dev.grokphase.task.Dataset;

import java.nio.DoubleBuffer;
import java.util.Map;

/**
 * What every one-neuron droplet move ({@link DropletJump}, {@link LaplaceDropletJump}) shares: the
 * network's parameters copied to float64, the pre-activations Z = W·Xᵀ and φ(Z) of the sweep's start
 * from one matrix product, the output f on the training inputs, the unit teacher direction, and
 * the proposal and acceptance counters per stacked network, checkpointed as "jump.counts". A
 * subclass moves the neurons of one network ({@link #sweep(int)}) between {@link #load(int)} and
 * {@link #storeReadouts(int)}.
 */
abstract class NeuronJump<A> implements JumpMove {

    protected final Engine<A> e;
    protected final Kernels<A> k;
    protected final DropletJumpConfig config;
    protected final Activation act;
    protected final Blas blas;
    protected final int n;
    protected final int width;
    protected final int dim;
    protected final double scale;
    /** (n/B)/σ², and B = n: jumps need the full batch. */
    protected final double dataScale;
    protected final double varW;
    protected final double varA;
    /** Unit teacher direction. */
    protected final double[] u;
    protected final double[] x;
    protected final double[] y;
    protected final DoubleBuffer xBuf;
    protected final DoubleBuffer wBuf;
    protected final DoubleBuffer zBuf;
    protected final double[] w;
    protected final double[] a;
    /** Zᵀ = W·Xᵀ: neuron i's pre-activations contiguous at i·n. */
    protected final double[] z;
    protected final double[] phi;
    protected final double[] slope;
    protected final double[] f;
    protected final double[] r;
    protected final long[] attempts;
    protected final long[] accepted;

    NeuronJump(DropletJumpConfig config, Engine<A> engine, Dataset data, Blas blas) {
        this.e = engine;
        this.k = engine.kernels();
        this.config = config;
        this.act = engine.config().network().activation();
        this.blas = blas;
        double[] dir = data.teacherDirection();
        if (dir == null) {
            throw GrokphaseException.invalid("--jump-every", config.every(),
                    "droplet jumps move neurons along the teacher direction; this dataset has none (use the cubic task)");
        }
        this.n = data.nTrain();
        this.width = engine.config().network().width();
        this.dim = data.inputDim();
        this.scale = engine.config().network().effectiveScale();
        this.dataScale = engine.dataScale;
        this.varW = engine.config().prior().varW();
        this.varA = engine.config().prior().varA();
        double norm = 0;
        for (double v : dir) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        this.u = new double[dim];
        for (int j = 0; j < dim; j++) {
            u[j] = dir[j] / norm;
        }
        this.x = data.xTrain();
        this.y = data.yTrain();
        this.xBuf = Blas.allocateDouble(Math.max(1, n * dim));
        xBuf.put(0, x, 0, n * dim);
        this.wBuf = Blas.allocateDouble(width * dim);
        this.zBuf = Blas.allocateDouble(Math.max(1, width * n));
        this.w = new double[width * dim];
        this.a = new double[width];
        this.z = new double[width * n];
        this.phi = new double[width * n];
        this.slope = new double[Math.max(n, width * n)];
        this.f = new double[n];
        this.r = new double[n];
        this.attempts = new long[engine.members()];
        this.accepted = new long[engine.members()];
    }

    @Override
    public DropletJumpConfig config() {
        return config;
    }

    /** One sweep over every network. */
    @Override
    public void sweep() {
        for (int m = 0; m < e.members(); m++) {
            sweep(m);
        }
    }

    /** Moves of network m's neurons. */
    protected abstract void sweep(int m);

    /** Network m's w, a (float64), Z, φ(Z) and f = s Σ_i a_i φ(X w_i) at the current state. */
    protected void load(int m) {
        int nd = width * dim;
        k.copyToDoubles(e.w(), m * nd, w, 0, nd);
        k.copyToDoubles(e.a(), m * width, a, 0, width);
        if (n > 0) {
            wBuf.put(0, w, 0, nd);
            blas.dgemm(false, true, width, n, dim, 1.0, wBuf, dim, xBuf, dim, 0.0, zBuf, n);
            zBuf.get(0, z, 0, width * n);
            act.evaluate(z, phi, slope, 0, width * n);
        }
        java.util.Arrays.fill(f, 0.0);
        for (int i = 0; i < width; i++) {
            double ai = scale * a[i];
            int off = i * n;
            for (int mu = 0; mu < n; mu++) {
                f[mu] += ai * phi[off + mu];
            }
        }
    }

    /** Writes network m's readouts back to the engine (the moves write w_i as they accept). */
    protected void storeReadouts(int m) {
        k.copyFromDoubles(a, 0, e.a(), m * width, width);
        e.checkNorms();
    }

    /** Accepted fraction of network m's proposals (NaN before the first). */
    @Override
    public double acceptance(int m) {
        return attempts[m] == 0 ? Double.NaN : (double) accepted[m] / attempts[m];
    }

    @Override
    public long attempts(int m) {
        return attempts[m];
    }

    @Override
    public void save(Map<String, long[]> longs) {
        long[] s = new long[2 * attempts.length];
        for (int m = 0; m < attempts.length; m++) {
            s[2 * m] = attempts[m];
            s[2 * m + 1] = accepted[m];
        }
        longs.put("jump.counts", s);
    }

    @Override
    public void restore(TrainerState state) {
        long[] s = state.longs().get("jump.counts");
        if (s == null || s.length != 2 * attempts.length) {
            throw GrokphaseException.invalid("checkpoint", "jump.counts",
                    "missing or of the wrong length: the checkpoint is not from a run with --jump-every > 0");
        }
        for (int m = 0; m < attempts.length; m++) {
            attempts[m] = s[2 * m];
            accepted[m] = s[2 * m + 1];
        }
    }
}
