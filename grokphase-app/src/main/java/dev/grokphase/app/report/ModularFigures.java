package dev.grokphase.app.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grokphase.app.plot.Figure;
import dev.grokphase.app.plot.Series;
import dev.grokphase.sweep.FigureSpec;
import dev.grokphase.sweep.RunDescription;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Figures that put the modular theories beside Langevin-sampled networks (issue 10; docs/theory.md
 * "Theory against Langevin"): the learned fraction 1 − |a| of every theory run and of the GP, with
 * the networks' equilibrated means; and the histogram of √(|w_k|²|v_k|²) over neurons and modes,
 * where droplets show as a second peak.
 */
final class ModularFigures {

    private ModularFigures() {
    }

    /**
     * Kind {@code modular-theories}: params {@code theories} (comma-separated theory ids; each run's
     * limit and normalisation name its line), {@code training} (the Langevin id). The NNGP GP line
     * comes from any theory run with the gpTrainRelRmse column (full table: learned = 1 − relative
     * RMSE). Markers: the equilibration window's mean ± standard error (observables/equilibration.json),
     * else the final mean ± std/√networks.
     */
    static Figure theories(SpecData data, FigureSpec fig) {
        Figure.Builder b = Figure.builder(fig.id()).title(fig.title())
                .xLabel("noise σ²").yLabel("learned fraction  1 − |a|");
        String cap = "";
        boolean gpDone = false;
        for (String id : FigureBuilders.param(fig, "theories", "").split(",")) {
            id = id.strip();
            if (id.isEmpty()) continue;
            for (RunData r : data.of(id)) {
                if (!FigureBuilders.usable(r) || r.theory().isEmpty()) continue;
                CsvTable t = r.theory().get();
                if (!t.has("sigma2") || !t.has("learned")) continue;
                double[] x = t.column("sigma2");
                if (t.has("learnedErr")) {
                    // the data-aware solver: markers with its Monte-Carlo error, so it stays visible where it
                    // lies on the per-mode integral (on the full table the two are the same theory)
                    b.add(Series.pointsLine(theoryLabel(r), x, t.column("learned"), t.column("learnedErr"), theoryColour(r)));
                } else {
                    b.add(Series.line(theoryLabel(r), x, t.column("learned"), theoryColour(r)));
                }
                if (!gpDone && t.has("gpTrainRelRmse")) {
                    double[] rel = t.column("gpTrainRelRmse");
                    double[] y = new double[rel.length];
                    for (int i = 0; i < y.length; i++) y[i] = 1 - rel[i];
                    b.add(Series.dashed("NNGP GP (no adaptation)", x, y, 7));
                    gpDone = true;
                }
                if (cap.isEmpty()) cap = FigureBuilders.sizes(r, "P", "N", "sigmaA2", "gamma");
            }
        }
        // [0]: equilibrated (filled markers), [1]: not shown to be (crosses)
        List<List<Double>> xs = List.of(new ArrayList<>(), new ArrayList<>());
        List<List<Double>> ys = List.of(new ArrayList<>(), new ArrayList<>());
        List<List<Double>> es = List.of(new ArrayList<>(), new ArrayList<>());
        List<RunData> training = data.of(FigureBuilders.param(fig, "training", null));
        int points = 0;
        for (RunData r : training) {
            if (!FigureBuilders.usable(r)) continue;
            double[] me = windowMean(r);
            if (me == null) continue;
            JsonNode s = r.summary();
            int g = s != null && s.path("equilibrated").asBoolean(false) ? 0 : 1;
            xs.get(g).add(r.configNumber("sigma2"));
            ys.get(g).add(1 - me[0]);
            es.get(g).add(me[1]);
            points++;
        }
        int equilibrated = xs.get(0).size();
        if (!xs.get(0).isEmpty()) {
            b.add(Series.points("Langevin networks (equilibrated)", FigureBuilders.toArray(xs.get(0)),
                    FigureBuilders.toArray(ys.get(0)), FigureBuilders.toArray(es.get(0)), 4));
        }
        if (!xs.get(1).isEmpty()) {
            b.add(Series.flaggedPoints("Langevin networks (not equilibrated)", FigureBuilders.toArray(xs.get(1)),
                    FigureBuilders.toArray(ys.get(1)), FigureBuilders.toArray(es.get(1)), 4));
        }
        b.caption(String.format(Locale.ROOT, "%sLines: the modular theory at the networks' parameters (%s): the per-mode "
                        + "integral (no saddle-point step, keeps the Gaussian/GP part), the saddle-point mixture in both "
                        + "normalisations, the data-aware solver (markers with Monte-Carlo errors; on the full table it is the "
                        + "per-mode integral computed by sampling whole neurons) and the NNGP GP. %s",
                fig.caption().isEmpty() ? "" : fig.caption() + " ", cap,
                points == 0 ? "" : String.format(Locale.ROOT, "Markers: %s, mean over the second half of the run ± standard "
                                + "error (ensemble and time; autocorrelation-corrected); %d of %d points pass the equilibration checks "
                                + "(filled; crosses: not shown to be equilibrated).",
                        FigureBuilders.trainingDescription(training), equilibrated, points)));
        return b.build();
    }

    /** {|mean|, standard error} of discrepancyA over the equilibration window, or the final-step fallback; null if none. */
    static double[] windowMean(RunData r) {
        double[] m = r.windowMean("discrepancyA", "discrepancyA");
        return m == null ? null : new double[] {Math.abs(m[0]), m[1]};
    }

    /** One colour per theory kind, so a figure with or without the data-aware line reads the same. */
    private static int theoryColour(RunData r) {
        String limit = String.valueOf(r.config("limit"));
        boolean paper = "paper".equals(String.valueOf(r.config("normalization")));
        return switch (limit) {
            case "integral" -> 0;
            case "finite" -> paper ? 2 : 1;
            case "data" -> 3;
            default -> 5;
        };
    }

    private static String theoryLabel(RunData r) {
        String limit = String.valueOf(r.config("limit"));
        Object norm = r.config("normalization");
        String name = switch (limit) {
            case "integral" -> "per-mode integral";
            case "finite" -> "saddle point";
            case "data" -> "data-aware";
            case "thermodynamic" -> "P → ∞";
            default -> limit;
        };
        return norm == null || "data".equals(limit) ? name : name + " (" + norm + ")";
    }

    /**
     * Kind {@code modular-mode-histogram}: params {@code training}. For each run, the distribution
     * of r = √(|w_k|²|v_k|²) over every network, neuron and frequency k = 1..(P−1)/2 at the end of the
     * run (observables/spectrum.csv: folded powers 2|w_k|², 2|v_k|²), as a density on a log axis. A
     * droplet well shows as a second peak at r ≈ Φ_+ beyond the cut 1/√γ.
     */
    static Figure modeHistogram(SpecData data, FigureSpec fig) {
        Figure.Builder b = Figure.builder(fig.id()).title(fig.title())
                .xLabel("r = √(|w_k|²|v_k|²) per neuron and mode").yLabel("density").logY(true);
        int colour = 0;
        int bins = 36;
        double top = 1.8;
        String cap = "";
        for (RunData r : data.of(FigureBuilders.param(fig, "training", null))) {
            if (!FigureBuilders.usable(r)) continue;
            var f = r.observable("spectrum.csv");
            if (f.isEmpty()) continue;
            CsvTable t = f.get();
            double[] k = t.column("k");
            double[] pw = t.column("powerW");
            double[] pv = t.column("powerV");
            double[] counts = new double[bins];
            int total = 0;
            for (int i = 0; i < k.length; i++) {
                if (k[i] < 1) continue;
                double rr = Math.sqrt(pw[i] * pv[i]) / 2;
                total++;
                int bin = (int) Math.floor(rr / top * bins);
                if (bin >= 0 && bin < bins) counts[bin]++;
            }
            if (total == 0) continue;
            double[] x = new double[bins];
            double[] y = new double[bins];
            for (int i = 0; i < bins; i++) {
                x[i] = (i + 0.5) * top / bins;
                y[i] = counts[i] / total / (top / bins);
            }
            b.add(Series.pointsLine("σ² = " + RunDescription.format(r.configNumber("sigma2")), x, y, null, colour++));
            if (cap.isEmpty()) {
                cap = FigureBuilders.sizes(r, "P", "N", "sigmaA2", "gamma");
                double gamma = r.configNumber("gamma");
                if (gamma > 0) {
                    cap += String.format(Locale.ROOT, "; droplet cut 1/√γ = %.3g", 1 / Math.sqrt(gamma));
                }
            }
        }
        b.caption((fig.caption().isEmpty() ? "" : fig.caption() + " ") + "Each neuron's input weights Fourier-transformed; "
                + "r pairs the same frequency in both halves, the quantity the per-mode action rewards (notes §5.6). "
                + "Under the prior r ~ 1/P; droplets (cosine neurons, §5.9) form a second peak. Empty bins are not drawn "
                + "on the log axis. " + cap + ".");
        return b.build();
    }
}
