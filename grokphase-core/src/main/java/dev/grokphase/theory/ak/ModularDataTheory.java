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
 * &lt; 1) the same on the test set. Per neuron and frequency k = 1..(P−1)/2 of its two input halves
 * (w_k = (1/P) Σ_n w_n e^{−2πikn/P}, so ⟨|w_k|²⟩ = 1/P under the prior): the mode product
 * P²⟨|w_k|²|v_k|²⟩ (= λ/(4σ_a²) on the full table, 1 under the prior; the networks' {@code modeProduct}
 * times P²) and, with the sextic Γ (γ &gt; 0), the droplet fraction P(|w_k||v_k| ≥ 1/√γ), the cut of
 * {@code --limit integral} and of the networks' {@code dropletFraction}. Without Γ the droplet
 * fraction is the weight beyond the dip of the sampled density of max_k |w_k||v_k| ({@link Droplets#split}).
 *
 * <p>On the full table with centred targets the single-neuron action separates into independent
 * mode pairs (the tilt is 4P³(σ_a²/2N)(a/σ²)² Σ_k |w_k|²|v_k|², the prior and Γ are sums over modes),
 * so this theory is then the per-mode integral of {@code --limit integral} in the exact normalisation,
 * computed by sampling 2P-dimensional neurons instead of by quadrature; the kernel is averaged over
 * the table's symmetries ({@link AdditionTableSymmetry}).
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
                         AkSolution.Estimate dropletFraction, AkSolution.Estimate modeProduct, String phase,
                         boolean converged, double seconds, List<AkSolution> solutions, List<Dataset> datasets) {
    }

    /** Fixed points of the previous sweep point, one per dataset, to start the next one from (warm start). */
    public static final class Continuation {
        private final List<double[]> tbars = new ArrayList<>();
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
        return solve(pt, seed, count, settings, null);
    }

    /**
     * As {@link #solve(Point, long, int, AkSettings)}, starting every dataset's fixed point from the
     * previous call's (same datasets, a neighbouring σ²) when {@code from} holds one, and storing
     * this call's there. In the droplet phase the first sampling passes from the NNGP start are the
     * expensive part; a sweep stepped from large σ² down needs one or two passes per point.
     */
    public static Result solve(Point pt, long seed, int count, AkSettings settings, Continuation from) {
        List<Dataset> data = datasets(pt, seed, count);
        List<AkSolution> sols = new ArrayList<>();
        int obs = 5;
        double[][] vals = new double[obs][count];
        double[][] errs = new double[obs][count];
        boolean conv = true;
        double secs = 0;
        for (int j = 0; j < count; j++) {
            Dataset ds = data.get(j);
            long samplerSeed = SeedTree.root(seed).child("dataset", j).child("theory").seed();
            double[] start = from != null && from.tbars.size() == count
                    && from.tbars.get(j).length == ds.nTrain() * ds.outputDim() ? from.tbars.get(j) : null;
            AkSolution sol = new DataAwareSolver(problem(pt, ds), settings.withSampler(settings.sampler().withSeed(samplerSeed)),
                    AdditionTableSymmetry.of(ds)).solve(start);
            sols.add(sol);
            conv &= sol.converged();
            secs += sol.seconds();
            AkSolution.Estimate[] e = observe(sol, ds, pt.gamma());
            for (int q = 0; q < obs; q++) {
                vals[q][j] = e[q].value();
                errs[q][j] = e[q].error();
            }
        }
        if (from != null) {
            from.tbars.clear();
            for (AkSolution sol : sols) {
                from.tbars.add(sol.tbar()[0]);
            }
        }
        AkSolution.Estimate[] avg = new AkSolution.Estimate[obs];
        for (int q = 0; q < obs; q++) {
            double v = 0;
            double e2 = 0;
            for (int j = 0; j < count; j++) {
                v += vals[q][j];
                e2 += errs[q][j] * errs[q][j];
            }
            avg[q] = new AkSolution.Estimate(v / count, Math.sqrt(e2) / count);
        }
        double f = avg[3].value();
        String phase;
        if (pt.gamma() > 0) { // the convention of --limit integral (IntegralSolver.phase)
            phase = f > 1 - 1e-3 ? "GMFL-II" : avg[4].value() >= 0.5 ? "GMFL-I" : "GFL";
        } else {
            phase = !(f > 0) ? "GFL" : f >= 0.5 ? "GMFL-II" : "GMFL-I";
        }
        return new Result(avg[0], new AkSolution.Estimate(1 - Math.abs(avg[0].value()), avg[0].error()), avg[2], avg[3],
                avg[1], phase, conv, secs, sols, data);
    }

    /**
     * a (train); P²⟨ΦΨ⟩ per mode; a (test, NaN without a test set); droplet fraction; the droplet
     * modes' share of ⟨ΦΨ⟩ (γ &gt; 0 only, else NaN).
     */
    static AkSolution.Estimate[] observe(AkSolution sol, Dataset ds, double gamma) {
        int p = ds.modulus();
        AkSolution.Estimate a = sol.estimate((ftr, fte, w) -> Discrepancy.a(ftr, ds.yTrain(), ds.nTrain(), p));
        AkSolution.Estimate testA = ds.nTest() == 0 ? new AkSolution.Estimate(Double.NaN, Double.NaN)
                : sol.estimate((ftr, fte, w) -> Discrepancy.a(fte, ds.yTest(), ds.nTest(), p));
        ModeStats st = modeStats(sol.sampleWeights(), sol.sampleCount(), p, gamma > 0 ? 1 / Math.sqrt(gamma) : Double.NaN);
        AkSolution.Estimate product = sol.estimate((ftr, fte, w) -> weighted(st.phiPsi, w) * p * p);
        AkSolution.Estimate frac;
        AkSolution.Estimate share;
        if (gamma > 0) {
            frac = sol.estimate((ftr, fte, w) -> weighted(st.dropMass, w));
            share = sol.estimate((ftr, fte, w) -> weighted(st.dropPhiPsi, w) / weighted(st.phiPsi, w));
        } else {
            Droplets.Split split = Droplets.split(st.maxProduct, sol.weights()[0]);
            frac = sol.estimate((ftr, fte, w) -> split == null ? 0 : Droplets.massAbove(st.maxProduct, w, split.cut()));
            share = new AkSolution.Estimate(Double.NaN, Double.NaN);
        }
        return new AkSolution.Estimate[] {a, product, testA, frac, share};
    }

    private static double weighted(double[] x, double[] w) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += w[i] * x[i];
        }
        return s;
    }

    /**
     * Per sample, over the modes k = 1..(P−1)/2: the mean of ΦΨ = |w_k|²|v_k|², the share of modes with
     * √(ΦΨ) ≥ cut, the droplet modes' contribution to that mean, and max_k √(ΦΨ).
     */
    record ModeStats(double[] phiPsi, double[] dropMass, double[] dropPhiPsi, double[] maxProduct) {
    }

    static ModeStats modeStats(double[] samples, int m, int p, double cut) {
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
        double[] phiPsi = new double[m];
        double[] dropMass = new double[m];
        double[] dropPhiPsi = new double[m];
        double[] maxProduct = new double[m];
        double p4 = Math.pow(p, 4);
        for (int s = 0; s < m; s++) {
            int o = s * 2 * p;
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
                double prod = (wr * wr + wi * wi) * (vr * vr + vi * vi) / p4;
                phiPsi[s] += prod / half;
                if (Math.sqrt(prod) >= cut) {
                    dropMass[s] += 1.0 / half;
                    dropPhiPsi[s] += prod / half;
                }
                maxProduct[s] = Math.max(maxProduct[s], Math.sqrt(prod));
            }
        }
        return new ModeStats(phiPsi, dropMass, dropPhiPsi, maxProduct);
    }

    /** max_k |w_k||v_k| over k = 1..(P−1)/2 for every sample (rows of length 2P: w then v). */
    public static double[] modeProducts(double[] samples, int m, int p) {
        return modeStats(samples, m, p, Double.NaN).maxProduct();
    }
}
