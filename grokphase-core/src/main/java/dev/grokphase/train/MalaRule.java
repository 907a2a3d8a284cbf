package dev.grokphase.train;

import dev.grokphase.error.GrokphaseException;
import dev.grokphase.random.RandomStream;
import dev.grokphase.sampling.MalaCorrection;
import dev.grokphase.sampling.StepAdapter;

import java.util.Map;

/**
 * Metropolis-adjusted Langevin ({@link MalaConfig}) for every stacked network at once: propose all
 * networks with the preconditioned Langevin step from the gradient cached at their accepted state,
 * evaluate the data term once for the whole stack ({@link Engine#evaluate()}), then accept or
 * reject each network with the Hastings ratio of {@link MalaCorrection} (the bracket is
 * {@link Kernels#malaLogRatio}). The gradient and energies at each accepted state are kept, so a
 * step costs one evaluation, as the unadjusted step does.
 *
 * <p>Target of network m: exp(−β_m (U − G) − β'_m G), with U the engine's energy and G the
 * Gaussian prior |w|²/(2 varW) + |a|²/(2 varA); β_m is the engine's inverse temperature and β'_m
 * equals it (the whole posterior tempered) unless a replica driver sets it to 1 (only the data term
 * and Γ tempered). Both are 1 without replicas.
 *
 * <p>Draws per network and step, from its own noise stream: one key for the w noise, one for the a
 * noise (each trained layer's), then one uniform. The noise is drawn in chunks as in
 * {@link LangevinRule} (chunk c from a stream seeded by the key and c), so the proposals run as one
 * task per chunk on the engine's threads, and the decisions as one task per network. A proposal whose loss is not finite is rejected (for every network of the
 * group, since the evaluation stops at the first non-finite loss; the adaptation then shrinks the
 * step). Checkpoints hold the cached gradients, energies, adapters and counters.
 */
final class MalaRule<A> implements UpdateRule<A>, MalaChains {

    private final Engine<A> e;
    private final Kernels<A> k;
    private final int members;
    private final int nd;
    private final int kn;
    private final double varW;
    private final double varA;
    private final StepAdapter[] adapters;
    // at each network's accepted state
    private final A gwAcc;
    private final A gaAcc;
    private final double[] energyAcc;
    private final double[] gaussAcc;
    private final double[] lossAcc;
    /** Proposals and acceptances after adaptation ([m]) and during it ([members + m]). */
    private final long[] attempts;
    private final long[] accepted;
    private boolean primed;
    // scratch
    private final A wOld;
    private final A aOld;
    private final A noiseW;
    private final A noiseA;
    private final A swapW;
    private final A swapA;
    private final LayerChunks chunks;
    private final long[] keyW;
    private final long[] keyA;
    private final RandomStream[] chunkStream;
    private final Workers.Task proposeTask = this::propose;
    private final Workers.Task decideTask = this::decide;
    /** Whether this step's evaluation of the proposals finished (false: a non-finite loss). */
    private boolean evaluated;

    MalaRule(MalaConfig config, Engine<A> engine) {
        this.e = engine;
        this.k = engine.kernels();
        this.members = engine.members();
        this.nd = engine.wBlock();
        this.kn = engine.aBlock();
        this.varW = engine.config().prior().varW();
        this.varA = engine.config().prior().varA();
        this.adapters = new StepAdapter[members];
        for (int m = 0; m < members; m++) {
            adapters[m] = new StepAdapter(config.stepScale(), config.targetAcceptance(), config.adaptSteps());
        }
        this.gwAcc = k.newArray(members * nd);
        this.gaAcc = k.newArray(members * kn);
        this.energyAcc = new double[members];
        this.gaussAcc = new double[members];
        this.lossAcc = new double[members];
        this.attempts = new long[2 * members];
        this.accepted = new long[2 * members];
        this.wOld = k.newArray(members * nd);
        this.aOld = k.newArray(members * kn);
        this.noiseW = k.newArray(members * nd);
        this.noiseA = k.newArray(members * kn);
        this.swapW = k.newArray(nd);
        this.swapA = k.newArray(kn);
        this.chunks = new LayerChunks(engine);
        this.keyW = new long[members];
        this.keyA = new long[members];
        this.chunkStream = LangevinRule.chunkStreams(engine.workers());
    }

    /** G of network m now: the Gaussian prior energy of its trained layers (as in {@link Engine#energy}). */
    private double gauss(int m) {
        double g = 0;
        if (e.trainW) {
            g += k.sumOfSquares(e.w(), m * nd, nd) / (2 * varW);
        }
        if (e.trainA) {
            g += k.sumOfSquares(e.a(), m * kn, kn) / (2 * varA);
        }
        return g;
    }

    /** Evaluates the current (starting) state once: the first step, or a state saved before any step. */
    private void prime() {
        e.evaluate();
        for (int m = 0; m < members; m++) {
            energyAcc[m] = e.energy(m);
            gaussAcc[m] = gauss(m);
            lossAcc[m] = e.lastLoss(m);
        }
        k.copy(e.gw(), 0, gwAcc, 0, members * nd);
        k.copy(e.ga(), 0, gaAcc, 0, members * kn);
        primed = true;
    }

    @Override
    public void step(Engine<A> engine) {
        if (!primed) {
            prime();
        }
        // Tasks on the engine's threads: each chunk has its own noise stream (seeded from the
        // network's keys) and each decision touches only its own network's blocks, counters and
        // stream, so the numbers do not depend on the thread count.
        for (int m = 0; m < members; m++) {
            if (e.trainW) {
                keyW[m] = e.noise(m).nextLong();
            }
            if (e.trainA) {
                keyA[m] = e.noise(m).nextLong();
            }
        }
        e.workers().run(chunks.tasks(), proposeTask);
        try {
            e.evaluate();
            evaluated = true;
        } catch (DivergenceException ex) {
            evaluated = false; // a proposal went non-finite: reject this step's proposals
        }
        e.workers().run(members, decideTask);
    }

    /** Saves chunk t of a network's state and replaces it by a Langevin proposal from the cached gradient. */
    private void propose(int t, int worker) {
        int m = chunks.member(t);
        boolean w = chunks.isW(t);
        int off = chunks.offset(t);
        int len = chunks.length(t);
        A theta = w ? e.w() : e.a();
        A noise = w ? noiseW : noiseA;
        k.copy(theta, off, w ? wOld : aOld, off, len);
        RandomStream s = chunkStream[worker];
        s.reseed(LangevinRule.chunkSeed(w ? keyW[m] : keyA[m], chunks.chunk(t)));
        k.gaussian(s, noise, off, len);
        double c = adapters[m].scale();
        double keep = 1 - e.priorInverseTemperature(m) * c; // θ(1 − η β'/var) with η = c·var
        double eta = c * (w ? varW : varA);
        k.langevin(theta, w ? gwAcc : gaAcc, noise, off, len, keep, e.inverseTemperature(m) * eta,
                Math.sqrt(2 * eta));
    }

    /** Accepts network m's proposal (keeps its gradient and energies) or puts its saved state back. */
    private void decide(int m, int worker) {
        double c = adapters[m].scale();
        double bt = e.inverseTemperature(m);
        double bp = e.priorInverseTemperature(m);
        double logAlpha = Double.NaN;
        double energyNew = Double.NaN;
        double gaussNew = Double.NaN;
        if (evaluated) {
            energyNew = e.energy(m);
            gaussNew = gauss(m);
            double r = 0;
            if (e.trainW) {
                r += k.malaLogRatio(wOld, e.w(), gwAcc, e.gw(), m * nd, nd, bt, bp / varW, c * varW);
            }
            if (e.trainA) {
                r += k.malaLogRatio(aOld, e.a(), gaAcc, e.ga(), m * kn, kn, bt, bp / varA, c * varA);
            }
            double tempered = (energyNew - gaussNew) - (energyAcc[m] - gaussAcc[m]);
            logAlpha = -bt * tempered - bp * (gaussNew - gaussAcc[m]) + r;
            if (!Double.isFinite(energyNew)) {
                logAlpha = Double.NaN;
            }
        }
        boolean sampling = !adapters[m].adapting();
        adapters[m].observe(MalaCorrection.probability(logAlpha));
        boolean accept = MalaCorrection.accept(logAlpha, e.noise(m).nextDouble());
        int counter = sampling ? m : members + m;
        attempts[counter]++;
        if (accept) {
            accepted[counter]++;
            k.copy(e.gw(), m * nd, gwAcc, m * nd, nd);
            k.copy(e.ga(), m * kn, gaAcc, m * kn, kn);
            energyAcc[m] = energyNew;
            gaussAcc[m] = gaussNew;
            lossAcc[m] = e.lastLoss(m);
        } else {
            if (e.trainW) { // a frozen layer did not move (and has no saved copy)
                k.copy(wOld, m * nd, e.w(), m * nd, nd);
            }
            if (e.trainA) {
                k.copy(aOld, m * kn, e.a(), m * kn, kn);
            }
            e.lastLoss[m] = lossAcc[m];
        }
    }

    @Override
    public long checkpointKind() {
        return 3;
    }

    @Override
    public void parametersChanged() {
        primed = false; // the next step (or energy query) evaluates the new state
    }

    // ---- MalaChains ----

    @Override
    public double acceptance(int member) {
        if (attempts[member] > 0) {
            return (double) accepted[member] / attempts[member];
        }
        int a = members + member;
        return attempts[a] == 0 ? 0.0 : (double) accepted[a] / attempts[a];
    }

    @Override
    public long attempts(int member) {
        return attempts[member];
    }

    @Override
    public double stepScale(int member) {
        return adapters[member].scale();
    }

    @Override
    public boolean adapting(int member) {
        return adapters[member].adapting();
    }

    @Override
    public double energy(int member) {
        ensurePrimed();
        return energyAcc[member];
    }

    @Override
    public double gaussianPriorEnergy(int member) {
        ensurePrimed();
        return gaussAcc[member];
    }

    private void ensurePrimed() {
        if (!primed) {
            prime();
        }
    }

    @Override
    public void setInverseTemperature(int member, double tempered, double gaussianPrior) {
        if (!(tempered > 0 && gaussianPrior > 0)) {
            throw new IllegalArgumentException("inverse temperatures must be positive: " + tempered + ", " + gaussianPrior);
        }
        e.setInverseTemperatures(member, tempered, gaussianPrior);
    }

    @Override
    public double inverseTemperature(int member) {
        return e.inverseTemperature(member);
    }

    @Override
    public void exchange(int i, int j) {
        if (i == j) {
            return;
        }
        ensurePrimed();
        swapBlocks(e.w(), gwAcc, nd, swapW, i, j);
        swapBlocks(e.a(), gaAcc, kn, swapA, i, j);
        swap(energyAcc, i, j);
        swap(gaussAcc, i, j);
        swap(lossAcc, i, j);
        swap(e.lastLoss, i, j);
    }

    /** Exchanges blocks i and j of both arrays (parameters and their cached gradient). */
    private void swapBlocks(A theta, A grad, int len, A tmp, int i, int j) {
        for (A x : java.util.List.of(theta, grad)) {
            k.copy(x, i * len, tmp, 0, len);
            k.copy(x, j * len, x, i * len, len);
            k.copy(tmp, 0, x, j * len, len);
        }
    }

    private static void swap(double[] x, int i, int j) {
        double t = x[i];
        x[i] = x[j];
        x[j] = t;
    }

    // ---- checkpoint ----

    @Override
    public void save(Engine<A> engine, Map<String, double[]> doubles, Map<String, float[]> floats, Map<String, long[]> longs) {
        ensurePrimed();
        k.save(doubles, floats, "mala.gw", gwAcc);
        k.save(doubles, floats, "mala.ga", gaAcc);
        doubles.put("mala.energy", energyAcc.clone());
        doubles.put("mala.gauss", gaussAcc.clone());
        doubles.put("mala.loss", lossAcc.clone());
        long[] s = new long[6 * members];
        for (int m = 0; m < members; m++) {
            long[] ad = adapters[m].state();
            s[6 * m] = ad[0];
            s[6 * m + 1] = ad[1];
            s[6 * m + 2] = attempts[m];
            s[6 * m + 3] = accepted[m];
            s[6 * m + 4] = attempts[members + m];
            s[6 * m + 5] = accepted[members + m];
        }
        longs.put("mala.chains", s);
    }

    @Override
    public void restore(Engine<A> engine, TrainerState state) {
        k.restore(state, "mala.gw", gwAcc);
        k.restore(state, "mala.ga", gaAcc);
        copy(state, "mala.energy", energyAcc);
        copy(state, "mala.gauss", gaussAcc);
        copy(state, "mala.loss", lossAcc);
        long[] s = state.longs().get("mala.chains");
        if (s == null || s.length != 6 * members) {
            throw GrokphaseException.invalid("checkpoint", "mala.chains", "missing or of the wrong length for this MALA run");
        }
        for (int m = 0; m < members; m++) {
            adapters[m].setState(new long[] {s[6 * m], s[6 * m + 1]});
            attempts[m] = s[6 * m + 2];
            accepted[m] = s[6 * m + 3];
            attempts[members + m] = s[6 * m + 4];
            accepted[members + m] = s[6 * m + 5];
        }
        primed = true;
    }

    private static void copy(TrainerState s, String name, double[] dst) {
        double[] src = s.doubles().get(name);
        if (src == null || src.length != dst.length) {
            throw GrokphaseException.invalid("checkpoint", name, "missing or of the wrong length for this MALA run");
        }
        System.arraycopy(src, 0, dst, 0, dst.length);
    }
}
