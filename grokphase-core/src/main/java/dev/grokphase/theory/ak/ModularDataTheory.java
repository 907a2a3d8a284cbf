package dev.grokphase.theory.ak;

import dev.grokphase.net.Activation;
import dev.grokphase.observe.Discrepancy;
import dev.grokphase.random.SeedTree;
import dev.grokphase.task.Dataset;
import dev.grokphase.task.ModularAdditionTask;
import dev.grokphase.task.Targets;

import java.util.ArrayList;
import java.util.List;

/**
 * The data-aware theory of model 2 (the quadratic network on modular addition, paper-notes §5.1):
 * φ(z) = z², two-hot inputs x_nm ∈ R^{2P}, P outputs, prior w ~ N(0, I) (notes §2.1, input
 * variance 1), readout σ_a²/N, on the training pairs {@code train modular} draws
 * ({@code ModularAdditionTask.generate(SeedTree.root(seed).child("dataset", j))}, the trainer's own
 * generation) — the full P² table by default.
 *
 * <p>Observables: the discrepancy a = ⟨y − f̄, ỹ⟩/|ỹ|² on the training pairs ({@link Discrepancy},
 * the trainer's definition), the learned fraction 1 − |a|, and on held-out pairs (train fraction
 * &lt; 1) the same on the test set. Droplets (notes §5.6, §5.9): for each sample, the largest
 * product |w_k||v_k| over the frequencies k = 1..(P−1)/2 of its two input halves
 * (w_k = (1/P) Σ_n w_n e^{−2πikn/P}, so ⟨|w_k|²⟩ = 1/P under the prior); a neuron is a droplet
 * when this lies beyond the dip of its sampled density ({@link Droplets#split}).
 */
public final class ModularDataTheory {

    /**
     * One point.
     *
     * @param prime         P
     * @param trainFraction share of the P² pairs trained on (1 = the full table)
     * @param targets       onehot or centred
     * @param width         N
     * @param sigmaA2       σ_a²
     * @param sigma2        σ²
     * @param gamma         γ of the sextic regulariser (notes §5.6), as train modular --gamma; 0 = off
     */
    public record Point(int prime, double trainFraction, Targets targets, double width, double sigmaA2, double sigma2,
                        double gamma) {
    }

    /** Averages over datasets (errors: quadrature sum / D). testA is NaN without held-out pairs. */
    public record Result(AkSolution.Estimate a, AkSolution.Estimate learned, AkSolution.Estimate testA,
                         AkSolution.Estimate dropletFraction, String phase, boolean converged, double seconds,
                         List<AkSolution> solutions, List<Dataset> datasets) {
    }

    private ModularDataTheory() {
    }

    public static List<Dataset> datasets(Point pt, long seed, int count) {
        ModularAdditionTask task = new ModularAdditionTask(pt.prime(), pt.trainFraction(), pt.targets(), 0.0);
        SeedTree root = SeedTree.root(seed);
        List<Dataset> out = new ArrayList<>();
        for (int j = 0; j < count; j++) {
            out.add(task.generate(root.child("dataset", j)));
        }
        return out;
    }

    public static AkProblem problem(Point pt, Dataset data) {
        return AkProblem.of(data, Activation.SQUARE, 1.0, pt.sigmaA2(), pt.width(), pt.sigma2()).withSexticGamma(pt.gamma());
    }

    public static Result solve(Point pt, long seed, int count, AkSettings settings) {
        List<Dataset> data = datasets(pt, seed, count);
        List<AkSolution> sols = new ArrayList<>();
        double[][] vals = new double[4][count];
        double[][] errs = new double[4][count];
        boolean conv = true;
        double secs = 0;
        for (int j = 0; j < count; j++) {
            Dataset ds = data.get(j);
            long samplerSeed = SeedTree.root(seed).child("dataset", j).child("theory").seed();
            AkSolution sol = new DataAwareSolver(problem(pt, ds), settings.withSampler(settings.sampler().withSeed(samplerSeed))).solve();
            sols.add(sol);
            conv &= sol.converged();
            secs += sol.seconds();
            AkSolution.Estimate[] e = observe(sol, ds);
            for (int q = 0; q < 4; q++) {
                vals[q][j] = e[q].value();
                errs[q][j] = e[q].error();
            }
        }
        AkSolution.Estimate[] avg = new AkSolution.Estimate[4];
        for (int q = 0; q < 4; q++) {
            double v = 0;
            double e2 = 0;
            for (int j = 0; j < count; j++) {
                v += vals[q][j];
                e2 += errs[q][j] * errs[q][j];
            }
            avg[q] = new AkSolution.Estimate(v / count, Math.sqrt(e2) / count);
        }
        double f = avg[3].value();
        String phase = !(f > 0) ? "GFL" : f >= 0.5 ? "GMFL-II" : "GMFL-I";
        return new Result(avg[0], new AkSolution.Estimate(1 - Math.abs(avg[0].value()), avg[0].error()), avg[2], avg[3],
                phase, conv, secs, sols, data);
    }

    /** a (train), unused slot, a (test, NaN without a test set), droplet fraction. */
    static AkSolution.Estimate[] observe(AkSolution sol, Dataset ds) {
        int p = ds.modulus();
        AkSolution.Estimate a = sol.estimate((ftr, fte, w) -> Discrepancy.a(ftr, ds.yTrain(), ds.nTrain(), p));
        AkSolution.Estimate testA = ds.nTest() == 0 ? new AkSolution.Estimate(Double.NaN, Double.NaN)
                : sol.estimate((ftr, fte, w) -> Discrepancy.a(fte, ds.yTest(), ds.nTest(), p));
        double[] stat = modeProducts(sol.sampleWeights(), sol.sampleCount(), p);
        Droplets.Split split = Droplets.split(stat, sol.weights()[0]);
        AkSolution.Estimate frac = sol.estimate((ftr, fte, w) -> split == null ? 0 : Droplets.massAbove(stat, w, split.cut()));
        return new AkSolution.Estimate[] {a, a, testA, frac};
    }

    /** max_k |w_k||v_k| over k = 1..(P−1)/2 for every sample (rows of length 2P: w then v). */
    public static double[] modeProducts(double[] samples, int m, int p) {
        double[] out = new double[m];
        int half = (p - 1) / 2;
        double[] cos = new double[p * p];
        double[] sin = new double[p * p];
        for (int k = 0; k < p; k++) {
            for (int j = 0; j < p; j++) {
                double ang = 2 * Math.PI * ((long) k * j % p) / p;
                cos[k * p + j] = Math.cos(ang);
                sin[k * p + j] = Math.sin(ang);
            }
        }
        for (int s = 0; s < m; s++) {
            int o = s * 2 * p;
            double best = 0;
            for (int k = 1; k <= half; k++) {
                double wr = 0;
                double wi = 0;
                double vr = 0;
                double vi = 0;
                for (int j = 0; j < p; j++) {
                    wr += samples[o + j] * cos[k * p + j];
                    wi += samples[o + j] * sin[k * p + j];
                    vr += samples[o + p + j] * cos[k * p + j];
                    vi += samples[o + p + j] * sin[k * p + j];
                }
                double prod = Math.sqrt((wr * wr + wi * wi) * (vr * vr + vi * vi)) / ((double) p * p);
                best = Math.max(best, prod);
            }
            out[s] = best;
        }
        return out;
    }
}
