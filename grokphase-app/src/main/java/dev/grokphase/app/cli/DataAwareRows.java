package dev.grokphase.app.cli;

import dev.grokphase.param.Require;
import dev.grokphase.task.Dataset;
import dev.grokphase.theory.ak.AkSolution;
import dev.grokphase.theory.ak.CubicDataTheory;
import dev.grokphase.theory.ak.ModularDataTheory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Output rows of the data-aware solver, shared by {@code theory cubic|modular --limit data}. */
final class DataAwareRows {

    private DataAwareRows() {
    }

    static void validate(DataAwareOptions o) {
        Require.positive("--datasets", o.datasets);
        Require.positive("--n-test", o.nTest);
        o.settings(); // validates the sampler and convergence options with their names
    }

    static Map<String, Object> cubic(CubicDataTheory.Point pt, CubicDataTheory.Result r, boolean jsonl, boolean predictions) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("sigma2", pt.sigma2());
        row.put("n", pt.n());
        row.put("N", count(pt.width()));
        row.put("d", pt.d());
        putEstimate(row, "learnedLinear", r.learnedLinear());
        putEstimate(row, "learnedCubic", r.learnedCubic());
        putEstimate(row, "dropletFraction", r.dropletFraction());
        row.put("qStar", Double.isNaN(r.qStar().value()) ? "-" : r.qStar().value());
        row.put("phase", r.phase());
        putPopulation(row, r.mean());
        putRunColumns(row, r.solutions(), r.datasets(), r.converged(), r.seconds(), jsonl, predictions);
        if (jsonl) {
            List<Map<String, Object>> per = new ArrayList<>();
            for (int j = 0; j < r.perDataset().size(); j++) {
                CubicDataTheory.Observed o = r.perDataset().get(j);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("dataset", j);
                putEstimate(m, "learnedLinear", o.learnedLinear());
                putEstimate(m, "learnedCubic", o.learnedCubic());
                putEstimate(m, "dropletFraction", o.dropletFraction());
                m.put("qStar", Double.isNaN(o.qStar().value()) ? null : o.qStar().value());
                putPopulation(m, o);
                per.add(m);
            }
            row.put("perDataset", per);
        }
        return row;
    }

    /**
     * The components on the whole input distribution (the continuum solvers' 1 − b and (ε − c)/ε) and
     * the weight beyond the trainer's droplet threshold (the networks' dropletFraction).
     */
    private static void putPopulation(Map<String, Object> row, CubicDataTheory.Observed o) {
        putEstimate(row, "learnedLinearPopulation", o.linearPopulation());
        putEstimate(row, "learnedCubicPopulation", o.cubicPopulation());
        putEstimate(row, "aboveThreshold", o.aboveThreshold());
        row.put("dropletThreshold", CubicDataTheory.DROPLET_THRESHOLD);
    }

    static Map<String, Object> modular(ModularDataTheory.Point pt, ModularDataTheory.Result r, boolean jsonl, boolean predictions) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("sigma2", pt.sigma2());
        row.put("P", pt.prime());
        row.put("N", count(pt.width()));
        row.put("sigmaA2", pt.sigmaA2());
        putEstimate(row, "a", r.a());
        putEstimate(row, "learned", r.learned());
        if (!Double.isNaN(r.testA().value())) {
            row.put("testA", r.testA().value());
            row.put("testAErr", r.testA().error());
        }
        putEstimate(row, "dropletFraction", r.dropletFraction());
        putEstimate(row, "modeProduct", r.modeProduct());
        row.put("phase", r.phase());
        putRunColumns(row, r.solutions(), r.datasets(), r.converged(), r.seconds(), jsonl, predictions);
        return row;
    }

    /** A Monte-Carlo estimate as two columns: {@code name} and {@code nameErr}. */
    private static void putEstimate(Map<String, Object> row, String name, AkSolution.Estimate e) {
        row.put(name, e.value());
        row.put(name + "Err", e.error());
    }

    /** The columns every data-aware row ends with, whichever model. */
    private static void putRunColumns(Map<String, Object> row, List<AkSolution> solutions, List<Dataset> datasets,
                                      boolean converged, double seconds, boolean jsonl, boolean predictions) {
        row.put("datasets", solutions.size());
        row.put("converged", converged);
        row.put("seconds", Math.round(seconds * 10) / 10.0);
        if (jsonl) {
            row.put("limit", "data");
            row.put("diagnostics", diagnostics(solutions));
            if (predictions) {
                row.put("predictions", predictions(solutions, datasets));
            }
        }
    }

    static List<Map<String, Object>> diagnostics(List<AkSolution> sols) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (AkSolution s : sols) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("converged", s.converged());
            m.put("passes", s.passes());
            m.put("iterations", s.iterations());
            m.put("residual", s.residual());
            m.put("essFraction", s.essFraction());
            m.put("samples", s.sampleCount());
            m.put("minExchangeAcceptance", s.minExchangeAcceptance());
            m.put("malaAcceptance", s.malaAcceptance());
            m.put("roundTrips", s.roundTrips());
            m.put("ladder", s.ladder());
            m.put("seconds", s.seconds());
            out.add(m);
        }
        return out;
    }

    /** Per dataset: the mean predictor on the training inputs (n×K) and on the test inputs (nTest×K). */
    static List<Map<String, Object>> predictions(List<AkSolution> sols, List<Dataset> data) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int j = 0; j < sols.size(); j++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dataset", j);
            m.put("outputs", sols.get(j).problem().outputDim());
            m.put("train", sols.get(j).fTrain()[0]);
            m.put("test", sols.get(j).fTest()[0]);
            out.add(m);
        }
        return out;
    }

    static Object count(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? (Object) (long) v : (Object) v;
    }
}
