package dev.grokphase.train;

import dev.grokphase.linalg.Blas;
import dev.grokphase.net.TwoLayerNetwork;
import dev.grokphase.random.RandomStream;
import dev.grokphase.task.Dataset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link Trainer} of both precisions: the stacked parameters and gradients of M networks in
 * arrays of type A, and a step assembled from parts — an {@link InputProduct} (dense or two-hot),
 * an {@link ActivationPass}, a {@link ReadoutPass} (one or several outputs), an optional
 * {@link SexticRegulariser}, and an {@link UpdateRule} — with the precision's loops in
 * {@link Kernels}. Layout: w is (M·N)×D row-major (network m's rows at m·N·D), a is M blocks of
 * K×N (network m's at m·K·N); gw and ga have the same layout.
 *
 * <p>What an update rule may use: {@link #evaluate()}, {@link #energy(int)}, the arrays
 * {@link #w()}, {@link #a()}, {@link #gw()}, {@link #ga()} with {@link #wBlock()} and
 * {@link #aBlock()}, {@link #noise(int)}, {@link #inverseTemperature(int)}, the flags trainW and
 * trainA, {@link #checkNorm} / {@link #checkNorms()} for divergence, and {@link #kernels()}.
 */
final class Engine<A> extends Trainer {

    /** Stops the helper threads of trainers that are no longer reachable. */
    private static final java.lang.ref.Cleaner CLEANER = java.lang.ref.Cleaner.create();

    private final Kernels<A> k;
    /** The threads of the element-wise passes, noise and updates (config.threads(); BLAS has its own). */
    private final Workers workers;
    private final int mn;
    private final A w;
    private final A a;
    private final A gw;
    private final A ga;
    private final InputProduct<A> input;
    private final ReadoutPass<A> readout;
    private final SexticRegulariser<A> sextic;
    private final UpdateRule<A> rule;
    /** Droplet-jump sweeps between steps; null when off. */
    private final JumpMove jumps;
    /** Σ_μ ℓ_μ over the batch at the last evaluation, per network. */
    private final double[] lossSum;
    /** Γ per network at the last evaluation (0 without the regulariser). */
    private final double[] sexticEnergy;
    private final double[] inverseTemperature;
    private final double[] priorInverseTemperature;

    Engine(Kernels<A> kernels, TrainingConfig config, Dataset data, List<TwoLayerNetwork> initial,
           List<RandomStream> noise, RandomStream batchRng, Blas blas) {
        super(config, data, initial, noise, batchRng, blas);
        this.k = kernels;
        this.workers = config.threads() > 1 ? new Workers(config.threads()) : Workers.SERIAL;
        if (workers != Workers.SERIAL) {
            CLEANER.register(this, workers::close);
        }
        this.mn = members * width;
        this.w = k.newArray(mn * dim);
        this.a = k.newArray(members * outputs * width);
        for (int m = 0; m < members; m++) {
            TwoLayerNetwork net = initial.get(m);
            k.copyFromDoubles(net.w(), 0, w, m * width * dim, width * dim);
            k.copyFromDoubles(net.a(), 0, a, m * outputs * width, outputs * width);
        }
        this.gw = k.newArray(mn * dim);
        this.ga = k.newArray(members * outputs * width);
        ActivationPass<A> act = new ActivationPass<>(k, spec.activation());
        int[][] hot = outputs > 1 && sparseTwoHot ? twoHotColumns(data) : null;
        this.input = hot != null
                ? new TwoHotInputProduct<>(k, workers, hot, batch, mn, dim)
                : new DenseInputProduct<>(k, blas, workers, data.xTrain(), nTrain, batch, mn, dim);
        this.readout = outputs == 1
                ? new ScalarReadoutPass<>(k, act, workers, data.yTrain(), batch, members, width, scale, dataScale)
                : new MultiOutputReadoutPass<>(k, act, workers, blas, config.loss(), data.yTrain(), batch, members,
                        width, outputs, scale, dataScale);
        double gamma = config.optimizer().sexticGamma();
        this.sextic = gamma > 0 ? new SexticRegulariser<>(k, workers, gamma, dim) : null;
        this.lossSum = new double[members];
        this.sexticEnergy = new double[members];
        this.inverseTemperature = new double[members];
        java.util.Arrays.fill(inverseTemperature, 1.0);
        this.priorInverseTemperature = new double[members];
        java.util.Arrays.fill(priorInverseTemperature, 1.0);
        this.rule = UpdateRule.of(config.optimizer(), this);
        this.jumps = config.jumps().on() ? JumpMove.create(config.jumps(), this, data, blas) : null;
    }

    @Override
    public void step() {
        if (batch > 0) {
            nextBatch();
        }
        rule.step(this);
        steps++;
        if (jumps != null && steps % jumps.config().every() == 0) {
            jumps.sweep();
            rule.parametersChanged();
        }
    }

    /**
     * The loss ({@link #lastLoss(int)}) and the gradient of the data term plus Γ at the current
     * parameters, for the current batch: gw = dataScale·∂(Σ_μ ℓ_μ)/∂w + ∂Γ/∂w, ga likewise (the
     * prior's θ/var is left to the rule). Throws {@link DivergenceException} on a non-finite loss.
     */
    void evaluate() {
        if (batch == 0) {
            // no data term: the update sees only the prior (and Γ)
            k.zero(gw, 0, mn * dim);
            k.zero(ga, 0, members * outputs * width);
            java.util.Arrays.fill(lastLoss, 0.0);
            java.util.Arrays.fill(lossSum, 0.0);
        } else {
            if (trainW) {
                input.evaluate(w, rows, readout, a, ga, lossSum, gw);
            } else {
                input.forward(w, rows);
                readout.run(input, a, ga, rows, lossSum);
            }
            for (int m = 0; m < members; m++) {
                lastLoss[m] = lossSum[m] / batch;
            }
            checkLoss(); // after the backward product: a non-finite loss leaves gw unused
        }
        if (sextic != null && trainW) {
            sextic.addGradient(w, gw, mn, width, sexticEnergy);
        }
    }

    /**
     * U of network m at the last {@link #evaluate()} (before any update since):
     * dataScale·Σ_μ ℓ_μ + |w|²/(2 varW) + |a|²/(2 varA) + Γ, in float64. For a sampler at full
     * batch this is the negative log-posterior of notes §2.2 up to a constant; frozen layers are
     * left out of the prior term.
     */
    double energy(int m) {
        double u = dataScale * lossSum[m] + sexticEnergy[m];
        if (trainW) {
            u += k.sumOfSquares(w, m * wBlock(), wBlock()) / (2 * config.prior().varW());
        }
        if (trainA) {
            u += k.sumOfSquares(a, m * aBlock(), aBlock()) / (2 * config.prior().varA());
        }
        return u;
    }

    Kernels<A> kernels() {
        return k;
    }

    /** The trainer's threads, for rules that split their update into tasks. */
    Workers workers() {
        return workers;
    }

    A w() {
        return w;
    }

    A a() {
        return a;
    }

    A gw() {
        return gw;
    }

    A ga() {
        return ga;
    }

    /** Entries of w per network (N·D). */
    int wBlock() {
        return width * dim;
    }

    /** Entries of a per network (K·N). */
    int aBlock() {
        return outputs * width;
    }

    RandomStream noise(int m) {
        return noise[m];
    }

    /**
     * β of network m's data term (and Γ): a sampler targets exp(−β(U − G) − β'G), G the Gaussian
     * prior (both 1 by default; a replica ladder sets them). The unadjusted Langevin rule applies β
     * to the whole of U (it is never tempered: replicas need MALA).
     */
    double inverseTemperature(int m) {
        return inverseTemperature[m];
    }

    /** β' of network m's Gaussian prior G (see {@link #inverseTemperature}). */
    double priorInverseTemperature(int m) {
        return priorInverseTemperature[m];
    }

    void setInverseTemperatures(int m, double tempered, double gaussianPrior) {
        inverseTemperature[m] = tempered;
        priorInverseTemperature[m] = gaussianPrior;
    }

    /** Divergence check of both layers of every network (for rules that do not compute norms). */
    void checkNorms() {
        for (int m = 0; m < members; m++) {
            checkNorm(m, "w", k.sumOfSquares(w, m * wBlock(), wBlock()));
            checkNorm(m, "a", k.sumOfSquares(a, m * aBlock(), aBlock()));
        }
    }

    @Override
    public MalaChains mala() {
        return rule instanceof MalaChains mc ? mc : null;
    }

    /** The droplet-jump move (null when off), for diagnostics in this package. */
    JumpMove jumpMove() {
        return jumps;
    }

    @Override
    public DropletJumps jumps() {
        return jumps == null ? null : new DropletJumps() {
            @Override
            public double acceptance(int member) {
                return jumps.acceptance(member);
            }

            @Override
            public long attempts(int member) {
                return jumps.attempts(member);
            }

            @Override
            public DropletJumpConfig config() {
                return jumps.config();
            }
        };
    }

    @Override
    protected long optimizerKind() {
        return rule.checkpointKind();
    }

    @Override
    public double[] snapshotW(int member) {
        return k.toDoubles(w, member * wBlock(), wBlock());
    }

    @Override
    public double[] snapshotA(int member) {
        return k.toDoubles(a, member * aBlock(), aBlock());
    }

    @Override
    public TrainerState saveState() {
        Map<String, double[]> doubles = new LinkedHashMap<>();
        Map<String, float[]> floats = new LinkedHashMap<>();
        Map<String, long[]> longs = longMap();
        saveCommon(longs, doubles);
        k.save(doubles, floats, "w", w);
        k.save(doubles, floats, "a", a);
        rule.save(this, doubles, floats, longs);
        if (jumps != null) {
            jumps.save(longs);
        }
        return new TrainerState(doubles, floats, longs);
    }

    @Override
    public void restoreState(TrainerState s) {
        restoreCommon(s);
        k.restore(s, "w", w);
        k.restore(s, "a", a);
        rule.restore(this, s);
        if (jumps != null) {
            jumps.restore(s);
        }
    }
}
