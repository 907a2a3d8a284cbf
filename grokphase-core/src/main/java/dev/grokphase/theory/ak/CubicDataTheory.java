package dev.grokphase.theory.ak;

import dev.grokphase.experiment.CubicMetrics;
import dev.grokphase.net.Activation;
import dev.grokphase.observe.CubicProjections;
import dev.grokphase.random.SeedTree;
import dev.grokphase.task.CubicTeacherTask;
import dev.grokphase.task.Dataset;
import dev.grokphase.theory.cubic.CubicParams;
import dev.grokphase.theory.cubic.CubicSolution;
import dev.grokphase.theory.cubic.FiniteDSolver;

import java.util.ArrayList;
import java.util.List;

/**
 * The data-aware theory of model 1 (the erf network on the cubic teacher, paper-notes §4.1) on the
 * very datasets {@code train cubic --datasets D --seed S} draws: dataset j is
 * {@code CubicTeacherTask.generate(SeedTree.root(S).child("dataset", j))}, the trainer's own
 * generation (EngineNetworks), so theory and Langevin ensemble are paired dataset by dataset.
 *
 * <p>Observables are those of the trainer (§6.1, {@link CubicProjections}) applied to the theory's
 * mean predictor on the same test inputs: learned linear = (1/n_test) Σ f̄ H₁(w*·x), learned cubic
 * fraction = (1/n_test) Σ f̄ H₃(w*·x) / (6ε). The droplet fraction is the weight of single-neuron
 * samples beyond the barrier of the overlap q = w·w* ({@link Droplets}).
 */
public final class CubicDataTheory {

    /**
     * One point.
     *
     * @param n       training points
     * @param nTest   test points for the projections (the trainer's default is 3000)
     * @param width   N
     * @param d       input dimension
     * @param sigma2  σ²
     * @param sigmaW2 σ_w² (prior variance σ_w²/d)
     * @param sigmaA2 σ_a²
     * @param eps     ε
     */
    public record Point(int n, int nTest, double width, int d, double sigma2, double sigmaW2, double sigmaA2, double eps) {
    }

    /**
     * The observables of one dataset, or their average over datasets (errors combined in quadrature / D).
     *
     * @param learnedLinear    mean over the test points of f̄ H₁(w*·x) (the trainer's test linear projection)
     * @param learnedCubic     mean over the test points of f̄ H₃(w*·x)/(6ε)
     * @param dropletFraction  sample weight beyond the dip of the density of |w·w*| ({@link Droplets#split}); 0 without a side well
     * @param qStar            the side well's peak |w·w*| (NaN without one; no error bar)
     * @param linearPopulation E_x[f̄ H₁(w*·x)] over x ~ N(0, I): the continuum solvers' 1 − b ({@link PopulationProjections})
     * @param cubicPopulation  E_x[f̄ H₃(w*·x)]/(6ε): the continuum solvers' (ε − c)/ε
     * @param aboveThreshold   sample weight with |w·w*| > {@link #DROPLET_THRESHOLD}: the trainer's dropletFraction
     */
    public record Observed(AkSolution.Estimate learnedLinear, AkSolution.Estimate learnedCubic,
                           AkSolution.Estimate dropletFraction, AkSolution.Estimate qStar,
                           AkSolution.Estimate linearPopulation, AkSolution.Estimate cubicPopulation,
                           AkSolution.Estimate aboveThreshold) {

        private AkSolution.Estimate[] all() {
            return new AkSolution.Estimate[] {learnedLinear, learnedCubic, dropletFraction, qStar,
                    linearPopulation, cubicPopulation, aboveThreshold};
        }

        private static Observed of(AkSolution.Estimate[] e) {
            return new Observed(e[0], e[1], e[2], e[3], e[4], e[5], e[6]);
        }
    }

    /** Result over the datasets: the average ({@link #mean}), each dataset's observables, and the solutions. */
    public record Result(Observed mean, List<Observed> perDataset, String phase,
                         boolean converged, double seconds, List<AkSolution> solutions, List<Dataset> datasets) {

        public AkSolution.Estimate learnedLinear() {
            return mean.learnedLinear();
        }

        public AkSolution.Estimate learnedCubic() {
            return mean.learnedCubic();
        }

        public AkSolution.Estimate dropletFraction() {
            return mean.dropletFraction();
        }

        public AkSolution.Estimate qStar() {
            return mean.qStar();
        }
    }

    /**
     * |w·w*| above which a neuron counts as a droplet in the trainer's {@code dropletFraction}
     * (its {@code --droplet-threshold} default), for {@link Observed#aboveThreshold}.
     */
    public static final double DROPLET_THRESHOLD = CubicMetrics.DEFAULT_DROPLET_THRESHOLD;

    private CubicDataTheory() {
    }

    /** The datasets {@code train cubic --datasets D --seed seed} trains on. */
    public static List<Dataset> datasets(Point pt, long seed, int count) {
        CubicTeacherTask task = new CubicTeacherTask(pt.d(), pt.n(), pt.nTest(), pt.eps());
        SeedTree root = SeedTree.root(seed);
        List<Dataset> out = new ArrayList<>();
        for (int j = 0; j < count; j++) {
            out.add(task.generate(root.child("dataset", j)));
        }
        return out;
    }

    public static AkProblem problem(Point pt, Dataset data) {
        return AkProblem.of(data, Activation.ERF, pt.sigmaW2() / pt.d(), pt.sigmaA2(), pt.width(), pt.sigma2());
    }

    /** Solves the point on each dataset (sampler seed = seed tree "theory" of the dataset) and averages. */
    public static Result solve(Point pt, long seed, int count, AkSettings settings) {
        List<Dataset> data = datasets(pt, seed, count);
        List<AkSolution> sols = new ArrayList<>();
        List<Observed> per = new ArrayList<>();
        int kinds = 7;
        double[][] vals = new double[kinds][count];
        double[][] errs = new double[kinds][count];
        boolean conv = true;
        double secs = 0;
        double kappaN = pt.n() * pt.sigmaA2() / pt.sigma2();
        for (int j = 0; j < count; j++) {
            Dataset ds = data.get(j);
            long samplerSeed = SeedTree.root(seed).child("dataset", j).child("theory").seed();
            AkSolution sol = new DataAwareSolver(problem(pt, ds), settings.withSampler(settings.sampler().withSeed(samplerSeed)))
                    .solve(continuumStart(pt, ds));
            sols.add(sol);
            conv &= sol.converged();
            secs += sol.seconds();
            Observed o = observe(sol, ds, pt.eps());
            per.add(o);
            AkSolution.Estimate[] e = o.all();
            for (int q = 0; q < kinds; q++) {
                vals[q][j] = e[q].value();
                errs[q][j] = e[q].error();
            }
        }
        AkSolution.Estimate[] avg = new AkSolution.Estimate[kinds];
        for (int q = 0; q < kinds; q++) {
            double v = 0;
            double e2 = 0;
            int cnt = 0;
            for (int j = 0; j < count; j++) {
                if (!Double.isNaN(vals[q][j])) {
                    v += vals[q][j];
                    e2 += errs[q][j] * errs[q][j];
                    cnt++;
                }
            }
            avg[q] = cnt == 0 ? new AkSolution.Estimate(Double.NaN, Double.NaN)
                    : new AkSolution.Estimate(v / cnt, Math.sqrt(e2) / cnt);
        }
        Observed mean = Observed.of(avg);
        String phase = Droplets.phase(mean.dropletFraction().value(), kappaN);
        return new Result(mean, List.copyOf(per), phase, conv, secs, sols, data);
    }

    /**
     * −log p(q) of the overlap q = w·w* of the sampled single neurons, pooled over the datasets of a
     * result: a weighted histogram with {@code bins} bins on [−qMax, qMax] (qMax = the largest |q|
     * sampled, at least 1.6), normalised as a density on the line; empty bins give +∞ (JSON null).
     * Returns {centres, −log density}.
     */
    public static double[][] overlapDistribution(Result r, int bins) {
        double qMax = 1.6;
        List<double[]> qs = new ArrayList<>();
        for (int j = 0; j < r.solutions().size(); j++) {
            AkSolution s = r.solutions().get(j);
            double[] wStar = r.datasets().get(j).teacherDirection();
            int d = wStar.length;
            double[] q = new double[s.sampleCount()];
            for (int i = 0; i < q.length; i++) {
                double acc = 0;
                for (int k = 0; k < d; k++) {
                    acc += s.sampleWeights()[i * d + k] * wStar[k];
                }
                q[i] = acc;
                qMax = Math.max(qMax, Math.abs(acc));
            }
            qs.add(q);
        }
        double width = 2 * qMax / bins;
        double[] h = new double[bins];
        double total = 0;
        for (int j = 0; j < qs.size(); j++) {
            double[] w = r.solutions().get(j).weights()[0];
            double[] q = qs.get(j);
            for (int i = 0; i < q.length; i++) {
                int b = Math.min(bins - 1, (int) ((q[i] + qMax) / width));
                h[b] += w[i];
                total += w[i];
            }
        }
        double[] centre = new double[bins];
        double[] minusLogP = new double[bins];
        for (int b = 0; b < bins; b++) {
            centre[b] = -qMax + (b + 0.5) * width;
            minusLogP[b] = h[b] > 0 ? -Math.log(h[b] / total / width) : Double.POSITIVE_INFINITY;
        }
        return new double[][] {centre, minusLogP};
    }

    /**
     * Starting discrepancy from the finite-d (continuum) solver at the same point: there
     * y − f̄ = b H₁(w*·x) + c H₃(w*·x) (notes §4.3), so t̄ = (b H₁ + c H₃)/σ² on the training inputs.
     * Only a start: it puts the first pass near the fixed point; the answer does not depend on it.
     */
    public static double[] continuumStart(Point pt, Dataset ds) {
        CubicSolution s = new FiniteDSolver().solve(new CubicParams(pt.n(), pt.width(), pt.d(), pt.sigma2(), pt.sigmaA2(),
                pt.sigmaW2(), pt.eps())).selected();
        double[] wStar = ds.teacherDirection();
        int d = pt.d();
        double[] t = new double[ds.nTrain()];
        for (int mu = 0; mu < t.length; mu++) {
            double z = 0;
            for (int j = 0; j < d; j++) {
                z += ds.xTrain()[mu * d + j] * wStar[j];
            }
            t[mu] = (s.b() * z + s.c() * (z * z * z - 3 * z)) / pt.sigma2();
        }
        return t;
    }

    /** The observables of one dataset's solution ({@link Observed}). */
    static Observed observe(AkSolution sol, Dataset ds, double eps) {
        double[] wStar = ds.teacherDirection();
        double[] xt = ds.xTest();
        int nt = ds.nTest();
        AkSolution.Estimate lin = sol.estimate((ftr, fte, w) -> CubicProjections.of(fte, xt, nt, wStar).linear());
        AkSolution.Estimate cub = sol.estimate((ftr, fte, w) -> CubicProjections.of(fte, xt, nt, wStar).cubic() / eps);
        double[] q = Droplets.overlaps(sol.sampleWeights(), sol.sampleCount(), wStar);
        Droplets.Split split = Droplets.split(q, sol.weights()[0]);
        AkSolution.Estimate frac = sol.estimate((ftr, fte, w) -> split == null ? 0 : Droplets.massAbove(q, w, split.cut()));
        AkSolution.Estimate qs = new AkSolution.Estimate(split == null ? Double.NaN : split.peak(), Double.NaN);
        PopulationProjections.PerVariant pop = PopulationProjections.of(sol, wStar);
        double[] cubPop = pop.cubic().clone();
        for (int r = 0; r < cubPop.length; r++) {
            cubPop[r] /= 6 * eps;
        }
        AkSolution.Estimate above = sol.estimate((ftr, fte, w) -> Droplets.massAbove(q, w, DROPLET_THRESHOLD));
        return new Observed(lin, cub, frac, qs, sol.estimate(pop.linear()), sol.estimate(cubPop), above);
    }
}
