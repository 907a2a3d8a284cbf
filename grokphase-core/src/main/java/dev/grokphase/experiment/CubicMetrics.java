package dev.grokphase.experiment;

import dev.grokphase.observe.CubicProjections;
import dev.grokphase.observe.Losses;
import dev.grokphase.observe.Overlaps;
import dev.grokphase.observe.WeightNorms;
import dev.grokphase.store.RunDirectory;
import dev.grokphase.task.Dataset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Observables of model 1 (the erf network on the cubic teacher), paper-notes §6.1: MSE on train
 * and test, the linear and cubic projections of the output on train and test inputs (linear 1
 * and cubic ε when learned), weight norms; at the end the overlaps w_i·w* and their pooled
 * histogram with 5-subset error bars.
 */
public final class CubicMetrics implements TaskMetrics {

    /** Histogram bins of the overlap distribution. */
    public static final int BINS = 60;

    @Override
    public String task() {
        return "cubic";
    }

    @Override
    public List<String> names() {
        return List.of("trainLoss", "testLoss", "trainLinear", "trainCubic", "testLinear", "testCubic", "weightNormW", "weightNormA");
    }

    @Override
    public double[] compute(Experiment.Network m) {
        Dataset d = m.data();
        double[] ftr = m.predict(d.xTrain(), d.nTrain());
        double[] fte = m.predict(d.xTest(), d.nTest());
        CubicProjections.Projections tr = CubicProjections.of(ftr, d.xTrain(), d.nTrain(), d.teacherDirection());
        CubicProjections.Projections te = CubicProjections.of(fte, d.xTest(), d.nTest(), d.teacherDirection());
        return new double[]{
                Losses.mse(ftr, d.yTrain(), d.nTrain(), 1), Losses.mse(fte, d.yTest(), d.nTest(), 1),
                tr.linear(), tr.cubic(), te.linear(), te.cubic(),
                WeightNorms.frobenius(m.snapshotW()), WeightNorms.frobenius(m.snapshotA())};
    }

    @Override
    public Map<String, String> summaryKeys() {
        Map<String, String> k = new LinkedHashMap<>();
        k.put("trainLoss", "trainLoss");
        k.put("testLoss", "testLoss");
        k.put("linearProjection", "testLinear");
        k.put("cubicProjection", "testCubic");
        k.put("trainLinearProjection", "trainLinear");
        k.put("trainCubicProjection", "trainCubic");
        k.put("weightNormW", "weightNormW");
        k.put("weightNormA", "weightNormA");
        return k;
    }

    @Override
    public List<String> equilibrationColumns() {
        return List.of("testLinear", "testCubic", "trainLinear", "trainCubic", "trainLoss");
    }

    @Override
    public void writeObservables(RunDirectory dir, List<Experiment.Network> networks) {
        StringBuilder ov = new StringBuilder("network,neuron,overlap\n");
        List<double[]> all = new ArrayList<>();
        double max = 0;
        for (Experiment.Network n : networks) {
            double[] w = n.snapshotW();
            int neurons = w.length / n.data().inputDim();
            double[] q = Overlaps.of(w, neurons, n.data().teacherDirection());
            all.add(q);
            for (int i = 0; i < q.length; i++) {
                ov.append(n.index()).append(',').append(i).append(',').append(q[i]).append('\n');
                max = Math.max(max, Math.abs(q[i]));
            }
        }
        dir.writeObservable("overlaps.csv", ov.toString());
        // Symmetric range covering every overlap, rounded up to 0.05 so that runs are comparable.
        double r = Math.max(0.05, Math.ceil(max / 0.05) * 0.05);
        Overlaps.Histogram h = Overlaps.pooledHistogram(all, -r, r, BINS);
        StringBuilder hs = new StringBuilder("centre,density,negLogP,error,negLogPError\n");
        for (int b = 0; b < h.centres().length; b++) {
            hs.append(h.centres()[b]).append(',').append(h.density()[b]).append(',').append(h.negLogP()[b]).append(',')
                    .append(h.error()[b]).append(',').append(h.negLogPError()[b]).append('\n');
        }
        dir.writeObservable("overlap-histogram.csv", hs.toString());
    }
}
