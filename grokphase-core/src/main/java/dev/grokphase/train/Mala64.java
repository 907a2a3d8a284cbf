package dev.grokphase.train;

import dev.grokphase.error.GrokphaseException;
import dev.grokphase.random.RandomStream;
import dev.grokphase.sampling.MalaCorrection;
import dev.grokphase.sampling.StepAdapter;

import java.util.Arrays;
import java.util.Map;

/**
 * The MALA update of the float64 engine for every stacked network at once: propose all members
 * with the preconditioned Langevin step from their cached gradients, evaluate the data term once
 * for the whole stack (the trainer's forward and backward pass), then accept or reject each member
 * with {@link MalaCorrection}. The gradient and energies at each member's accepted state are kept,
 * so a step costs one evaluation, as plain Langevin does.
 *
 * <p>Draws per member and step, from its noise stream: the w noise, the a noise (as in Langevin),
 * then one uniform for the accept decision.
 */
final class Mala64 implements MalaChains {

    /** Evaluates the data term at the current parameters: fills gw, ga (∂L/∂θ) and lastLoss. */
    interface Evaluator {
        void evaluate();
    }

    /** Adds ∂Γ/∂w of rows [first, first + count) of w into grad and returns Γ of those rows. */
    interface Sextic {
        double addGradient(double[] w, double[] grad, int firstRow, int count);
    }

    private final int members;
    private final int nd;
    private final int kn;
    private final double varW;
    private final double varA;
    private final boolean trainW;
    private final boolean trainA;
    /** L = lastLoss · lossToEnergy (full batch: n/σ²). */
    private final double lossToEnergy;
    private final double[] w;
    private final double[] a;
    private final double[] gw;
    private final double[] ga;
    private final double[] lastLoss;
    private final RandomStream[] noise;
    private final Evaluator evaluator;
    private final Sextic sextic;
    private final int width;

    // state at the accepted point of each member
    private final double[] gwAcc;
    private final double[] gaAcc;
    private final double[] gGammaAcc;
    private final double[] dataEnergy;
    private final double[] priorEnergy;
    private final double[] lossAcc;
    private final StepAdapter[] adapters;
    /** Proposals and acceptances after adaptation ended ([m]) and during adaptation ([members + m]). */
    private final long[] attempts;
    private final long[] accepted;
    private final double[] betaData;
    private final double[] betaPrior;
    private boolean primed;

    // scratch
    private final double[] wOld;
    private final double[] aOld;
    private final double[] gGammaNew;
    private final double[] noiseW;
    private final double[] noiseA;
    private final double[] ratio;

    Mala64(MalaConfig cfg, int members, int width, int dim, int outputs, double varW, double varA, boolean trainW,
           boolean trainA, double lossToEnergy, double[] w, double[] a, double[] gw, double[] ga, double[] lastLoss,
           RandomStream[] noise, Evaluator evaluator, Sextic sextic) {
        this.members = members;
        this.width = width;
        this.nd = width * dim;
        this.kn = outputs * width;
        this.varW = varW;
        this.varA = varA;
        this.trainW = trainW;
        this.trainA = trainA;
        this.lossToEnergy = lossToEnergy;
        this.w = w;
        this.a = a;
        this.gw = gw;
        this.ga = ga;
        this.lastLoss = lastLoss;
        this.noise = noise;
        this.evaluator = evaluator;
        this.sextic = sextic;
        this.gwAcc = new double[w.length];
        this.gaAcc = new double[a.length];
        this.gGammaAcc = sextic != null ? new double[w.length] : null;
        this.gGammaNew = sextic != null ? new double[w.length] : null;
        this.dataEnergy = new double[members];
        this.priorEnergy = new double[members];
        this.lossAcc = new double[members];
        this.adapters = new StepAdapter[members];
        for (int m = 0; m < members; m++) {
            adapters[m] = new StepAdapter(cfg.stepScale(), cfg.targetAcceptance(), cfg.adaptSteps());
        }
        this.attempts = new long[2 * members];
        this.accepted = new long[2 * members];
        this.betaData = new double[members];
        this.betaPrior = new double[members];
        Arrays.fill(betaData, 1.0);
        Arrays.fill(betaPrior, 1.0);
        this.wOld = new double[w.length];
        this.aOld = new double[a.length];
        this.noiseW = new double[w.length];
        this.noiseA = new double[a.length];
        this.ratio = new double[members];
    }

    /** Evaluates the starting point once (the first step, or a state saved before any step). */
    private void prime() {
        evaluator.evaluate();
        if (sextic != null) {
            Arrays.fill(gGammaAcc, 0.0);
        }
        for (int m = 0; m < members; m++) {
            double gamma = sextic != null && trainW ? sextic.addGradient(w, gGammaAcc, m * width, width) : 0;
            dataEnergy[m] = lastLoss[m] * lossToEnergy;
            priorEnergy[m] = prior(m) + gamma;
            lossAcc[m] = lastLoss[m];
        }
        System.arraycopy(gw, 0, gwAcc, 0, gw.length);
        System.arraycopy(ga, 0, gaAcc, 0, ga.length);
        primed = true;
    }

    private double prior(int m) {
        double sw = 0;
        for (int j = m * nd, end = j + nd; j < end; j++) {
            sw += w[j] * w[j];
        }
        double sa = 0;
        for (int j = m * kn, end = j + kn; j < end; j++) {
            sa += a[j] * a[j];
        }
        return sw / (2 * varW) + sa / (2 * varA);
    }

    void step() {
        if (!primed) {
            prime();
        }
        System.arraycopy(w, 0, wOld, 0, w.length);
        System.arraycopy(a, 0, aOld, 0, a.length);
        for (int m = 0; m < members; m++) {
            double c = adapters[m].scale();
            if (trainW) {
                noise[m].fillGaussian(noiseW, m * nd, nd, 1.0);
            }
            if (trainA) {
                noise[m].fillGaussian(noiseA, m * kn, kn, 1.0);
            }
            if (trainW) {
                propose(w, gwAcc, gGammaAcc, noiseW, m * nd, nd, c * varW, varW, m);
            }
            if (trainA) {
                propose(a, gaAcc, null, noiseA, m * kn, kn, c * varA, varA, m);
            }
        }
        evaluator.evaluate();
        if (sextic != null) {
            Arrays.fill(gGammaNew, 0.0);
        }
        for (int m = 0; m < members; m++) {
            double c = adapters[m].scale();
            double gammaNew = sextic != null && trainW ? sextic.addGradient(w, gGammaNew, m * width, width) : 0;
            double dataNew = lastLoss[m] * lossToEnergy;
            double priorNew = prior(m) + gammaNew;
            double r = 0;
            if (trainW) {
                r += logRatio(wOld, w, gwAcc, gw, gGammaAcc, gGammaNew, m * nd, nd, c * varW, varW, m);
            }
            if (trainA) {
                r += logRatio(aOld, a, gaAcc, ga, null, null, m * kn, kn, c * varA, varA, m);
            }
            double logAlpha = -betaData[m] * (dataNew - dataEnergy[m]) - betaPrior[m] * (priorNew - priorEnergy[m]) + r;
            if (!Double.isFinite(dataNew) || !Double.isFinite(priorNew)) {
                logAlpha = Double.NaN; // never accept a non-finite proposal
            }
            ratio[m] = logAlpha;
            boolean sampling = !adapters[m].adapting();
            adapters[m].observe(MalaCorrection.probability(logAlpha));
            boolean accept = MalaCorrection.accept(logAlpha, noise[m].nextDouble());
            int counter = sampling ? m : members + m;
            attempts[counter]++;
            if (accept) {
                accepted[counter]++;
                System.arraycopy(gw, m * nd, gwAcc, m * nd, nd);
                System.arraycopy(ga, m * kn, gaAcc, m * kn, kn);
                if (sextic != null) {
                    System.arraycopy(gGammaNew, m * nd, gGammaAcc, m * nd, nd);
                }
                dataEnergy[m] = dataNew;
                priorEnergy[m] = priorNew;
                lossAcc[m] = lastLoss[m];
            } else {
                System.arraycopy(wOld, m * nd, w, m * nd, nd);
                System.arraycopy(aOld, m * kn, a, m * kn, kn);
                lastLoss[m] = lossAcc[m];
            }
        }
    }

    /** θ ← θ − η·g_β(θ) + √(2η)ξ on one group of member m, g_β = β_d·g_data + β_p·(θ/var + g_Γ). */
    private void propose(double[] theta, double[] gData, double[] gGamma, double[] xi, int off, int len, double eta,
                         double var, int m) {
        double bd = betaData[m];
        double bp = betaPrior[m];
        double sd = Math.sqrt(2 * eta);
        for (int j = off, end = off + len; j < end; j++) {
            double g = bd * gData[j] + bp * (theta[j] / var + (gGamma != null ? gGamma[j] : 0));
            theta[j] = theta[j] - eta * g + sd * xi[j];
        }
    }

    /**
     * δ·(g + g')/2 − η(|g'|² − |g|²)/4 for one group (the bracket of {@link MalaCorrection}), with the
     * tempered gradients g_β formed on the fly from the data and prior parts.
     */
    private double logRatio(double[] old, double[] prop, double[] gDataOld, double[] gDataNew, double[] gGammaOld,
                            double[] gGammaNew, int off, int len, double eta, double var, int m) {
        double bd = betaData[m];
        double bp = betaPrior[m];
        double cross = 0;
        double norms = 0;
        for (int j = off, end = off + len; j < end; j++) {
            double g = bd * gDataOld[j] + bp * (old[j] / var + (gGammaOld != null ? gGammaOld[j] : 0));
            double gp = bd * gDataNew[j] + bp * (prop[j] / var + (gGammaNew != null ? gGammaNew[j] : 0));
            cross += (prop[j] - old[j]) * (g + gp);
            norms += gp * gp - g * g;
        }
        return cross / 2 - eta * norms / 4;
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
    public double dataEnergy(int member) {
        ensurePrimed();
        return dataEnergy[member];
    }

    @Override
    public double priorEnergy(int member) {
        ensurePrimed();
        return priorEnergy[member];
    }

    private void ensurePrimed() {
        if (!primed) {
            prime();
        }
    }

    @Override
    public void setInverseTemperature(int member, double data, double prior) {
        if (!(data > 0 && prior > 0)) {
            throw new IllegalArgumentException("inverse temperatures must be positive: " + data + ", " + prior);
        }
        betaData[member] = data;
        betaPrior[member] = prior;
    }

    @Override
    public void exchange(int i, int j) {
        if (i == j) {
            return;
        }
        ensurePrimed();
        swapBlocks(w, i * nd, j * nd, nd);
        swapBlocks(gwAcc, i * nd, j * nd, nd);
        if (gGammaAcc != null) {
            swapBlocks(gGammaAcc, i * nd, j * nd, nd);
        }
        swapBlocks(a, i * kn, j * kn, kn);
        swapBlocks(gaAcc, i * kn, j * kn, kn);
        swap(dataEnergy, i, j);
        swap(priorEnergy, i, j);
        swap(lossAcc, i, j);
        swap(lastLoss, i, j);
    }

    private static void swapBlocks(double[] x, int i, int j, int len) {
        for (int k = 0; k < len; k++) {
            double t = x[i + k];
            x[i + k] = x[j + k];
            x[j + k] = t;
        }
    }

    private static void swap(double[] x, int i, int j) {
        double t = x[i];
        x[i] = x[j];
        x[j] = t;
    }

    // ---- checkpoint ----

    void save(Map<String, double[]> doubles, Map<String, long[]> longs) {
        ensurePrimed();
        doubles.put("mala.gw", gwAcc.clone());
        doubles.put("mala.ga", gaAcc.clone());
        if (gGammaAcc != null) {
            doubles.put("mala.gGamma", gGammaAcc.clone());
        }
        doubles.put("mala.dataEnergy", dataEnergy.clone());
        doubles.put("mala.priorEnergy", priorEnergy.clone());
        doubles.put("mala.loss", lossAcc.clone());
        doubles.put("mala.betaData", betaData.clone());
        doubles.put("mala.betaPrior", betaPrior.clone());
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

    void restore(TrainerState state) {
        copy(state, "mala.gw", gwAcc);
        copy(state, "mala.ga", gaAcc);
        if (gGammaAcc != null) {
            copy(state, "mala.gGamma", gGammaAcc);
        }
        copy(state, "mala.dataEnergy", dataEnergy);
        copy(state, "mala.priorEnergy", priorEnergy);
        copy(state, "mala.loss", lossAcc);
        copy(state, "mala.betaData", betaData);
        copy(state, "mala.betaPrior", betaPrior);
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
