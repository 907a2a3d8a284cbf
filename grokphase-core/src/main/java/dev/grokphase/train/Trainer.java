package dev.grokphase.train;

import dev.grokphase.error.GrokphaseException;
import dev.grokphase.linalg.Blas;
import dev.grokphase.net.NetworkSpec;
import dev.grokphase.net.TwoLayerNetwork;
import dev.grokphase.random.RandomStream;
import dev.grokphase.random.SeedTree;
import dev.grokphase.task.Dataset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains a group of M ≥ 1 networks that share one dataset (and, with minibatches, one batch
 * order). Their input weights are stacked into one (M·N)×D matrix, so each step costs two large
 * matrix products for the whole group instead of 2M small ones; each network keeps its own
 * initialisation and noise stream, so the numbers of network m do not depend on which other
 * networks share its group (up to the rounding of the stacked product).
 *
 * <p>One step: forward pass Z = X·Wᵀ, fused element-wise pass (φ, φ', readout, loss, output
 * gradient), backward product ∂U/∂W = Gᵀ·X, then the update rule of the {@link OptimizerConfig}.
 * {@link #step()} allocates nothing. Same seeds, same numbers: the engine's own reductions are
 * summed in a fixed order, so with one BLAS thread results are bit-identical run to run (more
 * OpenBLAS threads may round differently); {@link #saveState()} / {@link #restoreState} resume
 * bit-identically. Two-hot inputs (modular addition) skip both products: X·Wᵀ becomes the sum of
 * two columns of W per row and Gᵀ·X a scatter-add (1.75× faster at P = 97, N = 500).
 *
 * <p>Use {@link #create(TrainingConfig, Dataset, List)}. The implementation is {@link Engine}, one
 * class for both precisions whose step is assembled from parts (input product, activation pass,
 * readout pass, update rule; docs/design-notes.md, "Training engine"); float32 keeps float[] and
 * float buffers throughout.
 */
public abstract class Trainer {

    /**
     * Use the gather/scatter path for two-hot inputs (modular addition); tests switch it off to
     * compare with the dense path.
     */
    static boolean sparseTwoHot = true;

    /** Rows per chunk of the element-wise pass; partial sums are combined in chunk order. */
    static final int CHUNK_ROWS = 64;

    protected final TrainingConfig config;
    protected final Dataset data;
    protected final NetworkSpec spec;
    protected final int members;
    protected final int width;
    protected final int dim;
    protected final int outputs;
    protected final int nTrain;
    /** Rows per step: nTrain (full batch) or the batch size. */
    protected final int batch;
    protected final boolean fullBatch;
    protected final double scale;
    /** Multiplies dℓ/df: (n/B)/σ² for Langevin, 1/B for optimisers. */
    protected final double dataScale;
    protected final Blas blas;
    protected final RandomStream[] noise;
    protected final RandomStream batchRng;
    /** Current batch rows (identity for full batch). */
    protected final int[] rows;
    private final int[] order;
    private int orderPos;
    protected long steps;
    protected final double[] lastLoss;
    protected final int chunks;
    /** False when the layer is frozen. */
    protected final boolean trainW;
    protected final boolean trainA;

    protected Trainer(TrainingConfig config, Dataset data, List<TwoLayerNetwork> initial,
                      List<RandomStream> noiseStreams, RandomStream batchRng, Blas blas) {
        this.config = config;
        this.data = data;
        this.spec = config.network();
        if (initial.isEmpty() || initial.size() != noiseStreams.size()) {
            throw new IllegalArgumentException("need one initial network and one noise stream per member");
        }
        if (spec.inputDim() != data.inputDim() || spec.outputDim() != data.outputDim()) {
            throw GrokphaseException.invalid("network shape", spec.inputDim() + "x" + spec.outputDim(),
                    "the dataset has D = " + data.inputDim() + " and K = " + data.outputDim());
        }
        for (TwoLayerNetwork net : initial) {
            if (!net.spec().equals(spec)) {
                throw new IllegalArgumentException("initial network spec differs from the config's");
            }
        }
        this.members = initial.size();
        this.width = spec.width();
        this.dim = spec.inputDim();
        this.outputs = spec.outputDim();
        this.nTrain = data.nTrain();
        if (config.batchSize() > nTrain) {
            throw GrokphaseException.outOfRange("--batch-size", config.batchSize(), "[0, " + nTrain + "] (0 = full batch)");
        }
        this.fullBatch = config.batchSize() == 0 || config.batchSize() == nTrain;
        this.batch = fullBatch ? nTrain : config.batchSize();
        this.scale = spec.effectiveScale();
        if (batch == 0) {
            this.dataScale = 0; // no data: Langevin samples the prior
        } else if (!Double.isNaN(config.optimizer().temperature())) {
            this.dataScale = ((double) nTrain / batch) / config.optimizer().temperature();
        } else {
            this.dataScale = 1.0 / batch;
        }
        this.trainW = config.frozen() != FrozenLayer.INPUT;
        this.trainA = config.frozen() != FrozenLayer.READOUT;
        this.blas = blas;
        blas.setThreads(config.threads());
        this.noise = noiseStreams.toArray(new RandomStream[0]);
        this.batchRng = batchRng;
        this.rows = new int[batch];
        this.order = new int[nTrain];
        for (int i = 0; i < nTrain; i++) {
            order[i] = i;
        }
        for (int r = 0; r < batch; r++) {
            rows[r] = r;
        }
        this.orderPos = nTrain; // forces a shuffle before the first minibatch
        this.lastLoss = new double[members];
        java.util.Arrays.fill(lastLoss, Double.NaN);
        this.chunks = (batch + CHUNK_ROWS - 1) / CHUNK_ROWS;
    }

    /**
     * A trainer for {@code networks.size()} networks sharing {@code data}: network m is
     * initialised from {@code networks.get(m).stream("init")} (w first, then a), draws its Langevin
     * noise from {@code stream("noise")}; the shared minibatch order comes from
     * {@code networks.get(0).stream("batch")}.
     */
    public static Trainer create(TrainingConfig config, Dataset data, List<SeedTree> networks) {
        List<TwoLayerNetwork> init = new ArrayList<>();
        List<RandomStream> noise = new ArrayList<>();
        for (SeedTree t : networks) {
            init.add(TwoLayerNetwork.gaussian(config.network(), config.effectiveInitStdW(),
                    config.effectiveInitStdA(), t.stream("init")));
            noise.add(t.stream("noise"));
        }
        return create(config, data, init, noise, networks.get(0).stream("batch"));
    }

    /** A trainer from explicit initial networks and streams (tests, custom initialisations). */
    public static Trainer create(TrainingConfig config, Dataset data, List<TwoLayerNetwork> initial,
                                 List<RandomStream> noise, RandomStream batchRng) {
        return create(config, data, initial, noise, batchRng, Blas.get());
    }

    /** As above with an explicit BLAS backend (tests compare the native and the Java backend). */
    static Trainer create(TrainingConfig config, Dataset data, List<TwoLayerNetwork> initial,
                          List<RandomStream> noise, RandomStream batchRng, Blas blas) {
        return config.precision() == Precision.FLOAT64
                ? new Engine<>(Kernels64.INSTANCE, config, data, initial, noise, batchRng, blas)
                : new Engine<>(Kernels32.INSTANCE, config, data, initial, noise, batchRng, blas);
    }

    /** One update of every network of the group. */
    public abstract void step();

    /** {@code count} steps. */
    public void run(long count) {
        for (long t = 0; t < count; t++) {
            step();
        }
    }

    /** Steps done so far (the contract's step counter). */
    public long steps() {
        return steps;
    }

    public int members() {
        return members;
    }

    public TrainingConfig config() {
        return config;
    }

    public Dataset dataset() {
        return data;
    }

    /** The BLAS backend in use, for the manifest's "blasBackend". */
    public String blasBackend() {
        return blas.backendName();
    }

    /** Mean per-sample loss ℓ of network 0 on the last step's batch, before that step's update. */
    public double lastLoss() {
        return lastLoss[0];
    }

    public double lastLoss(int member) {
        return lastLoss[member];
    }

    /** Fresh float64 copy of network m's w (N×D row-major). */
    public abstract double[] snapshotW(int member);

    /** Fresh float64 copy of network m's a (K×N row-major). */
    public abstract double[] snapshotA(int member);

    public double[] snapshotW() {
        return snapshotW(0);
    }

    public double[] snapshotA() {
        return snapshotA(0);
    }

    /** Network m as a float64 {@link TwoLayerNetwork} (a snapshot). */
    public TwoLayerNetwork network(int member) {
        return new TwoLayerNetwork(spec, snapshotW(member), snapshotA(member));
    }

    /** f(x) of network 0 for n rows of x (n×D), n×K, computed in float64 from a snapshot. */
    public double[] predict(double[] x, int n) {
        return predict(0, x, n);
    }

    public double[] predict(int member, double[] x, int n) {
        return Forward.predict(spec, snapshotW(member), snapshotA(member), x, n, blas);
    }

    /**
     * The Metropolis-adjusted chains of this trainer (acceptance, adapted steps, energies, per-member
     * inverse temperatures, state exchange), or null when the update rule is not MALA.
     */
    public MalaChains mala() {
        return null;
    }

    /** The droplet-jump sweeps of this trainer (acceptance per member), or null when they are off. */
    public DropletJumps jumps() {
        return null;
    }

    public abstract TrainerState saveState();

    public abstract void restoreState(TrainerState state);

    // ---- shared pieces for the implementations ----

    /** Fills {@link #rows} with the next minibatch: cyclic passes over a reshuffled order. */
    protected final void nextBatch() {
        if (fullBatch) {
            return;
        }
        for (int r = 0; r < batch; r++) {
            if (orderPos == nTrain) {
                batchRng.shuffle(order);
                orderPos = 0;
            }
            rows[r] = order[orderPos++];
        }
    }

    protected final void checkLoss() {
        for (int m = 0; m < members; m++) {
            if (!Double.isFinite(lastLoss[m])) {
                throw new DivergenceException(steps, m, "train loss", lastLoss[m]);
            }
        }
    }

    protected final void checkNorm(int member, String name, double norm2) {
        if (!Double.isFinite(norm2)) {
            throw new DivergenceException(steps, member, "squared norm of " + name, norm2);
        }
    }

    protected final long[] shape() {
        return new long[] {members, width, dim, outputs, config.precision().ordinal(), nTrain, batch,
                optimizerKind()};
    }

    /** The update rule's kind in {@link #shape()} (0 Langevin, 1 SGD, 2 AdamW). */
    protected abstract long optimizerKind();

    /** State common to both precisions: counters, RNG words, batch order, last losses. */
    protected final void saveCommon(Map<String, long[]> longs, Map<String, double[]> doubles) {
        longs.put("shape", shape());
        longs.put("steps", new long[] {steps});
        long[] rng = new long[4 * members];
        for (int m = 0; m < members; m++) {
            noise[m].state(rng, 4 * m);
        }
        longs.put("rng.noise", rng);
        longs.put("rng.batch", batchRng.state());
        long[] ord = new long[nTrain];
        for (int i = 0; i < nTrain; i++) {
            ord[i] = order[i];
        }
        longs.put("batch.order", ord);
        longs.put("batch.pos", new long[] {orderPos});
        doubles.put("lastLoss", lastLoss.clone());
    }

    protected final void restoreCommon(TrainerState s) {
        long[] sh = s.longs().get("shape");
        if (sh == null || !java.util.Arrays.equals(sh, shape())) {
            throw GrokphaseException.invalid("checkpoint", java.util.Arrays.toString(sh),
                    "its shape does not match this run " + java.util.Arrays.toString(shape())
                            + " (members, N, D, K, precision, n, batch, optimizer)");
        }
        steps = s.longs().get("steps")[0];
        long[] rng = s.longs().get("rng.noise");
        for (int m = 0; m < members; m++) {
            noise[m].setState(rng, 4 * m);
        }
        batchRng.setState(s.longs().get("rng.batch"));
        long[] ord = s.longs().get("batch.order");
        for (int i = 0; i < nTrain; i++) {
            order[i] = (int) ord[i];
        }
        orderPos = (int) s.longs().get("batch.pos")[0];
        System.arraycopy(s.doubles().get("lastLoss"), 0, lastLoss, 0, members);
    }

    protected static Map<String, long[]> longMap() {
        return new LinkedHashMap<>();
    }

    /**
     * For a dataset whose every training row is exactly two-hot (two entries 1, the rest 0), the
     * two columns of each row {first[], second[]}; otherwise null (the dense path is used).
     */
    static int[][] twoHotColumns(Dataset data) {
        int n = data.nTrain();
        int d = data.inputDim();
        double[] x = data.xTrain();
        int[] first = new int[n];
        int[] second = new int[n];
        for (int r = 0; r < n; r++) {
            int found = 0;
            for (int j = 0; j < d; j++) {
                double v = x[r * d + j];
                if (v == 1.0) {
                    if (found == 0) {
                        first[r] = j;
                    } else if (found == 1) {
                        second[r] = j;
                    }
                    found++;
                } else if (v != 0.0) {
                    return null;
                }
            }
            if (found != 2) {
                return null;
            }
        }
        return new int[][] {first, second};
    }

}
