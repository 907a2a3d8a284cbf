package dev.grokphase.app.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grokphase.app.plot.Figure;
import dev.grokphase.app.plot.Series;
import dev.grokphase.sweep.FigureSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * App. D's width-driven transition in numbers: the droplet fraction and the learned cubic fraction
 * against the width N, theory (finite-d solver, and the data-aware solver on the networks' own
 * datasets when the figure names one with {@code theoryData}) beside the trained ensembles. A run whose
 * equilibration flag is not true is drawn as a separate series, so the eye never takes it for an
 * equilibrium value.
 */
final class WidthFigures {

    private WidthFigures() {
    }

    /** Kind {@code droplets-vs-width}: params {@code theory}, {@code training}, optional {@code theoryData}. */
    static Figure dropletsVsWidth(SpecData data, FigureSpec fig) {
        Figure.Builder b = Figure.builder(fig.id()).title(fig.title()).xLabel("hidden width N").yLabel("fraction").logX(true);
        TreeMap<Double, double[]> theory = new TreeMap<>();
        for (RunData r : data.of(FigureBuilders.param(fig, "theory", null))) {
            if (!FigureBuilders.usable(r)) continue;
            for (JsonNode row : r.theoryRows()) {
                if (row.path("N").isNumber()) {
                    theory.put(row.path("N").asDouble(), new double[]{row.path("dropletFraction").asDouble(Double.NaN),
                            row.path("learnedCubic").asDouble(Double.NaN)});
                }
            }
            if (r.theoryRows().isEmpty() && r.theory().isPresent()) {
                CsvTable t = r.theory().get();
                if (t.has("N") && t.has("dropletFraction") && t.has("learnedCubic")) {
                    double[] n = t.column("N");
                    for (int i = 0; i < n.length; i++) {
                        theory.put(n[i], new double[]{t.column("dropletFraction")[i], t.column("learnedCubic")[i]});
                    }
                }
            }
        }
        if (!theory.isEmpty()) {
            double[] x = theory.keySet().stream().mapToDouble(Double::doubleValue).toArray();
            b.add(Series.line("finite-d theory: droplet fraction", x, theory.values().stream().mapToDouble(v -> v[0]).toArray(), 0));
            b.add(Series.dashed("finite-d theory: learned cubic (ε − c)/ε", x, theory.values().stream().mapToDouble(v -> v[1]).toArray(), 1));
        }
        boolean dataShown = dataAwarePoints(data, fig, b);
        // [N, value, error] per series: droplets / cubic, equilibrated or not.
        List<List<double[]>> pts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        int shown = 0;
        int notEq = 0;
        List<RunData> runs = data.of(FigureBuilders.param(fig, "training", null));
        for (RunData r : runs) {
            if (!FigureBuilders.usable(r)) continue;
            double n = r.configNumber("N");
            double eps = r.configNumber("eps");
            boolean eq = ReportWriter.shownEquilibrated(r);
            int off = eq ? 0 : 2;
            notEq += eq ? 0 : 1;
            double[] drop = r.windowMean("dropletFraction", "dropletFraction");
            if (drop != null) {
                pts.get(off).add(new double[]{n, drop[0], drop[1]});
            }
            double[] cubic = r.windowMean("testCubic", "cubicProjection");
            if (cubic != null && Double.isFinite(eps) && eps != 0) {
                pts.get(off + 1).add(new double[]{n, cubic[0] / eps, cubic[1] / Math.abs(eps)});
            }
            shown++;
        }
        String[] names = {"experiment: droplet fraction", "experiment: learned cubic",
                "experiment: droplet fraction (NOT equilibrated)", "experiment: learned cubic (NOT equilibrated)"};
        for (int k = 0; k < 4; k++) {
            List<double[]> p = pts.get(k);
            if (p.isEmpty()) continue;
            double[] x = p.stream().mapToDouble(v -> v[0]).toArray();
            double[] y = p.stream().mapToDouble(v -> v[1]).toArray();
            double[] e = p.stream().mapToDouble(v -> v[2]).toArray();
            b.add(k < 2 ? Series.points(names[k], x, y, e, k) : Series.flaggedPoints(names[k], x, y, e, k - 2));
        }
        b.caption(String.format(Locale.ROOT, "%sDroplet fraction = share of hidden neurons with |w·w*| above the droplet "
                        + "threshold (0.8), and learned cubic fraction = cubic projection / ε on test inputs: ensemble and time "
                        + "average over the equilibration window (second half of the run; error bars: standard error with the "
                        + "autocorrelation time). Lines: finite-d theory (side-well weight and (ε − c)/ε). "
                        + "%s%d run(s) (%s), %d not equilibrated by the two-start test.",
                fig.caption().isEmpty() ? "" : fig.caption() + " ", dataShown
                        ? "Squares and triangles: data-aware theory on the networks' own training sets and test points "
                        + "(sampled single-neuron distribution, no continuum step; weight with |w·w*| above the same threshold, "
                        + "and the same test-point cubic projection; average over the datasets ± Monte-Carlo error; docs/theory.md). "
                        : "", shown, FigureBuilders.trainingDescription(runs), notEq));
        return b.build();
    }

    /**
     * Param {@code theoryData}: rows of {@code theory cubic --limit data} (one per N), drawn as points
     * with Monte-Carlo error bars: the sample weight beyond the networks' droplet threshold
     * ({@code aboveThreshold}) and the test-point learned cubic fraction ({@code learnedCubic}),
     * both defined as the trained networks' are. Returns whether anything was drawn.
     */
    private static boolean dataAwarePoints(SpecData data, FigureSpec fig, Figure.Builder b) {
        String id = FigureBuilders.param(fig, "theoryData", null);
        if (id == null) return false;
        TreeMap<Double, double[]> rows = new TreeMap<>();
        for (RunData r : data.of(id)) {
            if (!FigureBuilders.usable(r)) continue;
            for (JsonNode row : r.theoryRows()) {
                if (row.path("N").isNumber() && row.path("aboveThreshold").isNumber() && row.path("learnedCubic").isNumber()) {
                    rows.put(row.path("N").asDouble(), new double[]{row.path("aboveThreshold").asDouble(),
                            row.path("aboveThresholdErr").asDouble(0), row.path("learnedCubic").asDouble(),
                            row.path("learnedCubicErr").asDouble(0)});
                }
            }
        }
        if (rows.isEmpty()) return false;
        double[] x = rows.keySet().stream().mapToDouble(Double::doubleValue).toArray();
        double[][] col = new double[4][x.length];
        int i = 0;
        for (double[] v : rows.values()) {
            for (int k = 0; k < 4; k++) col[k][i] = v[k];
            i++;
        }
        b.add(Series.points("data-aware theory: droplet fraction", x, col[0], col[1], 2));
        b.add(Series.points("data-aware theory: learned cubic", x, col[2], col[3], 3));
        return true;
    }
}
