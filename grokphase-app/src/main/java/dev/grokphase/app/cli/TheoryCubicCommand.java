package dev.grokphase.app.cli;

import dev.grokphase.app.output.OutputFormat;
import dev.grokphase.app.output.RowPrinter;
import dev.grokphase.error.GrokphaseException;
import dev.grokphase.param.MemoryBudget;
import dev.grokphase.param.Range;
import dev.grokphase.param.Require;
import dev.grokphase.theory.cubic.CubicParams;
import dev.grokphase.theory.cubic.CubicResult;
import dev.grokphase.theory.cubic.CubicSolution;
import dev.grokphase.theory.cubic.CubicTeacherGp;
import dev.grokphase.theory.cubic.FiniteDSolver;
import dev.grokphase.theory.cubic.SweepAxis;
import dev.grokphase.theory.cubic.ThermodynamicSolver;
import dev.grokphase.theory.cubic.Transition;
import dev.grokphase.theory.ak.CubicDataTheory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code grokphase theory cubic}: the adaptive-kernel theory of model 1 (erf network, cubic-Hermite
 * teacher) on one point or a sweep of σ², n or N; or the GFL → GMFL-I transition along that axis.
 * Defaults are the paper's Fig. 2 point (notes §6.1). Equations: docs/theory.md, "model 1".
 */
@Command(name = "cubic",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Adaptive-kernel theory of a two-layer erf network learning y = H1(w*.x) + eps*H3(w*.x) (model 1). "
                        + "Prints, per point: the invariants u, r; the discrepancies b, c; the side-well position qStar; "
                        + "the droplet weight; the phase (GFL, GMFL-I, GMFL-II); the learned linear 1-b and the learned "
                        + "cubic fraction (eps-c)/eps.",
                "One of --sigma2, --n, --N may be a range start:stop:step. Defaults: the paper's Fig. 2 point.", ""},
        footer = {"",
                "Examples:",
                "  grokphase theory cubic --sigma2 0.10:0.30:0.01",
                "  grokphase theory cubic --sigma2 0.10:0.30:0.01 --transition --format jsonl",
                "  grokphase theory cubic --sigma2 0.15 --limit finite --beta 8 --distribution --format jsonl",
                "  grokphase theory cubic --sigma2 0.05:0.30:0.05 --gp",
                "  grokphase theory cubic --limit data --n 375 --N 88 --d 53 --sigma-a2 0.0323 --sigma2 0.1:0.3:0.05 --datasets 4"})
public final class TheoryCubicCommand implements Runnable {

    /** σ² when --n or --N is swept and --sigma2 is not given. */
    static final String DEFAULT_SIGMA2_WITH_OTHER_RANGE = "0.2";

    /** Which theory to solve. */
    public enum Limit { thermodynamic, finite, data }

    @Spec
    CommandSpec spec;

    @Option(names = "--n", paramLabel = "N_SAMPLES", defaultValue = "3000",
            description = "Training-set size n, or a range a:b:step (default: ${DEFAULT-VALUE}).")
    String n;

    @Option(names = "--N", paramLabel = "WIDTH", defaultValue = "700",
            description = "Hidden width N, or a range a:b:step (default: ${DEFAULT-VALUE}).")
    String width;

    @Option(names = "--d", paramLabel = "DIM", defaultValue = "150",
            description = "Input dimension d (default: ${DEFAULT-VALUE}).")
    double d;

    @Option(names = "--sigma2", paramLabel = "SIGMA2", defaultValue = "0.10:0.30:0.01",
            description = "Noise sigma^2 (= Langevin temperature), or a range a:b:step (default: ${DEFAULT-VALUE}; 0.2 when --n or --N is the range).")
    String sigma2;

    @Option(names = "--sigma-a2", paramLabel = "SIGMA_A2", defaultValue = "0.0114285714",
            description = "Readout prior sigma_a^2; each readout weight has variance sigma_a^2/N (default: ${DEFAULT-VALUE} = 8/700).")
    double sigmaA2;

    @Option(names = "--sigma-w2", paramLabel = "SIGMA_W2", defaultValue = "0.5",
            description = "Input-weight prior sigma_w^2; each input weight has variance sigma_w^2/d (default: ${DEFAULT-VALUE}).")
    double sigmaW2;

    @Option(names = "--eps", paramLabel = "EPS", defaultValue = "-0.3",
            description = "Cubic teacher coefficient eps (default: ${DEFAULT-VALUE}).")
    double eps;

    @Option(names = "--beta", paramLabel = "BETA", defaultValue = "1",
            description = "Table 1 scaling: N -> beta N, d -> sqrt(beta) d, sigma_a^2 -> sigma_a^2/sqrt(beta), sigma^2 -> (alpha/beta) sigma^2 (default: ${DEFAULT-VALUE}).")
    double beta;

    @Option(names = "--alpha", paramLabel = "ALPHA", defaultValue = "1",
            description = "Table 1 scaling: n -> alpha n, sigma^2 -> (alpha/beta) sigma^2 (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--limit", paramLabel = "LIMIT", defaultValue = "thermodynamic",
            description = "thermodynamic: d -> infinity at fixed (u, r) (recipe B); finite: the 2D fixed point at this d (recipe A); data: the data-aware solver on the actual training sets (no continuum step; see --datasets, --chains). (default: ${DEFAULT-VALUE})")
    Limit limit;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "Output: table, csv or jsonl (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(names = "--transition",
            description = "Print the spinodal and the first-order GFL -> GMFL-I point (thermodynamic limit) along the swept axis (sigma2 when none is a range), one object, 4 significant digits.")
    boolean transition;

    @Option(names = "--distribution",
            description = "Add -log p(q) on a grid (keys q, minusLogP) to every point, at the point's d (jsonl only).")
    boolean distribution;

    @Option(names = "--distribution-points", paramLabel = "K", defaultValue = "201",
            description = "Grid points of --distribution on [-qMax, qMax] (default: ${DEFAULT-VALUE}).")
    int distributionPoints;

    @Option(names = "--q-grid", paramLabel = "POINTS", defaultValue = "2001",
            description = "Simpson points on [0, qMax] for --limit finite (default: ${DEFAULT-VALUE}).")
    int qGrid;

    @Option(names = "--no-scan",
            description = "--limit finite: start Newton only from the seeds (thermodynamic branches, previous point), skip the (b, c) scan for further roots.")
    boolean noScan;

    @Option(names = "--gp",
            description = "Add the NNGP baseline: continuum forms (gpLinearEK, gpCubicEK, gpHalfCubicN) and GP regression on a drawn sample (gpLinear, gpCubic; dense, O(n^3) per point).")
    boolean gp;

    @Option(names = "--gp-test-points", paramLabel = "M", defaultValue = "2000",
            description = "Test points for the --gp projections (default: ${DEFAULT-VALUE}).")
    int gpTestPoints;

    @Option(names = "--gp-max-n", paramLabel = "N_MAX", defaultValue = "6000",
            description = "Largest n for the --gp sample (memory and time grow as n^2 and n^3) (default: ${DEFAULT-VALUE}).")
    int gpMaxN;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1",
            description = "Data seed of the --gp sample (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    DataAwareOptions dataAware;

    @Override
    public void run() {
        Range nRange = Range.parse("--n", n);
        Range wRange = Range.parse("--N", width);
        boolean sigma2Given = spec.commandLine().getParseResult() != null
                && spec.commandLine().getParseResult().hasMatchedOption("--sigma2");
        if (!sigma2Given && (!nRange.isSingle() || !wRange.isSingle())) {
            // The default σ² sweep gives way to an explicit --n or --N sweep.
            sigma2 = DEFAULT_SIGMA2_WITH_OTHER_RANGE;
        }
        Range sRange = Range.parse("--sigma2", sigma2);
        List<String> ranges = new ArrayList<>();
        if (!sRange.isSingle()) {
            ranges.add("--sigma2 " + sigma2);
        }
        if (!nRange.isSingle()) {
            ranges.add("--n " + n);
        }
        if (!wRange.isSingle()) {
            ranges.add("--N " + width);
        }
        if (ranges.size() > 1) {
            throw GrokphaseException.invalid(ranges.get(0).split(" ")[0] + " and " + ranges.get(1).split(" ")[0],
                    String.join(", ", ranges), "a range is allowed for only one of --sigma2, --n, --N");
        }
        Require.positive("--beta", beta);
        Require.positive("--alpha", alpha);
        Require.atLeast("--distribution-points", distributionPoints, 3);
        Require.positive("--gp-test-points", gpTestPoints);
        SweepAxis axis = !nRange.isSingle() ? SweepAxis.N_SAMPLES : !wRange.isSingle() ? SweepAxis.WIDTH : SweepAxis.SIGMA2;
        Range swept = switch (axis) {
            case SIGMA2 -> sRange;
            case N_SAMPLES -> nRange;
            case WIDTH -> wRange;
        };
        requireCounts("--n", nRange);
        requireCounts("--N", wRange);
        requireCounts("--d", Range.single(d));
        // Validates every physical parameter with its option name before any work.
        CubicParams base = new CubicParams(nRange.get(0), wRange.get(0), d, sRange.get(0), sigmaA2, sigmaW2, eps)
                .scaled(alpha, beta);
        requireSolvable(base, axis, swept);
        if (gp) {
            // The GP sample: an n×n kernel matrix and an n-test×n cross matrix, checked before the O(n^3) work.
            double nMax = Math.max(nRange.get(0), nRange.get(nRange.size() - 1)) * alpha;
            MemoryBudget.Size sn = new MemoryBudget.Size("--n", nMax, 3000);
            MemoryBudget.Size sm = new MemoryBudget.Size("--gp-max-n", gpMaxN, 6000);
            MemoryBudget.Size st = new MemoryBudget.Size("--gp-test-points", gpTestPoints, 2000);
            budget(List.of(
                    new MemoryBudget.Term("the GP kernel matrix (n²)", 2, Math.min(nMax, gpMaxN) * Math.min(nMax, gpMaxN), List.of(sn, sm)),
                    new MemoryBudget.Term("the GP test kernel (test points·n)", 1, (double) gpTestPoints * Math.min(nMax, gpMaxN),
                            List.of(st, sn, sm)),
                    new MemoryBudget.Term("the GP inputs ((n + test points)·d)", 1, (Math.min(nMax, gpMaxN) + gpTestPoints) * d,
                            List.of(sn, st, new MemoryBudget.Size("--d", d, 150)))));
        }
        budget(List.of(
                new MemoryBudget.Term("the p(q) grid (--distribution-points)", 4, distributionPoints,
                        List.of(new MemoryBudget.Size("--distribution-points", distributionPoints, 201))),
                new MemoryBudget.Term("the finite-d quadrature grid (--q-grid)", 8, qGrid,
                        List.of(new MemoryBudget.Size("--q-grid", qGrid, 2001)))));
        if (distribution && format != OutputFormat.jsonl) {
            throw GrokphaseException.invalid("--distribution", "true", "needs --format jsonl (p(q) is an array per point)");
        }
        if (limit == Limit.data) {
            DataAwareRows.validate(dataAware);
            if (transition || gp) {
                throw GrokphaseException.invalid("--limit", "data", "--transition and --gp need --limit thermodynamic or finite");
            }
        }
        if (dev.grokphase.app.sweep.ValidationOnly.active()) {
            return; // a spec being checked: the options are valid
        }
        PrintWriter out = spec.commandLine().getOut();
        RowPrinter printer = new RowPrinter(out, format);
        if (transition) {
            printer.row(transitionRow(base, axis, swept));
        } else {
            sweep(base, axis, swept, printer);
        }
        printer.finish();
    }

    /** Sizes checked before the work; a spec being checked may run on a bigger heap, so there only array limits apply. */
    private static void budget(List<MemoryBudget.Term> terms) {
        MemoryBudget.check(terms, !dev.grokphase.app.sweep.ValidationOnly.active());
    }

    /** n, N and d count samples, neurons and input dimensions: positive integers (the β scaling may make them fractional later). */
    private static void requireCounts(String option, Range r) {
        for (double v : new double[]{r.get(0), r.get(r.size() - 1), r.isSingle() ? r.get(0) : r.step()}) {
            if (!(v >= 1 && v == Math.rint(v))) {
                throw GrokphaseException.outOfRange(option, r, "integers >= 1" + (r.isSingle() ? "" : " (start, stop and step)"));
            }
        }
    }

    /**
     * Every point must be one the thermodynamic solver can work at (u ≤ U_MAX): refused before any
     * work, naming the option and the smallest σ² (largest n) the other parameters allow.
     */
    private void requireSolvable(CubicParams base, SweepAxis axis, Range swept) {
        for (double raw : new double[]{swept.get(0), swept.get(swept.size() - 1)}) {
            CubicParams p = axis.with(base, scaledAxisValue(axis, raw));
            if (ThermodynamicSolver.inDomain(p)) {
                continue;
            }
            double sigma2Min = Math.sqrt(p.n() * p.n() * p.sigmaA2() / (ThermodynamicSolver.U_MAX * p.d() * p.N())) * beta / alpha;
            String why = "the interaction u = n^2 sigma_a^2 / (sigma^4 d N) = " + p.u() + " exceeds " + ThermodynamicSolver.U_MAX
                    + ", beyond which the theory's side-well scan overflows double precision";
            if (axis == SweepAxis.SIGMA2) {
                throw GrokphaseException.outOfRange("--sigma2", raw, "sigma2 >= " + sig4(sigma2Min) + " at these n, N, d, sigma_a2 (" + why + ")");
            }
            throw GrokphaseException.outOfRange(axis.option(), raw, "values keeping u <= " + ThermodynamicSolver.U_MAX + " (" + why + ")");
        }
    }

    private Map<String, Object> transitionRow(CubicParams base, SweepAxis axis, Range swept) {
        double lo = scaledAxisValue(axis, swept.get(0));
        double hi = scaledAxisValue(axis, swept.get(swept.size() - 1));
        Transition t = new ThermodynamicSolver().transition(base, axis, Math.min(lo, hi), Math.max(lo, hi));
        double found = t.critical();
        if (!swept.isSingle() && (found < Math.min(lo, hi) || found > Math.max(lo, hi))) {
            spec.commandLine().getErr().println("grokphase: note: the transition " + axis.key() + "c = " + sig4(found / scaledAxisValue(axis, 1))
                    + " lies outside the swept range " + swept + " (found by widening the search)");
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("limit", "thermodynamic");
        row.put("axis", axis.key());
        row.put("uSpinodal", sig4(t.uSpinodal()));
        row.put("uc", sig4(t.uc()));
        row.put(axis.key() + "Spinodal", sig4(t.spinodal()));
        row.put(axis.key() + "c", sig4(t.critical()));
        row.put("qStar", sig4(t.qStarC()));
        row.put("qStarSpinodal", sig4(t.qStarSpinodal()));
        row.put("rSpinodal", sig4(t.rSpinodal()));
        row.put("rc", sig4(t.rc()));
        row.put("bc", sig4(t.bC()));
        row.put("cc", sig4(base.eps()));
        return row;
    }

    /** The swept value after the Table 1 scaling (σ² → (α/β)σ², n → αn, N → βN). */
    private double scaledAxisValue(SweepAxis axis, double v) {
        return switch (axis) {
            case SIGMA2 -> v * alpha / beta;
            case N_SAMPLES -> v * alpha;
            case WIDTH -> v * beta;
        };
    }

    private void sweep(CubicParams base, SweepAxis axis, Range swept, RowPrinter printer) {
        if (limit == Limit.data) {
            dataSweep(base, axis, swept, printer);
            return;
        }
        ThermodynamicSolver thermo = new ThermodynamicSolver();
        FiniteDSolver finite = new FiniteDSolver(qGrid, !noScan);
        CubicTeacherGp gpSample = gp ? gpSample(base, axis, swept) : null;
        double[] seedBc = null;
        for (int i = 0; i < swept.size(); i++) {
            CubicParams p = axis.with(base, scaledAxisValue(axis, swept.get(i)));
            CubicResult r = limit == Limit.finite ? finite.solve(p, seedBc) : thermo.solve(p);
            CubicSolution s = r.selected();
            seedBc = new double[]{s.b(), s.c()};
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("sigma2", p.sigma2());
            row.put("n", count(p.n()));
            row.put("N", count(p.N()));
            row.put("d", count(p.d()));
            row.put("u", p.u());
            row.put("r", p.r());
            row.put("b", s.b());
            row.put("c", s.c());
            row.put("qStar", s.qStar());
            row.put("dropletWeight", s.dropletWeight());
            row.put("dropletFraction", s.dropletFraction());
            row.put("phase", s.phase().label());
            row.put("learnedLinear", s.learnedLinear());
            row.put("learnedCubic", s.learnedCubic());
            row.put("branch", s.branch());
            row.put("branches", r.branches().size());
            if (gp) {
                row.put("gpLinearEK", CubicTeacherGp.ekLearnedLinear(p));
                row.put("gpCubicEK", CubicTeacherGp.ekLearnedCubic(p));
                row.put("gpHalfCubicN", CubicTeacherGp.ekHalfCubicN(p));
                double[] l = gpSample.learned((int) Math.round(p.n()), p.sigma2());
                row.put("gpLinear", l[0]);
                row.put("gpCubic", l[1]);
            }
            if (format == OutputFormat.jsonl) {
                row.put("limit", limit.name());
                List<Map<String, Object>> all = new ArrayList<>();
                for (CubicSolution b : r.branches()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("branch", b.branch());
                    m.put("phase", b.phase().label());
                    m.put("selected", b.equilibrium());
                    m.put("b", b.b());
                    m.put("c", b.c());
                    m.put("qStar", b.qStar());
                    m.put("dropletWeight", b.dropletWeight());
                    m.put("learnedLinear", b.learnedLinear());
                    m.put("learnedCubic", b.learnedCubic());
                    m.put("residual", b.residual());
                    all.add(m);
                }
                row.put("allBranches", all);
            }
            if (distribution) {
                double[][] dist = finite.distribution(p, s.b(), s.c(), distributionPoints);
                row.put("q", dist[0]);
                row.put("minusLogP", dist[1]);
            }
            printer.row(row);
        }
    }

    /** --limit data: the data-aware solver on the datasets train cubic draws (n and d rounded to integers). */
    private void dataSweep(CubicParams base, SweepAxis axis, Range swept, RowPrinter printer) {
        for (int i = 0; i < swept.size(); i++) {
            CubicParams p = axis.with(base, scaledAxisValue(axis, swept.get(i)));
            CubicDataTheory.Point pt = new CubicDataTheory.Point((int) Math.round(p.n()), dataAware.nTest, p.N(),
                    (int) Math.round(p.d()), p.sigma2(), p.sigmaW2(), p.sigmaA2(), p.eps());
            CubicDataTheory.Result r = CubicDataTheory.solve(pt, dataAware.dataSeed, dataAware.datasets, dataAware.settings());
            Map<String, Object> row = DataAwareRows.cubic(pt, r, format == OutputFormat.jsonl, dataAware.predictions);
            if (distribution) {
                // −log p(w·w*) of the sampled neurons (all datasets pooled), as --limit finite prints p(q)
                double[][] dist = CubicDataTheory.overlapDistribution(r, distributionPoints);
                row.put("q", dist[0]);
                row.put("minusLogP", dist[1]);
            }
            printer.row(row);
        }
    }

    private CubicTeacherGp gpSample(CubicParams base, SweepAxis axis, Range swept) {
        int nMax = 0;
        for (int i = 0; i < swept.size(); i++) {
            CubicParams p = axis.with(base, scaledAxisValue(axis, swept.get(i)));
            nMax = Math.max(nMax, (int) Math.round(p.n()));
        }
        if (nMax > gpMaxN) {
            throw GrokphaseException.outOfRange("--n (with --gp)", nMax, "[1, " + gpMaxN + "] (raise --gp-max-n; dense GP is O(n^3))");
        }
        int dim = (int) Math.round(base.d());
        return new CubicTeacherGp(dim, nMax, gpTestPoints, base.sigmaW2(), base.sigmaA2(), base.eps(), seed);
    }

    /** n, N, d print as integers when they are (the β scaling can make them fractional). */
    private static Object count(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? (Object) (long) v : (Object) v;
    }

    private static double sig4(double v) {
        if (!Double.isFinite(v)) {
            return v;
        }
        return new BigDecimal(v).round(new MathContext(4)).doubleValue();
    }
}
