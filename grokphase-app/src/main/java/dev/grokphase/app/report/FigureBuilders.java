package dev.grokphase.app.report;

import dev.grokphase.app.plot.Band;
import dev.grokphase.app.plot.Figure;
import dev.grokphase.app.plot.Series;
import dev.grokphase.sweep.FigureSpec;
import dev.grokphase.sweep.RunDescription;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The figure kinds a spec can ask for (notes §7 catalogue). Each builder reads the runs of the
 * computations named in the figure's params and returns a {@link Figure}; runs that are missing
 * or failed are left out, and the caption says how many points are shown.
 */
public final class FigureBuilders {

    private static final Map<String, Builder> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("cubic-component-vs-sigma2", FigureBuilders::cubicComponent);
        KINDS.put("overlap-log-density", FigureBuilders::overlapLogDensity);
        KINDS.put("modular-target-component", FigureBuilders::modularTarget);
        KINDS.put("modular-action-profiles", FigureBuilders::modularProfiles);
        KINDS.put("modular-theories", ModularFigures::theories);
        KINDS.put("modular-mode-histogram", ModularFigures::modeHistogram);
        KINDS.put("loss-vs-steps", FigureBuilders::lossVsSteps);
        KINDS.put("projections-vs-steps", FigureBuilders::projectionsVsSteps);
        KINDS.put("accuracy-vs-steps", FigureBuilders::accuracyVsSteps);
        KINDS.put("droplets-vs-steps", FigureBuilders::dropletsVsSteps);
        KINDS.put("fourier-spectrum", FigureBuilders::fourierSpectrum);
        KINDS.put("modular-phase-diagram", FigureBuilders::modularPhaseDiagram);
        KINDS.put("cubic-phase-diagram", FigureBuilders::cubicPhaseDiagram);
        KINDS.put("droplets-vs-width", WidthFigures::dropletsVsWidth);
    }

    @FunctionalInterface
    interface Builder {
        Figure build(SpecData data, FigureSpec fig);
    }

    private FigureBuilders() {
    }

    public static java.util.Set<String> kinds() {
        return KINDS.keySet();
    }

    public static Figure build(SpecData data, FigureSpec fig) {
        Builder b = KINDS.get(fig.kind());
        if (b == null) {
            return Figure.builder(fig.id()).title(fig.title())
                    .note("unknown figure kind '" + fig.kind() + "'; known: " + String.join(", ", KINDS.keySet())).build();
        }
        return b.build(data, fig);
    }

    // ---------------------------------------------------------------- shared helpers

    static String param(FigureSpec f, String key, String def) {
        Object v = f.params().get(key);
        return v == null ? def : String.valueOf(v);
    }

    static Double paramNumber(FigureSpec f, String key) {
        Object v = f.params().get(key);
        if (v instanceof Number n) return n.doubleValue();
        if (v instanceof String s) return CsvTable.number(s);
        return null;
    }

    /** Groups runs by a tag (e.g. beta) or config key (e.g. N), keeping numeric order. */
    static TreeMap<Double, List<RunData>> groupBy(List<RunData> runs, String key) {
        TreeMap<Double, List<RunData>> out = new TreeMap<>();
        for (RunData r : runs) {
            Object v = r.tag(key);
            double d = v instanceof Number n ? n.doubleValue() : v == null ? Double.NaN : CsvTable.number(String.valueOf(v));
            out.computeIfAbsent(Double.isNaN(d) ? 0.0 : d, k -> new ArrayList<>()).add(r);
        }
        return out;
    }

    /** β = 0.125 → "1/8", 2 → "2", N = 700 → "700". */
    static String label(double v) {
        if (v == Math.rint(v)) return Long.toString((long) v);
        for (int den : new int[]{2, 3, 4, 8, 16}) {
            double num = v * den;
            if (Math.abs(num - Math.rint(num)) < 1e-9) return (long) Math.rint(num) + "/" + den;
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    static String groupSymbol(String key) {
        return switch (key) {
            case "beta" -> "β";
            case "sigma2" -> "σ²";
            default -> key;
        };
    }

    static boolean usable(RunData r) {
        return r.status().isDone();
    }

    static double[] toArray(List<Double> l) {
        double[] a = new double[l.size()];
        for (int i = 0; i < a.length; i++) a[i] = l.get(i);
        return a;
    }

    /** "N = 88, n = 375, d = 53, σ_a² = 0.0323" from a run's config. */
    static String sizes(RunData r, String... keys) {
        List<String> parts = new ArrayList<>();
        for (String k : keys) {
            Object v = r.config(k);
            if (v != null) parts.add(symbol(k) + " = " + RunDescription.format(v instanceof Double d && d == Math.rint(d) ? (Object) (long) (double) d : v));
        }
        return String.join(", ", parts);
    }

    static String symbol(String key) {
        return switch (key) {
            case "sigma2" -> "σ²";
            case "sigmaA2" -> "σ_a²";
            case "sigmaW2" -> "σ_w²";
            case "eps" -> "ε";
            case "gamma" -> "γ";
            case "beta" -> "β";
            default -> key;
        };
    }

    static String trainingDescription(List<RunData> runs) {
        for (RunData r : runs) {
            List<String> parts = new ArrayList<>();
            Object sampler = r.config("sampler");
            Object optimizer = r.config("optimizer");
            parts.add(sampler != null ? String.valueOf(sampler) : optimizer != null ? String.valueOf(optimizer) : "training");
            if (r.config("steps") != null) parts.add(RunDescription.format(r.config("steps")) + " steps");
            Object ds = r.config("datasets");
            Object seeds = r.config("seeds");
            if (ds != null || seeds != null) {
                parts.add((ds == null ? "1" : RunDescription.format(ds)) + " dataset(s) × " + (seeds == null ? "1" : RunDescription.format(seeds)) + " seed(s)");
            }
            return String.join(", ", parts);
        }
        return "";
    }

    /** Ensemble mean of a metric per step, over every network of metrics.csv. */
    static double[][] meanByStep(CsvTable t, String column) {
        return meanByStep(t, column, Double.POSITIVE_INFINITY);
    }

    /** As above over the networks with index below {@code networks} (a two-start run's first start). */
    static double[][] meanByStep(CsvTable t, String column, double networks) {
        TreeMap<Double, double[]> acc = new TreeMap<>();
        double[] steps = t.column("step");
        double[] v = t.column(column);
        double[] net = t.has("network") ? t.column("network") : null;
        for (int i = 0; i < steps.length; i++) {
            if (!Double.isFinite(v[i])) continue;
            if (net != null && !(net[i] < networks)) continue;
            double[] a = acc.computeIfAbsent(steps[i], k -> new double[2]);
            a[0] += v[i];
            a[1]++;
        }
        double[][] out = new double[2][acc.size()];
        int k = 0;
        for (Map.Entry<Double, double[]> e : acc.entrySet()) {
            out[0][k] = e.getKey();
            out[1][k] = e.getValue()[0] / e.getValue()[1];
            k++;
        }
        return out;
    }

    /** Bands from a theory table's phase column: maximal runs of equal phase along x. */
    static List<Band> phaseBands(CsvTable t, String xCol) {
        String phaseCol = t.first("phase", "branch");
        List<Band> out = new ArrayList<>();
        if (phaseCol == null) return out;
        double[] x = t.column(xCol);
        Integer[] order = new Integer[x.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> Double.compare(x[a], x[b]));
        String cur = null;
        double start = Double.NaN;
        double prev = Double.NaN;
        for (Integer i : order) {
            String ph = t.cell(i, phaseCol);
            if (!Double.isFinite(x[i])) continue;
            if (!ph.equals(cur)) {
                if (cur != null) out.add(band(cur, start, (prev + x[i]) / 2));
                start = cur == null ? x[i] : (prev + x[i]) / 2;
                cur = ph;
            }
            prev = x[i];
        }
        if (cur != null && prev > start) out.add(band(cur, start, prev));
        return out;
    }

    private static Band band(String phase, double from, double to) {
        String p = phase.toUpperCase(Locale.ROOT).replace('_', '-');
        Band.PhaseColour c = p.contains("II") ? Band.PhaseColour.GMFL_II
                : p.contains("GMFL") || p.contains("-I") ? Band.PhaseColour.GMFL_I
                : p.contains("GFL") ? Band.PhaseColour.GFL : Band.PhaseColour.NEUTRAL;
        String label = p.equals("GMFL-II") || p.equals("GMFLII") ? "GMFL-II" : p.equals("GMFL-I") || p.equals("GMFLI") ? "GMFL-I" : p;
        return new Band(from, Math.max(to, from + 1e-12), label, c);
    }

    // ---------------------------------------------------------------- figure kinds

    /**
     * Fig. 2c and its inset: learned cubic component (ε − c; experiment: test-data projection on
     * H₃/6) or linear discrepancy (b; experiment: 1 − projection on H₁) vs σ², per β.
     */
    static Figure cubicComponent(SpecData data, FigureSpec fig) {
        boolean cubic = !"linear".equals(param(fig, "component", "cubic"));
        String groupKey = param(fig, "groupBy", "beta");
        Figure.Builder b = Figure.builder(fig.id()).title(fig.title())
                .xLabel("noise σ² (Langevin temperature)")
                .yLabel(cubic ? "learned cubic fraction  (f̄·H₃/6)/ε" : "linear discrepancy  b = 1 − f̄·H₁");
        List<String> sizes = new ArrayList<>();
        TreeMap<Double, List<RunData>> theory = groupBy(data.of(param(fig, "theory", null)), groupKey);
        TreeMap<Double, List<RunData>> training = groupBy(data.of(param(fig, "training", null)), groupKey);
        java.util.TreeSet<Double> groups = new java.util.TreeSet<>(theory.keySet());
        groups.addAll(training.keySet());
        int colour = 0;
        boolean bandsDone = false;
        double eps = Double.NaN;
        int shownPoints = 0;
        int plannedPoints = 0;
        for (double g : groups) {
            String gl = groupSymbol(groupKey) + " = " + label(g);
            for (RunData r : theory.getOrDefault(g, List.of())) {
                if (!usable(r) || r.theory().isEmpty()) continue;
                CsvTable t = selectedBranch(r.theory().get());
                String xs = t.first("sigma2");
                if (xs == null) continue;
                eps = r.configNumber("eps");
                double[] x = t.column(xs);
                double[] y = theoryCubicColumn(t, cubic, eps);
                if (y == null) continue;
                b.add(Series.line("theory " + gl, x, y, colour));
                if (!bandsDone && groups.size() == 1) {
                    phaseBands(t, xs).forEach(b::band);
                    bandsDone = true;
                }
                sizes.add(gl + ": " + sizes(r, "N", "n", "d", "sigmaA2"));
            }
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            List<Double> es = new ArrayList<>();
            // Runs whose equilibration flag is not true (two-start test, halves, τ): crosses, own legend entry.
            List<Double> fx = new ArrayList<>();
            List<Double> fy = new ArrayList<>();
            List<Double> fe = new ArrayList<>();
            for (RunData r : training.getOrDefault(g, List.of())) {
                plannedPoints++;
                if (!usable(r)) continue;
                double v = r.summaryNumber(cubic ? "cubicProjection" : "linearProjection");
                double s = r.summaryStd(cubic ? "cubicProjection" : "linearProjection");
                double nets = r.summaryNumber("networks");
                double e = r.configNumber("eps");
                if (!Double.isFinite(v) || cubic && !(Double.isFinite(e) && e != 0)) continue;
                boolean equilibrated = ReportWriter.shownEquilibrated(r);
                (equilibrated ? xs : fx).add(r.configNumber("sigma2"));
                // The run layer's cubic projection is ε when fully learned (notes §6.1): divide by ε.
                (equilibrated ? ys : fy).add(cubic ? v / e : 1 - v);
                double se = Double.isFinite(s) && nets > 0 ? s / Math.sqrt(nets) : 0.0;
                (equilibrated ? es : fe).add(cubic ? se / Math.abs(e) : se);
                if (Double.isNaN(eps)) eps = e;
                shownPoints++;
            }
            if (!xs.isEmpty()) {
                b.add(Series.points("experiment " + gl, toArray(xs), toArray(ys), toArray(es), colour));
                if (theory.getOrDefault(g, List.of()).isEmpty()) {
                    sizes.add(gl + ": " + sizes(training.get(g).get(0), "N", "n", "d", "sigmaA2"));
                }
            }
            if (!fx.isEmpty()) {
                b.add(Series.flaggedPoints("experiment " + gl + " (not equilibrated)", toArray(fx), toArray(fy), toArray(fe), colour));
                if (xs.isEmpty() && theory.getOrDefault(g, List.of()).isEmpty()) {
                    sizes.add(gl + ": " + sizes(training.get(g).get(0), "N", "n", "d", "sigmaA2"));
                }
            }
            colour++;
        }
        for (RunData r : data.of(param(fig, "theoryLimit", null))) {
            if (!usable(r) || r.theory().isEmpty()) continue;
            CsvTable t = selectedBranch(r.theory().get());
            String xs = t.first("sigma2");
            double e = r.configNumber("eps");
            double[] y = xs == null ? null : theoryCubicColumn(t, cubic, Double.isFinite(e) ? e : -0.3);
            if (y == null) continue;
            b.add(Series.dashed("theory d → ∞", t.column(xs), y, 6));
            if (groups.size() > 1 || !bandsDone) {
                phaseBands(t, xs).forEach(b::band);
                bandsDone = true;
            }
        }
        boolean dataShown = false;
        for (RunData r : data.of(param(fig, "theoryData", null))) {
            if (!usable(r) || r.theory().isEmpty()) continue;
            CsvTable t = r.theory().get();
            String xs = t.first("sigma2");
            String ys = t.first(cubic ? "learnedCubic" : "learnedLinear");
            if (xs == null || ys == null) continue;
            double[] y = t.column(ys);
            double[] err = t.has(ys + "Err") ? t.column(ys + "Err") : null;
            if (!cubic) {
                for (int i = 0; i < y.length; i++) y[i] = 1 - y[i];
            }
            Object tv = r.tag(groupKey);
            double g = tv instanceof Number num ? num.doubleValue() : tv == null ? Double.NaN : CsvTable.number(String.valueOf(tv));
            String gl = Double.isNaN(g) ? "" : " " + groupSymbol(groupKey) + " = " + label(g);
            // A colour (and so a marker) of its own, past the β groups: with the group's colour its
            // circles read as the trained networks' markers. Index 5 (crosses) means "not equilibrated".
            int c = groups.size() == 5 ? 7 : groups.size();
            b.add(Series.pointsLine("data-aware theory" + gl, t.column(xs), y, err, c));
            dataShown = true;
        }
        if (cubic && Double.isFinite(eps)) {
            b.note("1 = cubic component fully learned (f̄·H₃/6 = ε = " + RunDescription.format(eps) + "), 0 = not learned.");
        }
        String train = trainingDescription(data.of(param(fig, "training", null)));
        String markers = shownPoints > 0
                ? String.format(Locale.ROOT, " Markers: trained networks (%s; %d of %d σ² points), ensemble mean ± std/√networks; crosses: points "
                        + "whose equilibration check failed or was undetermined (two starts, halves, autocorrelation; docs/theory.md).",
                        train, shownPoints, plannedPoints)
                : plannedPoints > 0 ? String.format(Locale.ROOT, " No trained network to show yet (0 of %d σ² points done).", plannedPoints) : "";
        b.caption(String.format(Locale.ROOT, "%s Lines: adaptive-kernel theory (finite-d solver, notes §4.8A).%s%s %s.",
                fig.caption().isEmpty() ? "" : fig.caption(),
                dataShown ? " Line with error bars: data-aware adaptive-kernel theory on the networks' own training sets and test points, averaged over the datasets "
                        + "(sampled single-neuron distribution, no continuum step; ± Monte-Carlo error, docs/theory.md)." : "",
                markers,
                String.join("; ", sizes)).trim());
        return b.build();
    }

    /**
     * From a theory table: the learned fraction of the cubic component (ε − c)/ε, or the linear
     * discrepancy b. Prefers the raw discrepancies b, c (notes §4.3); falls back on
     * learnedCubic (already the fraction) or learnedLinear (= 1 − b).
     */
    static double[] theoryCubicColumn(CsvTable t, boolean cubic, double eps) {
        if (cubic) {
            String c = t.first("c");
            if (c != null && Double.isFinite(eps) && eps != 0) {
                double[] cc = t.column(c);
                double[] out = new double[cc.length];
                for (int i = 0; i < out.length; i++) out[i] = (eps - cc[i]) / eps;
                return out;
            }
            String frac = t.first("learnedCubic", "learnedCubicFraction");
            return frac == null ? null : t.column(frac);
        }
        String bcol = t.first("b", "linearDiscrepancy");
        if (bcol != null) return t.column(bcol);
        String lin = t.first("learnedLinear", "linearComponent", "linear");
        if (lin != null) {
            double[] l = t.column(lin);
            double[] out = new double[l.length];
            for (int i = 0; i < out.length; i++) out[i] = 1 - l[i];
            return out;
        }
        return null;
    }

    /** Only the selected (equilibrium) branch when the table lists several per point. */
    static CsvTable selectedBranch(CsvTable t) {
        String col = t.first("equilibrium", "selected");
        if (col == null) return t;
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            String v = t.cell(i, col);
            if (v.equalsIgnoreCase("true") || v.equals("1")) {
                String[] r = new String[t.header().size()];
                for (int k = 0; k < r.length; k++) r[k] = t.cell(i, t.header().get(k));
                rows.add(r);
            }
        }
        return new CsvTable(t.header(), rows);
    }

    /** Figs. 2a/2b and 4: −log p(w·w*) per group (β or N), theory lines and experiment markers. */
    static Figure overlapLogDensity(SpecData data, FigureSpec fig) {
        String groupKey = param(fig, "groupBy", "beta");
        Double sigma2 = paramNumber(fig, "sigma2");
        Double qMaxParam = paramNumber(fig, "qMax");
        Double yMaxParam = paramNumber(fig, "yMax");
        double qMax = qMaxParam == null ? 1.6 : qMaxParam;
        double yCap = yMaxParam == null ? 30 : yMaxParam;
        Figure.Builder b = Figure.builder(fig.id()).title(fig.title())
                .xLabel("overlap  w·w*").yLabel("−log p(w·w*)  (shifted to min 0)").xRange(-qMax, qMax);
        TreeMap<Double, List<RunData>> theory = groupBy(filterSigma(data.of(param(fig, "theory", null)), sigma2), groupKey);
        TreeMap<Double, List<RunData>> training = groupBy(filterSigma(data.of(param(fig, "training", null)), sigma2), groupKey);
        TreeMap<Double, List<RunData>> dataTheory = groupBy(filterSigma(data.of(param(fig, "theoryData", null)), sigma2), groupKey);
        java.util.TreeSet<Double> groups = new java.util.TreeSet<>(theory.keySet());
        groups.addAll(training.keySet());
        int colour = 0;
        double yMaxData = 0;
        int histograms = 0;
        for (double g : groups) {
            String gl = groupSymbol(groupKey) + " = " + label(g);
            for (RunData r : theory.getOrDefault(g, List.of())) {
                if (!usable(r)) continue;
                for (com.fasterxml.jackson.databind.JsonNode row : r.theoryRows()) {
                    // theory cubic --distribution: arrays q and minusLogP at the point's d (notes §4.4).
                    if (!row.path("q").isArray() || !row.path("minusLogP").isArray()) continue;
                    double[][] w = window(doubles(row.path("q")), shiftToZero(doubles(row.path("minusLogP"))), qMax, yCap);
                    b.add(Series.line("theory " + gl, w[0], w[1], colour));
                    break;
                }
                if (r.theory().isEmpty()) continue;
                CsvTable t = r.theory().get();
                String qc = t.first("q", "overlap", "phi");
                String sc = t.first("negLogP", "minusLogP", "S", "action");
                if (qc == null || sc == null) continue;
                double[][] w = window(t.column(qc), shiftToZero(t.column(sc)), qMax, yCap);
                b.add(Series.line("theory " + gl, w[0], w[1], colour));
            }
            for (RunData r : dataTheory.getOrDefault(g, List.of())) {
                if (!usable(r)) continue;
                for (com.fasterxml.jackson.databind.JsonNode row : r.theoryRows()) {
                    // theory cubic --limit data --distribution: −log p(q) of the sampled single neurons
                    if (!row.path("q").isArray() || !row.path("minusLogP").isArray()) continue;
                    double[][] w = window(doubles(row.path("q")), shiftToZero(doubles(row.path("minusLogP"))), qMax, yCap);
                    b.add(Series.dashed("data-aware theory " + gl, w[0], w[1], colour));
                    break;
                }
            }
            for (RunData r : training.getOrDefault(g, List.of())) {
                if (!usable(r)) continue;
                var h = r.observable("overlap-histogram.csv");
                if (h.isEmpty()) continue;
                CsvTable t = h.get();
                double[] y = shiftToZero(t.column("negLogP"));
                double[] e = t.has("negLogPError") ? t.column("negLogPError") : null;
                for (double v : y) if (Double.isFinite(v)) yMaxData = Math.max(yMaxData, v);
                b.add(Series.points("experiment " + gl, t.column("centre"), y, e, colour));
                histograms++;
            }
            colour++;
        }
        // Theory −log p grows without bound away from the saddles; keep the axis where the data is.
        b.yRange(-0.5, yMaxData > 0 ? Math.min(yCap, Math.ceil(yMaxData * 1.3 + 1)) : yCap);
        String train = trainingDescription(data.of(param(fig, "training", null)));
        String what = histograms > 0
                ? String.format(Locale.ROOT, "−log p of the overlap of each hidden neuron's input weights with the teacher direction, "
                        + "pooled over the ensemble (%s)%s. Markers: histogram with 5-subset error bars (notes §6.1). Lines: ", train,
                        sigma2 == null ? "" : ", σ² = " + RunDescription.format(sigma2))
                : "No trained network to show" + (sigma2 == null ? "" : " at σ² = " + RunDescription.format(sigma2)) + ". Lines: ";
        b.caption(String.format(Locale.ROOT, "%s%stheory action S(q) (notes §4.4). Each curve shifted to minimum 0.",
                fig.caption().isEmpty() ? "" : fig.caption() + " ", what));
        return b.build();
    }

    /** Points with |x| ≤ xMax and y ≤ 1.5·yCap (a line leaving the axes is cut where it leaves). */
    static double[][] window(double[] x, double[] y, double xMax, double yCap) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (Math.abs(x[i]) <= xMax && y[i] <= 1.5 * yCap) {
                xs.add(x[i]);
                ys.add(y[i]);
            }
        }
        return new double[][]{toArray(xs), toArray(ys)};
    }

    static double[] doubles(com.fasterxml.jackson.databind.JsonNode arr) {
        double[] out = new double[arr.size()];
        for (int i = 0; i < out.length; i++) out[i] = arr.get(i).isNumber() ? arr.get(i).doubleValue() : Double.NaN;
        return out;
    }

    static List<RunData> filterSigma(List<RunData> runs, Double sigma2) {
        if (sigma2 == null) return runs;
        List<RunData> out = new ArrayList<>();
        for (RunData r : runs) {
            if (Math.abs(r.configNumber("sigma2") - sigma2) < 1e-9) out.add(r);
        }
        return out;
    }

    static double[] shiftToZero(double[] y) {
        double min = Double.POSITIVE_INFINITY;
        for (double v : y) if (Double.isFinite(v)) min = Math.min(min, v);
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) out[i] = y[i] - (Double.isFinite(min) ? min : 0);
        return out;
    }

    /** Fig. 3b (and the modular Langevin comparison): target component 1 − |a| vs σ², phases shaded. */
    static Figure modularTarget(SpecData data, FigureSpec fig) {
        Figure.Builder b = Figure.builder(fig.id()).title(fig.title())
                .xLabel("noise σ²").yLabel("target component  1 − |a|");
        String cap = "";
        for (RunData r : data.of(param(fig, "theory", null))) {
            if (!usable(r) || r.theory().isEmpty()) continue;
            CsvTable t = r.theory().get();
            String xs = t.first("sigma2");
            String ac = t.first("absA", "abs_a", "a", "discrepancy");
            String tc = t.first("targetComponent", "learned", "oneMinusAbsA");
            if (xs == null || (ac == null && tc == null)) continue;
            double[] y;
            if (tc != null) {
                y = t.column(tc);
            } else {
                double[] a = t.column(ac);
                y = new double[a.length];
                for (int i = 0; i < y.length; i++) y[i] = 1 - Math.abs(a[i]);
            }
            b.add(Series.line("theory 1 − |a|", t.column(xs), y, 0));
            phaseBands(t, xs).forEach(b::band);
            cap = sizes(r, "N", "P", "sigmaA2", "gamma");
        }
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        List<Double> es = new ArrayList<>();
        List<RunData> training = data.of(param(fig, "training", null));
        int withError = 0;
        double minNets = Double.POSITIVE_INFINITY;
        for (RunData r : training) {
            if (!usable(r)) continue;
            double a = r.summaryNumber("discrepancyA");
            if (!Double.isFinite(a)) continue;
            double s = r.summaryStd("discrepancyA");
            double nets = r.summaryNumber("networks");
            xs.add(r.configNumber("sigma2"));
            ys.add(1 - Math.abs(a));
            boolean hasError = Double.isFinite(s) && nets > 1;
            es.add(hasError ? s / Math.sqrt(nets) : 0.0);
            if (hasError) {
                withError++;
                minNets = Math.min(minNets, nets);
            }
            if (cap.isEmpty()) cap = sizes(r, "N", "P", "sigmaA2");
        }
        if (!xs.isEmpty()) {
            b.add(Series.points("Langevin 1 − |a|", toArray(xs), toArray(ys), withError > 0 ? toArray(es) : null, 1));
            b.note(withError == xs.size()
                    ? String.format(Locale.ROOT, "Error bars: ± std/√networks over the ensemble (at least %.0f networks per point); "
                            + "where none is visible it is smaller than the marker.", minNets)
                    : withError == 0 ? "No error bars: each point comes from a single network (no ensemble spread to show)."
                    : (xs.size() - withError) + " of " + xs.size() + " points come from a single network and have no error bar.");
        }
        b.caption(String.format(Locale.ROOT, "%s|a| = σ²/(λ + σ²) is the discrepancy on the target (notes §5.4); "
                        + "1 − |a| is the learned fraction. Shaded: phases from the self-consistent solution "
                        + "(GFL, GMFL-I, GMFL-II; notes §5.7). %s%s.",
                fig.caption().isEmpty() ? "" : fig.caption() + " ", cap,
                xs.isEmpty() ? "" : "; markers: trained networks (" + trainingDescription(training) + "), mean ± std/√networks"));
        return b.build();
    }

    /**
     * Phase diagram of the modular model in (control, σ²), control = N or P: the GMFL-I onset
     * σ²_c1 and the GMFL-II onset σ²_c2 from {@code theory modular --transition}, regions shaded
     * by stacking filled areas (GFL above σ²_c1, GMFL-I between, GMFL-II below σ²_c2).
     */
    static Figure modularPhaseDiagram(SpecData data, FigureSpec fig) {
        String xKey = param(fig, "x", "N");
        Figure.Builder b = Figure.builder(fig.id()).title(fig.title())
                .xLabel("N".equals(xKey) ? "hidden width N" : "P".equals(xKey) ? "prime modulus P" : xKey).yLabel("noise σ²");
        String cap = "";
        for (RunData r : data.of(param(fig, "theory", null))) {
            if (!usable(r) || r.theory().isEmpty()) continue;
            CsvTable t = r.theory().get();
            if (!t.has(xKey) || !t.has("sigma2c1")) continue;
            double[] x = t.column(xKey);
            double[] c1 = t.column("sigma2c1");
            double[] c2 = t.has("sigma2c2") ? t.column("sigma2c2") : new double[x.length];
            double top = 0;
            for (double v : c1) if (Double.isFinite(v)) top = Math.max(top, v);
            top = Math.ceil(top * 12) / 10;
            double[] topLine = new double[x.length];
            java.util.Arrays.fill(topLine, top);
            double[] zero = new double[x.length];
            for (int i = 0; i < c2.length; i++) if (!Double.isFinite(c2[i])) c2[i] = 0; // GMFL-II never reached
            // Regions as filled boxes in the legend; only the two transition lines are drawn as lines
            // (the top of the GFL region is the plot's edge, not a phase line).
            b.add(Series.region("GFL", x, c1, topLine, 0));
            b.add(Series.region("GMFL-I", x, c2, c1, 4));
            b.add(Series.region("GMFL-II", x, zero, c2, 3));
            b.add(Series.line("σ²_c1 (GMFL-I onset)", x, c1, 6));
            b.add(Series.dashed("σ²_c2 (GMFL-II onset)", x, c2, 6));
            b.yRange(0.0, top);
            b.xRange(x[0], x[x.length - 1]);
            cap = sizes(r, "P", "sigmaA2", "gamma");
        }
        b.caption(String.format(Locale.ROOT, "%sTransition lines from the self-consistent theory (notes §5.7): above σ²_c1 only "
                        + "the zero saddle (GFL); between the lines the droplet (mixed) phase GMFL-I; below σ²_c2 every mode "
                        + "sits in the non-zero saddle (GMFL-II). %s.", fig.caption().isEmpty() ? "" : fig.caption() + " ", cap));
        return b.build();
    }

    /**
     * Phase diagram of the cubic model in (|ε|, u): the first-order point u_c and the spinodal
     * (where side wells first appear) from {@code theory cubic --transition}, one run per ε.
     */
    static Figure cubicPhaseDiagram(SpecData data, FigureSpec fig) {
        Figure.Builder b = Figure.builder(fig.id()).title(fig.title())
                .xLabel("cubic teacher coefficient |ε|").yLabel("effective interaction u = n²σ_a²/(σ⁴dN)").logY(true);
        TreeMap<Double, double[]> pts = new TreeMap<>();
        String cap = "";
        for (RunData r : data.of(param(fig, "theory", null))) {
            if (!usable(r) || r.theory().isEmpty()) continue;
            CsvTable t = r.theory().get();
            if (!t.has("uc") || t.size() == 0) continue;
            double eps = r.configNumber("eps");
            pts.put(Math.abs(eps), new double[]{t.number(0, "uc"), t.has("uSpinodal") ? t.number(0, "uSpinodal") : Double.NaN});
            cap = sizes(r, "n", "N", "d", "sigmaA2", "sigmaW2");
        }
        if (!pts.isEmpty()) {
            double[] x = new double[pts.size()];
            double[] uc = new double[pts.size()];
            double[] us = new double[pts.size()];
            int i = 0;
            double top = 0;
            double bottom = Double.POSITIVE_INFINITY;
            for (Map.Entry<Double, double[]> e : pts.entrySet()) {
                x[i] = e.getKey();
                uc[i] = e.getValue()[0];
                us[i] = e.getValue()[1];
                top = Math.max(top, uc[i]);
                bottom = Math.min(bottom, Double.isFinite(us[i]) ? us[i] : uc[i]);
                i++;
            }
            top = Math.pow(10, Math.ceil(Math.log10(top * 1.5)));
            bottom = Math.pow(10, Math.floor(Math.log10(bottom / 1.5)));
            double[] topLine = new double[x.length];
            java.util.Arrays.fill(topLine, top);
            double[] bottomLine = new double[x.length];
            java.util.Arrays.fill(bottomLine, bottom);
            double[] spin = new double[x.length];
            for (int k = 0; k < x.length; k++) spin[k] = Double.isFinite(us[k]) ? us[k] : uc[k];
            // Regions as filled boxes in the legend; the phase lines u_c and the spinodal as lines.
            b.add(Series.region("GMFL (u > u_c)", x, uc, topLine, 4));
            b.add(Series.region("GFL, metastable side wells", x, spin, uc, 2));
            b.add(Series.region("GFL, single well", x, bottomLine, spin, 0));
            b.add(Series.line("u_c (first-order point)", x, uc, 6));
            b.add(Series.dashed("spinodal", x, spin, 6));
            b.yRange(bottom, top).xRange(x[0], x[x.length - 1]);
        }
        b.caption(String.format(Locale.ROOT, "%sThermodynamic-limit theory (notes §4.8B): u_c is where the side wells at q* ≈ ±1 "
                        + "become degenerate with q = 0 (first-order point, u_c ≈ 30.2 at ε = −0.3, notes §4.7); below the "
                        + "spinodal S(q) has a single well. Along σ² at %s.",
                fig.caption().isEmpty() ? "" : fig.caption() + " ", cap));
        return b.build();
    }

    /** Fig. 3a: S_k/P along Φ = Ψ for several σ². */
    static Figure modularProfiles(SpecData data, FigureSpec fig) {
        // Inside GMFL-I the profiles of different σ² coincide: the droplet fraction keeps g = g* (notes §5.7).
        Figure.Builder b = Figure.builder(fig.id()).title(fig.title())
                .xLabel("Φ = |w_k|² = |v_k|²").yLabel("S_k / P");
        int colour = 0;
        String cap = "";
        Map<String, double[][]> drawn = new LinkedHashMap<>();
        for (RunData r : data.of(param(fig, "theory", null))) {
            if (!usable(r) || r.theory().isEmpty()) continue;
            CsvTable t = r.theory().get();
            String xc = t.first("phi", "Phi", "x");
            String yc = t.first("sPerP", "actionPerP", "S", "action", "s");
            if (xc == null || yc == null) continue;
            String phase = t.has("phase") && t.size() > 0 ? " (" + t.cell(0, "phase") + ")" : "";
            String name = "σ² = " + RunDescription.format(r.configNumber("sigma2"));
            double[] x = t.column(xc);
            double[] y = t.column(yc);
            // Curves inside GMFL-I coincide: one drawn on top of another would hide it. A curve that
            // coincides with an earlier one is drawn as markers along it, and its legend says so.
            String same = null;
            for (Map.Entry<String, double[][]> e : drawn.entrySet()) {
                if (coincide(e.getValue(), x, y)) {
                    same = e.getKey();
                    break;
                }
            }
            if (same != null) {
                double[][] sparse = every(x, y, Math.max(1, x.length / 14), colour);
                String bare = phase.isEmpty() ? "" : phase.substring(2, phase.length() - 1) + ", ";
                b.add(Series.points(name + " (" + bare + "= " + same.substring(same.indexOf('=') + 2) + ")", sparse[0], sparse[1], null, colour));
            } else {
                b.add(Series.styled(name + phase, x, y, Series.lineStyle(colour), colour));
                drawn.put(name, new double[][]{x, y});
            }
            colour++;
            cap = sizes(r, "N", "P", "sigmaA2", "gamma");
        }
        b.caption(String.format(Locale.ROOT, "%sPer-mode action relative to the zero saddle (notes §5.6): S_k/P = Φ − gΦ² + (γ/3)Φ³ "
                + "with g = u a² at the self-consistent a; 0 is the zero saddle. Inside GMFL-I the curves coincide (degenerate minima, "
                + "droplet fraction self-tuned); a curve that coincides with an earlier one is drawn as markers on it. %s.", fig.caption().isEmpty() ? "" : fig.caption() + " ", cap));
        return b.build();
    }

    /** True when curve (x, y) lies on {@code prev} (same abscissae, ordinates within 0.5 % of prev's range). */
    static boolean coincide(double[][] prev, double[] x, double[] y) {
        if (prev[0].length != x.length || x.length == 0) return false;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : prev[1]) {
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        double tol = 0.005 * Math.max(hi - lo, 1e-12);
        for (int i = 0; i < x.length; i++) {
            if (x[i] != prev[0][i] || !(Math.abs(y[i] - prev[1][i]) <= tol)) return false;
        }
        return true;
    }

    /** Every {@code step}-th point (starting at an offset that differs per series) and the last. */
    static double[][] every(double[] x, double[] y, int step, int offset) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = Math.floorMod(offset * 3, step); i < x.length; i += step) {
            xs.add(x[i]);
            ys.add(y[i]);
        }
        return new double[][]{toArray(xs), toArray(ys)};
    }

    /** Fig. 5 and the AdamW run: train (dashed) and test (solid) loss vs steps, log-log. */
    static Figure lossVsSteps(SpecData data, FigureSpec fig) {
        return timeSeries(data, fig, "loss (MSE)", List.of(
                new Metric("testLoss", "test", false, v -> v), new Metric("trainLoss", "train", true, v -> v)), true);
    }

    /** The fraction of hidden neurons in the side wells (|w·w*| above the run's threshold) in time. */
    static Figure dropletsVsSteps(SpecData data, FigureSpec fig) {
        return timeSeries(data, fig, "droplet fraction (|w·w*| > threshold)",
                List.of(new Metric("dropletFraction", "droplets", false, v -> v)), false);
    }

    static Figure accuracyVsSteps(SpecData data, FigureSpec fig) {
        return timeSeries(data, fig, "accuracy", List.of(
                new Metric("testAccuracy", "test", false, v -> v), new Metric("trainAccuracy", "train", true, v -> v)), false);
    }

    /** Fig. 6: projections on H₁ and on εH₃ (normalised: 1 = fully learned), train and test. */
    static Figure projectionsVsSteps(SpecData data, FigureSpec fig) {
        double eps = Double.NaN;
        for (RunData r : data.of(param(fig, "training", null))) {
            eps = r.configNumber("eps");
            if (Double.isFinite(eps)) break;
        }
        double e = eps;
        Function<Double, Double> cub = v -> Double.isFinite(e) && e != 0 ? v / e : v;
        String which = param(fig, "component", "both");
        List<Metric> metrics = new ArrayList<>();
        if (!which.equals("cubic")) {
            metrics.add(new Metric("testLinear", "test H₁", false, v -> v));
            metrics.add(new Metric("trainLinear", "train H₁", true, v -> v));
        }
        if (!which.equals("linear")) {
            metrics.add(new Metric("testCubic", "test εH₃", false, cub));
            metrics.add(new Metric("trainCubic", "train εH₃", true, cub));
        }
        return timeSeries(data, fig, which.equals("linear") ? "projection on H₁ (1 = learned)"
                : which.equals("cubic") ? "projection on εH₃ (1 = learned)" : "projection (1 = fully learned)", metrics, false);
    }

    record Metric(String column, String label, boolean dashed, Function<Double, Double> map) {
    }

    /**
     * Metrics in time, one run per group (its ensemble mean). With {@code individual: true} the
     * networks of the first start are drawn too, thin and pale under the means, for the solid
     * (test) metrics: one network's jump (a droplet nucleating) is washed out of the mean when
     * the networks jump at different times (the paper's Fig. 5 draws them in grey).
     * {@code individualGroup: 250} draws them for that group only (where the others would
     * overlap it), {@code data: test} leaves out the training-data curves, {@code logY} overrides
     * the kind's y scale.
     */
    static Figure timeSeries(SpecData data, FigureSpec fig, String yLabel, List<Metric> metrics, boolean logY) {
        String groupKey = param(fig, "groupBy", "");
        boolean individual = Boolean.parseBoolean(param(fig, "individual", "false"));
        Double individualGroup = paramNumber(fig, "individualGroup");
        boolean testOnly = param(fig, "data", "both").equals("test");
        List<RunData> runs = data.of(param(fig, "training", null));
        Figure.Builder b = Figure.builder(fig.id()).title(fig.title())
                .xLabel("training step").yLabel(yLabel).logX(true).logY(Boolean.parseBoolean(param(fig, "logY", String.valueOf(logY))));
        TreeMap<Double, List<RunData>> groups = groupKey.isEmpty() ? new TreeMap<>(Map.of(0.0, runs)) : groupBy(runs, groupKey);
        List<Series> members = new ArrayList<>();
        List<Series> means = new ArrayList<>();
        int colour = 0;
        int shown = 0;
        int drawnMembers = 0;
        for (Map.Entry<Double, List<RunData>> g : groups.descendingMap().entrySet()) {
            String gl = groupKey.isEmpty() ? "" : " " + groupSymbol(groupKey) + " = " + label(g.getKey());
            for (RunData r : g.getValue()) {
                if (!usable(r) || r.metrics().isEmpty()) continue;
                CsvTable t = r.metrics().get();
                double primary = r.summaryNumber("networks");
                double firstStart = Double.isFinite(primary) ? primary : Double.POSITIVE_INFINITY;
                int m = 0;
                for (Metric metric : metrics) {
                    if (!t.has(metric.column()) || (testOnly && metric.dashed())) continue;
                    int c = metrics.size() > 2 && groups.size() == 1 ? m : colour;
                    String name = metric.label() + gl;
                    boolean drawMembers = individual && !metric.dashed()
                            && (individualGroup == null || Math.abs(individualGroup - g.getKey()) < 1e-9 * Math.max(1, Math.abs(g.getKey())));
                    if (drawMembers) {
                        for (Map.Entry<Integer, double[][]> e : byNetwork(t, metric.column(), firstStart).entrySet()) {
                            double[][] s = e.getValue();
                            for (int i = 0; i < s[1].length; i++) s[1][i] = metric.map().apply(s[1][i]);
                            members.add(Series.thin(name + " network " + e.getKey(), s[0], s[1], c));
                            drawnMembers++;
                        }
                    }
                    double[][] s = meanByStep(t, metric.column(), firstStart);
                    for (int i = 0; i < s[1].length; i++) s[1][i] = metric.map().apply(s[1][i]);
                    means.add(metric.dashed() ? Series.dashed(name, s[0], s[1], c) : Series.line(name, s[0], s[1], c));
                    m++;
                }
                shown++;
                break; // one run per group: the ensemble mean of its networks
            }
            colour++;
        }
        members.forEach(b::add); // under the means
        means.forEach(b::add);
        b.caption(String.format(Locale.ROOT, "%sEnsemble mean over the networks of each run (%s)%s.%s %d run(s) shown.",
                fig.caption().isEmpty() ? "" : fig.caption() + " ", trainingDescription(runs),
                testOnly ? ", on test data" : metrics.stream().anyMatch(Metric::dashed) ? "; solid: test data, dashed: training data" : "",
                drawnMembers > 0 ? " Thin pale lines: the single networks (first start) under their mean"
                        + (individualGroup == null ? "" : " (" + groupSymbol(groupKey) + " = " + label(individualGroup) + " only)") + "." : "",
                shown));
        return b.build();
    }

    /** One series per network (index below {@code networks}): network → {steps, values}. */
    static TreeMap<Integer, double[][]> byNetwork(CsvTable t, String column, double networks) {
        TreeMap<Integer, double[][]> out = new TreeMap<>();
        if (!t.has("network")) return out;
        double[] steps = t.column("step");
        double[] v = t.column(column);
        double[] net = t.column("network");
        TreeMap<Integer, List<double[]>> acc = new TreeMap<>();
        for (int i = 0; i < steps.length; i++) {
            if (!Double.isFinite(v[i]) || !(net[i] < networks)) continue;
            acc.computeIfAbsent((int) net[i], k -> new ArrayList<>()).add(new double[]{steps[i], v[i]});
        }
        for (Map.Entry<Integer, List<double[]>> e : acc.entrySet()) {
            List<double[]> pts = e.getValue();
            pts.sort((a, c) -> Double.compare(a[0], c[0]));
            double[][] s = new double[2][pts.size()];
            for (int i = 0; i < pts.size(); i++) {
                s[0][i] = pts.get(i)[0];
                s[1][i] = pts.get(i)[1];
            }
            out.put(e.getKey(), s);
        }
        return out;
    }

    /** Neuron Fourier spectra: fraction of neurons per dominant frequency k, mean IPR in the legend. */
    static Figure fourierSpectrum(SpecData data, FigureSpec fig) {
        Figure.Builder b = Figure.builder(fig.id()).title(fig.title())
                .xLabel("dominant frequency k of a neuron's input weights").yLabel("fraction of neurons");
        int colour = 0;
        double yTop = 0;
        double kMax = 0;
        List<RunData> spectra = new ArrayList<>();
        for (RunData r : data.of(param(fig, "training", null))) {
            if (usable(r) && r.observable("fourier.csv").isPresent()) spectra.add(r);
        }
        for (RunData r : spectra) {
            if (!usable(r)) continue;
            var f = r.observable("fourier.csv");
            if (f.isEmpty()) continue;
            CsvTable t = f.get();
            double[] k = t.column("dominantFrequency");
            double[] ipr = t.column("ipr");
            TreeMap<Double, Integer> counts = new TreeMap<>();
            double iprSum = 0;
            for (int i = 0; i < k.length; i++) {
                counts.merge(k[i], 1, Integer::sum);
                iprSum += Double.isFinite(ipr[i]) ? ipr[i] : 0;
            }
            double[] x = new double[counts.size()];
            double[] y = new double[counts.size()];
            int j = 0;
            // Several runs side by side: each run's stems shifted by a fraction of the unit spacing.
            double shift = spectra.size() > 1 ? 0.5 * (colour - (spectra.size() - 1) / 2.0) / spectra.size() : 0;
            for (Map.Entry<Double, Integer> e : counts.entrySet()) {
                x[j] = e.getKey() + shift;
                y[j] = e.getValue() / (double) k.length;
                yTop = Math.max(yTop, y[j]);
                kMax = Math.max(kMax, e.getKey());
                j++;
            }
            List<String> label = new ArrayList<>();
            if (r.planned() != null) r.planned().tags().forEach((tk, tv) -> label.add(groupSymbol(tk) + " = " + label(CsvTable.number(RunDescription.format(tv)))));
            // The noise σ² is a Langevin parameter; an SGD/AdamW run has none to show.
            if (ReportWriter.isLangevin(r)) {
                if (r.config("sigma2") != null) label.add("σ² = " + RunDescription.format(r.configNumber("sigma2")));
            } else {
                Object opt = r.config("optimizer");
                label.add(opt == null ? "trained" : "adamw".equals(String.valueOf(opt)) ? "AdamW" : String.valueOf(opt).toUpperCase(Locale.ROOT));
            }
            String name = (label.isEmpty() ? r.dir().getFileName().toString() : String.join(", ", label))
                    + String.format(Locale.ROOT, " (mean IPR %.2f)", iprSum / Math.max(1, k.length));
            b.add(Series.stems(name, x, y, colour++));
        }
        if (yTop > 0) {
            b.yRange(0.0, Math.min(1.0, Math.ceil(yTop * 11) / 10));
            b.xRange(-0.5, kMax + 0.5);
        }
        b.caption((fig.caption().isEmpty() ? "" : fig.caption() + " ")
                + "Each neuron's input weights (w_n, v_m) Fourier-transformed over Z_P; its dominant frequency is the k "
                + "with the largest power. A grokked network spreads neurons over frequencies with single-frequency "
                + "(cosine) weights: inverse participation ratio (IPR) near 1 (notes §5.9).");
        return b.build();
    }
}
