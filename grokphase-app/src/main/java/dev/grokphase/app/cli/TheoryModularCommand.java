package dev.grokphase.app.cli;

import dev.grokphase.app.output.OutputFormat;
import dev.grokphase.app.output.RowPrinter;
import dev.grokphase.error.GrokphaseException;
import dev.grokphase.param.MemoryBudget;
import dev.grokphase.param.Range;
import dev.grokphase.param.Require;
import dev.grokphase.theory.modular.ActionProfile;
import dev.grokphase.theory.modular.Applicability;
import dev.grokphase.theory.modular.IntegralSolver;
import dev.grokphase.theory.modular.Limit;
import dev.grokphase.theory.modular.ModularParams;
import dev.grokphase.theory.modular.ModularSolution;
import dev.grokphase.theory.modular.ModularSolver;
import dev.grokphase.theory.modular.Normalization;
import dev.grokphase.theory.modular.ThermodynamicLimit;
import dev.grokphase.theory.modular.Transition;
import dev.grokphase.theory.modular.TransitionFinder;
import dev.grokphase.theory.modular.gp.FullTableGp;
import dev.grokphase.theory.modular.gp.GpFit;
import dev.grokphase.theory.modular.gp.LowRankSubsetGp;
import dev.grokphase.theory.modular.gp.QuadraticNngpKernel;
import dev.grokphase.theory.modular.gp.SubsetGp;
import dev.grokphase.theory.modular.gp.TrainedGp;
import dev.grokphase.theory.modular.gp.TwoHotTable;
import dev.grokphase.task.Targets;
import dev.grokphase.theory.ak.ModularDataTheory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code grokphase theory modular}: the adaptive-kernel theory of the quadratic network learning
 * addition mod P (model 2; paper-notes.md §5), at finite P or in the P → ∞ limit, with either
 * eigenvalue normalisation, plus the NNGP baseline.
 */
@Command(name = "modular",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Adaptive-kernel theory of a quadratic two-layer network learning",
                "addition mod a prime P (model 2): the self-consistent discrepancy |a|",
                "(test RMSE of the mean predictor) and the phase GFL, GMFL-I (droplets)",
                "or GMFL-II of each point. Defaults: the paper's Fig. 3 parameters.",
                "One of --sigma2, --N, --P, --sigma-a2 may be a range a:b:step.",
                ""},
        footerHeading = "%nExamples:%n",
        footer = {
                "  ./grokphase theory modular --sigma2 0.15:0.25:0.005",
                "  ./grokphase theory modular --transition",
                "  ./grokphase theory modular --transition --normalization exact",
                "  ./grokphase theory modular --sigma2 0.2 --profile --format csv",
                "  ./grokphase theory modular --P 31 --sigma-a2 0.05 --sigma2 0.01 \\",
                "      --gp-train-fraction 0.5 --seed 1",
                "",
                "Columns: sigma2, P, N, sigmaA2, gamma; u = 2 sigma_a^2 P^2/(N sigma^4);",
                "g = u a^2; a = |a|; learned = 1 - |a|; fDrop = droplet weight per mode;",
                "actionGap = S_k(w+) - S_k(0), empty/null without a non-zero saddle;",
                "phiPlus = w+^2; phase; roots = number of self-consistent roots found;",
                "branch = which root is reported (unique, largest-of-k: the one connected to",
                "the GP limit, closed-form, or integral); normalization; limit;",
                "kappaDroplet, kappaWidth, saddleError, applicable: whether the theory's",
                "approximations are expected to hold (docs/theory.md; a warning goes to stderr",
                "when they are not)."})
public final class TheoryModularCommand implements Runnable {

    /** Command-line spelling of {@link Normalization}. */
    enum Norm { paper, exact }

    /** Command-line spelling of {@link Limit}. */
    enum Lim { finite, thermodynamic, integral, data }

    @Option(names = "--P", defaultValue = "401", paramLabel = "P|a:b:step",
            description = "Prime modulus P. In a range, non-primes are skipped (a single non-prime is rejected). Default: ${DEFAULT-VALUE}")
    String p;

    @Option(names = "--N", defaultValue = "1000", paramLabel = "N|a:b:step", description = "Hidden width N (> 0). Default: ${DEFAULT-VALUE}")
    String n;

    @Option(names = "--sigma-a2", defaultValue = "2e-6", paramLabel = "S|a:b:step",
            description = "Readout prior scale sigma_a^2 (each readout weight has variance sigma_a^2/N). Default: ${DEFAULT-VALUE}")
    String sigmaA2;

    @Option(names = "--gamma", defaultValue = "1e-4", description = "Sextic regulariser strength gamma (> 0). Default: ${DEFAULT-VALUE}")
    double gamma;

    @Option(names = "--sigma2", defaultValue = "0.15:0.25:0.001", paramLabel = "S|a:b:step",
            description = "Noise sigma^2 (> 0), a value or a range. Default: ${DEFAULT-VALUE}")
    String sigma2;

    @Option(names = "--normalization", defaultValue = "exact", paramLabel = "exact|paper",
            description = "Eigenvalue on the target: exact (4P^2 sigma_a^2<|w_k|^2|v_k|^2>, the kernel's matrix eigenvalue; "
                    + "Langevin-sampled networks follow it, docs/theory.md) or paper (sigma_a^2<|w_k|^2|v_k|^2>, as printed; "
                    + "reproduces the paper's Fig. 3 numbers only). Default: ${DEFAULT-VALUE}")
    Norm normalization;

    @Option(names = "--limit", defaultValue = "finite", paramLabel = "finite|thermodynamic|integral|data",
            description = "finite: the saddle-point mixture at this P (drops the Gaussian fluctuations, so no GP part); "
                    + "integral: the per-mode distribution integrated numerically, no saddle-point step (keeps the GP part; "
                    + "smooth in sigma^2; the one to compare with networks at small P); thermodynamic: the P -> infinity "
                    + "closed forms; data: the data-aware solver on the actual training pairs (sampled single-neuron "
                    + "distribution; see --datasets, --chains). Default: ${DEFAULT-VALUE}")
    Lim limit;

    @Option(names = "--train-fraction", paramLabel = "F", defaultValue = "1",
            description = "--limit data: share of the P^2 pairs trained on, split as 'train modular --train-fraction F' splits them "
                    + "(held-out pairs give testA). Default: ${DEFAULT-VALUE}")
    double trainFraction;

    @Mixin
    DataAwareOptions dataAware;

    @Option(names = "--format", paramLabel = "table|csv|jsonl", description = "table, csv or jsonl. Default: table (jsonl with --transition)")
    OutputFormat format;

    @Option(names = "--transition",
            description = "Print the transition points instead of a sweep: sigma2c1 (onset of GMFL-I), sigma2c2 (onset of GMFL-II; "
                    + "null if never reached), |a| at both, the spinodal. The sigma2 option is ignored.")
    boolean transition;

    @Option(names = "--profile",
            description = "Add the per-mode action S_k/P along Phi = Psi at each point (Fig. 3a): arrays profilePhi, profileSPerP "
                    + "in jsonl; one row per (point, Phi) in table and csv.")
    boolean profile;

    @Option(names = "--profile-points", defaultValue = "101", description = "Grid points of the profile. Default: ${DEFAULT-VALUE}")
    int profilePoints;

    @Option(names = "--grid", defaultValue = "" + ModularSolver.DEFAULT_GRID,
            description = "Grid points of |a| in (0, 1] scanned for every self-consistent root (finite limit). Default: ${DEFAULT-VALUE}")
    int grid;

    @Option(names = "--gp-train-fraction", paramLabel = "F",
            description = "Also fit the NNGP baseline on a random fraction F in (0, 1] of the P^2 table and report its errors "
                    + "(gpTrainRelRmse, gpTestRelRmse, gpTestAccuracy). F = 1 uses the Fourier path (any P); F < 1 "
                    + "the solver of --gp-solver.")
    Double gpTrainFraction;

    /** How the subset GP is solved. */
    enum GpSolver { auto, dense, lowrank }

    @Option(names = "--gp-solver", defaultValue = "auto", paramLabel = "auto|dense|lowrank",
            description = "Subset GP: dense Cholesky (up to " + SubsetGp.MAX_TRAIN + " training entries), lowrank "
                    + "(Woodbury on the rank-(2P+1) kernel, any P), or auto (dense up to " + DENSE_AUTO_MAX
                    + " entries). Default: ${DEFAULT-VALUE}")
    GpSolver gpSolver;

    /** Training sizes up to which auto picks the dense solve (it is the reference; both agree to 1e-11). */
    static final int DENSE_AUTO_MAX = 1000;

    @Option(names = "--no-check",
            description = "Skip the applicability check (kappaDroplet, kappaWidth, and for --limit finite the integral solve behind "
                    + "saddleError); those columns are then empty.")
    boolean noCheck;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the random GP training subset. Default: ${DEFAULT-VALUE}")
    long seed;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        Range sigma2Range = Range.parse("--sigma2", sigma2);
        Range nRange = Range.parse("--N", n);
        Range pRange = Range.parse("--P", p);
        Range saRange = Range.parse("--sigma-a2", sigmaA2);
        // --transition ignores sigma2, so its (default) range does not count there
        int others = (nRange.isSingle() ? 0 : 1) + (pRange.isSingle() ? 0 : 1) + (saRange.isSingle() ? 0 : 1);
        int ranges = others + (transition || sigma2Range.isSingle() ? 0 : 1);
        if (ranges > 1) {
            boolean sigma2Given = spec.commandLine().getParseResult().hasMatchedOption("--sigma2");
            throw GrokphaseException.invalid("--sigma2/--N/--P/--sigma-a2", "more than one range",
                    "at most one of them may be a range a:b:step"
                            + (sigma2Given ? "" : " (--sigma2 defaults to the range " + sigma2 + "; give one value of --sigma2)"));
        }
        Require.positive("--gamma", gamma);
        Require.atLeast("--profile-points", profilePoints, 2);
        Require.atLeast("--grid", grid, 2);
        if (gpTrainFraction != null && !(gpTrainFraction > 0 && gpTrainFraction <= 1)) {
            throw GrokphaseException.outOfRange("--gp-train-fraction", gpTrainFraction, "(0, 1]");
        }
        for (double v : sigma2Range.values()) {
            Require.positive("--sigma2", v);
        }
        for (double v : nRange.values()) {
            Require.positive("--N", v);
        }
        for (double v : saRange.values()) {
            Require.positive("--sigma-a2", v);
        }
        int[] primes = primes(pRange);

        Normalization norm = normalization == Norm.exact ? Normalization.EXACT : Normalization.PAPER;
        Limit lim = switch (limit) {
            case thermodynamic -> Limit.THERMODYNAMIC;
            case integral -> Limit.INTEGRAL;
            case finite, data -> Limit.FINITE; // data: solved by its own solver below, lim unused
        };
        if (transition && lim == Limit.INTEGRAL) {
            throw GrokphaseException.invalid("--limit", "integral", "--transition needs finite or thermodynamic "
                    + "(the integral theory is smooth in sigma^2: sweep --sigma2 instead)");
        }
        if (transition && limit == Lim.data) {
            throw GrokphaseException.invalid("--limit", "data", "--transition needs --limit finite or thermodynamic");
        }
        OutputFormat fmt = format != null ? format : (transition ? OutputFormat.jsonl : OutputFormat.table);
        RowPrinter printer = new RowPrinter(spec.commandLine().getOut(), fmt);

        List<ModularParams> points = new ArrayList<>();
        for (int prime : primes) {
            for (double nvRaw : nRange.values()) {
                double nv = tidy(nvRaw);
                for (double saRaw : saRange.values()) {
                    double sa = tidy(saRaw);
                    if (transition) {
                        points.add(new ModularParams(prime, nv, sa, gamma, sigma2Range.get(0)));
                    } else {
                        for (double s2 : sigma2Range.values()) {
                            points.add(new ModularParams(prime, nv, sa, gamma, tidy(s2)));
                        }
                    }
                }
            }
        }

        requireSizes(points);
        if (dev.grokphase.app.sweep.ValidationOnly.active()) {
            return; // a spec being checked: the options are valid
        }
        if (transition) {
            TransitionFinder finder = new TransitionFinder(norm);
            for (ModularParams pt : points) {
                printer.row(transitionRow(pt, finder.find(pt, lim)));
            }
            printer.finish();
            return;
        }
        if (limit == Lim.data) {
            DataAwareRows.validate(dataAware);
            if (!(trainFraction > 0 && trainFraction <= 1)) {
                throw GrokphaseException.outOfRange("--train-fraction", trainFraction, "(0, 1]");
            }
            if (profile || gpTrainFraction != null) {
                throw GrokphaseException.invalid("--limit", "data", "--profile and --gp-train-fraction need --limit finite or thermodynamic");
            }
            // each point starts from the previous one's fixed points (same datasets when P is the same)
            ModularDataTheory.Continuation warm = new ModularDataTheory.Continuation();
            for (ModularParams pt : points) {
                ModularDataTheory.Point dp = new ModularDataTheory.Point(pt.p(), trainFraction, Targets.CENTRED, pt.n(),
                        pt.sigmaA2(), pt.sigma2(), gamma);
                ModularDataTheory.Result r = ModularDataTheory.solve(dp, dataAware.dataSeed, dataAware.datasets, dataAware.settings(),
                        warm);
                printer.row(DataAwareRows.modular(dp, r, fmt == OutputFormat.jsonl, dataAware.predictions));
            }
            printer.finish();
            return;
        }
        ModularSolver solver = new ModularSolver(norm, grid);
        IntegralSolver integral = new IntegralSolver(norm);
        Warnings warnings = new Warnings();
        for (ModularParams pt : points) {
            ModularSolution s = switch (lim) {
                case FINITE -> solver.solve(pt);
                case THERMODYNAMIC -> ThermodynamicLimit.solve(pt, norm);
                case INTEGRAL -> solveIntegral(integral, pt);
            };
            Map<String, Object> row = pointRow(s, lim);
            addApplicability(row, s, lim, integral, warnings);
            if (gpTrainFraction != null) {
                addGp(row, pt);
            }
            if (!profile) {
                printer.row(row);
                continue;
            }
            ActionProfile prof = ActionProfile.of(s, profilePoints);
            if (fmt == OutputFormat.jsonl) {
                row.put("profilePhi", prof.phi());
                row.put("profileSPerP", prof.sPerP());
                printer.row(row);
            } else {
                for (int i = 0; i < prof.phi().length; i++) {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("sigma2", pt.sigma2());
                    r.put("P", pt.p());
                    r.put("N", number(pt.n()));
                    r.put("sigmaA2", pt.sigmaA2());
                    r.put("a", s.a());
                    r.put("phase", s.phase().label());
                    r.put("phi", prof.phi()[i]);
                    r.put("sPerP", prof.sPerP()[i]);
                    printer.row(r);
                }
            }
        }
        printer.finish();
        warnings.print(points.size());
    }

    /**
     * The applicability check of {@link Applicability}: for the finite limit the integral theory is
     * solved too, so the saddle-point step's error is known.
     */
    private void addApplicability(Map<String, Object> row, ModularSolution s, Limit lim, IntegralSolver integral, Warnings warnings) {
        if (noCheck) {
            row.put("kappaDroplet", null);
            row.put("kappaWidth", null);
            row.put("saddleError", null);
            row.put("applicable", null);
            return;
        }
        ModularParams pt = s.params();
        double saddle = Double.NaN;
        double exact = Double.NaN;
        double meanPhi;
        try {
            if (lim == Limit.FINITE) {
                ModularSolution ref = integral.solve(pt);
                saddle = s.learned();
                exact = ref.learned();
                meanPhi = integral.moments(pt, ref.a()).meanPhi();
            } else {
                meanPhi = integral.moments(pt, s.a()).meanPhi();
            }
        } catch (ArithmeticException e) {
            // wells too sharp for the integral in double precision: no saddle-point error to report, and
            // the prior's ⟨|w_k|²⟩ = 1/P for the bulk eigenvalue (it only enters kappaWidth)
            meanPhi = 1.0 / pt.p();
        }
        Applicability ap = Applicability.assess(s, meanPhi, saddle, exact);
        row.put("kappaDroplet", Double.isNaN(ap.kappaDroplet()) ? null : ap.kappaDroplet());
        row.put("kappaWidth", ap.kappaWidth());
        row.put("saddleError", Double.isNaN(ap.saddleError()) ? null : ap.saddleError());
        row.put("applicable", ap.ok());
        for (String problem : ap.problems()) {
            warnings.add(problem, pt);
        }
    }

    private static ModularSolution solveIntegral(IntegralSolver integral, ModularParams pt) {
        try {
            return integral.solve(pt);
        } catch (ArithmeticException e) {
            throw GrokphaseException.invalid("--limit", "integral", e.getMessage() + "; the wells are then sharp enough "
                    + "for --limit finite");
        }
    }

    /** Collects the applicability problems of a sweep and prints one stderr line per kind. */
    private final class Warnings {
        private final Map<String, int[]> counts = new LinkedHashMap<>();
        private final Map<String, String> first = new LinkedHashMap<>();
        private int points;

        void add(String problem, ModularParams pt) {
            String kind = problem.contains("kappaDroplet") ? "droplet" : problem.contains("kappaWidth") ? "width" : "saddle";
            counts.computeIfAbsent(kind, k -> new int[1])[0]++;
            first.putIfAbsent(kind, String.format(java.util.Locale.ROOT, "%s (first at P=%d, N=%s, sigma_a^2=%s, gamma=%s, sigma^2=%s)",
                    problem, pt.p(), number(pt.n()), pt.sigmaA2(), pt.gamma(), pt.sigma2()));
        }

        void print(int total) {
            for (Map.Entry<String, String> e : first.entrySet()) {
                spec.commandLine().getErr().printf(java.util.Locale.ROOT,
                        "warning: theory modular: outside the theory's regime at %d of %d points: %s%n",
                        counts.get(e.getKey())[0], total, e.getValue());
            }
            spec.commandLine().getErr().flush();
        }
    }

    /**
     * Largest interaction u = 2σ_a²P²/(Nσ⁴) solved. Measured on the finite-P solver (default
     * limit): u ≈ 8e9 answers in about a second, u ≈ 8e12 gave no answer within 8 s (found by
     * CliFuzzPropertyTest: --sigma-a2 9223372036854775807 hung), and beyond u ≈ 1e100 the per-mode
     * action overflows double precision. Refused, with this reason, rather than left to hang.
     */
    static final double U_MAX = 1e10;
    /** Finest --grid: a scan of |a| in steps below 1e-7 finds no root the Brent refinement would not. */
    static final int GRID_MAX = 10_000_000;

    /** Refuses, before any work, points the solvers cannot take and arrays the JVM cannot hold. */
    private void requireSizes(List<ModularParams> points) {
        if (grid > GRID_MAX) {
            throw GrokphaseException.outOfRange("--grid", grid, "[2, " + GRID_MAX + "] (a finer scan of |a| finds no further root)");
        }
        int pMax = 0;
        for (ModularParams pt : points) {
            pMax = Math.max(pMax, pt.p());
            if (!(pt.u() <= U_MAX)) {
                double sigma2Min = Math.sqrt(2.0 * pt.sigmaA2() * (double) pt.p() * pt.p() / (pt.n() * U_MAX));
                throw GrokphaseException.outOfRange("--sigma2", pt.sigma2(), String.format(java.util.Locale.ROOT,
                        "sigma2 >= %.4g at P = %d, N = %s, sigma_a2 = %s (the interaction u = 2 sigma_a^2 P^2 / (N sigma^4) = %s "
                                + "exceeds %s, beyond which the solver does not answer in reasonable time)",
                        sigma2Min, pt.p(), number(pt.n()), pt.sigmaA2(), pt.u(), U_MAX));
            }
        }
        List<MemoryBudget.Term> terms = new ArrayList<>();
        if (profile) {
            terms.add(new MemoryBudget.Term("the action profile (--profile-points)", 2, profilePoints,
                    List.of(new MemoryBudget.Size("--profile-points", profilePoints, 101))));
        }
        if (gpTrainFraction != null) {
            // Both GP paths hold arrays over the whole P² table; the subset GP also a train × (2P+1) factor (low rank).
            double table = (double) pMax * pMax;
            MemoryBudget.Size sp = new MemoryBudget.Size("--P", pMax, 401);
            MemoryBudget.Size sf = new MemoryBudget.Size("--gp-train-fraction", gpTrainFraction, 0.01);
            terms.add(new MemoryBudget.Term("the GP's arrays over the P² table", 3, table, List.of(sp)));
            if (gpTrainFraction < 1) {
                terms.add(new MemoryBudget.Term("the GP's low-rank factor (train entries·(2P+1))", 2,
                        Math.ceil(gpTrainFraction * table) * (2.0 * pMax + 1), List.of(sp, sf)));
            }
        }
        MemoryBudget.check(terms, !dev.grokphase.app.sweep.ValidationOnly.active());
    }

    private static int[] primes(Range pRange) {
        double[] values = pRange.values();
        List<Integer> out = new ArrayList<>();
        for (double v : values) {
            if (v != Math.rint(v) || v < 2 || v > Integer.MAX_VALUE) {
                throw GrokphaseException.outOfRange("--P", pRange.isSingle() ? v : pRange, "integers >= 2 (primes)");
            }
            int iv = (int) v;
            if (pRange.isSingle()) {
                out.add(Require.prime("--P", iv));
            } else if (BigInteger.valueOf(iv).isProbablePrime(30)) {
                out.add(iv);
            }
        }
        if (out.isEmpty()) {
            throw GrokphaseException.invalid("--P", pRange, "the range contains no prime");
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static Map<String, Object> pointRow(ModularSolution s, Limit lim) {
        ModularParams pt = s.params();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("sigma2", pt.sigma2());
        row.put("P", pt.p());
        row.put("N", number(pt.n()));
        row.put("sigmaA2", pt.sigmaA2());
        row.put("gamma", pt.gamma());
        row.put("u", pt.u());
        row.put("g", s.g());
        row.put("a", s.a());
        row.put("learned", s.learned());
        row.put("fDrop", s.fDrop());
        row.put("actionGap", s.hasNonZeroSaddle() ? s.actionGap() : null);
        row.put("phiPlus", s.hasNonZeroSaddle() ? s.phiPlus() : null);
        row.put("phase", s.phase().label());
        row.put("roots", s.roots().length);
        row.put("branch", s.branch());
        row.put("normalization", s.normalization().label());
        row.put("limit", lim.label());
        return row;
    }

    private void addGp(Map<String, Object> row, ModularParams pt) {
        TwoHotTable table = new TwoHotTable(pt.p());
        QuadraticNngpKernel kernel = new QuadraticNngpKernel(table, pt.sigmaA2());
        GpFit fit;
        if (gpTrainFraction == 1.0) {
            fit = new FullTableGp(kernel, pt.sigma2()).fitTarget();
        } else {
            int[][] split = SubsetGp.randomSplit(table, gpTrainFraction, seed);
            int size = split[0].length;
            boolean dense = gpSolver == GpSolver.dense || (gpSolver == GpSolver.auto && size <= DENSE_AUTO_MAX);
            if (size == 0 || (dense && size > SubsetGp.MAX_TRAIN)) {
                throw GrokphaseException.outOfRange("--gp-train-fraction", gpTrainFraction,
                        "a fraction giving 1.." + (dense ? SubsetGp.MAX_TRAIN : table.size()) + " training entries of the "
                                + table.size() + "-entry table" + (dense ? " with --gp-solver dense" : ""));
            }
            TrainedGp gp = dense ? new SubsetGp(kernel, pt.sigma2(), split[0]) : new LowRankSubsetGp(kernel, pt.sigma2(), split[0]);
            fit = gp.fit(split[1]);
        }
        row.put("gpTrainSize", fit.trainSize());
        row.put("gpTestSize", fit.testSize());
        row.put("gpTrainRelRmse", fit.trainRelRmse());
        row.put("gpTestRelRmse", fit.testRelRmse());
        row.put("gpTestAccuracy", fit.testAccuracy());
        row.put("gpSeed", gpTrainFraction == 1.0 ? null : seed);
    }

    /** start + i·step to 12 significant digits, so 0.15 + 22·0.001 prints as 0.172, not 0.17200000000000001. */
    private static double tidy(double v) {
        return Double.parseDouble(String.format(java.util.Locale.ROOT, "%.12g", v));
    }

    /** An integral width prints as an integer (N = 1000, not 1000.0). */
    private static Object number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? (Object) (long) v : (Object) v;
    }

    private static Map<String, Object> transitionRow(ModularParams pt, Transition t) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("P", pt.p());
        row.put("N", number(pt.n()));
        row.put("sigmaA2", pt.sigmaA2());
        row.put("gamma", pt.gamma());
        row.put("normalization", t.normalization().label());
        row.put("limit", t.limit().label());
        row.put("sigma2c1", t.sigma2c1());
        row.put("sigma2c2", t.sigma2c2());
        row.put("aAtC1", t.aAtC1());
        row.put("aAtC2", t.aAtC2());
        row.put("learnedAtC2", 1 - t.aAtC2());
        row.put("sigma2c2Formal", t.sigma2c2Formal());
        row.put("sigma2Spinodal", t.sigma2Spinodal());
        row.put("uC1", t.uC1());
        row.put("gStar", t.gStar());
        row.put("phiStar", t.phiStar());
        row.put("dropletScale", t.dropletScale());
        return row;
    }
}
