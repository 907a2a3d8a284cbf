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
    /** Default |w·w*| above which a neuron counts as a droplet (--droplet-threshold). */
    public static final double DEFAULT_DROPLET_THRESHOLD = 0.8;

    private final double dropletThreshold;

    public CubicMetrics() {
        this(DEFAULT_DROPLET_THRESHOLD);
    }

    /**
     * @param dropletThreshold |w_i·w*| above which neuron i counts as a droplet: a neuron in a side
     *                         well of S(q) (notes §4.3; the wells sit near |q| ≈ 1.3 at the App. D point)
     */
    public CubicMetrics(double dropletThreshold) {
        this.dropletThreshold = dropletThreshold;
    }

    @Override
    public String task() {
        return "cubic";
    }

    @Override
    public List<String> names() {
        return List.of("trainLoss", "testLoss", "trainLinear", "trainCubic", "testLinear", "testCubic", "weightNormW", "weightNormA", "dropletFraction");
    }

    @Override
    public double[] compute(Experiment.Network m) {
        Dataset d = m.data();
        double[] ftr = m.predict(d.xTrain(), d.nTrain());
        double[] fte = m.predict(d.xTest(), d.nTest());
        CubicProjections.Projections tr = CubicProjections.of(ftr, d.xTrain(), d.nTrain(), d.teacherDirection());
        CubicProjections.Projections te = CubicProjections.of(fte, d.xTest(), d.nTest(), d.teacherDirection());
        double[] w = m.snapshotW();
        return new double[]{
                Losses.mse(ftr, d.yTrain(), d.nTrain(), 1), Losses.mse(fte, d.yTest(), d.nTest(), 1),
                tr.linear(), tr.cubic(), te.linear(), te.cubic(),
                WeightNorms.frobenius(w), WeightNorms.frobenius(m.snapshotA()), dropletFraction(w, d.teacherDirection())};
    }

    /** Fraction of the neurons (rows of w) with |w_i·w*| above the threshold. */
    double dropletFraction(double[] w, double[] teacher) {
        int neurons = w.length / teacher.length;
        double[] q = Overlaps.of(w, neurons, teacher);
        int count = 0;
        for (double v : q) {
            if (Math.abs(v) > dropletThreshold) {
                count++;
            }
        }
        return count / (double) neurons;
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
        k.put("dropletFraction", "dropletFraction");
        return k;
    }

    @Override
    public List<String> equilibrationColumns() {
        return List.of("testLinear", "testCubic", "trainLinear", "trainCubic", "trainLoss", "dropletFraction");
    }

    @Override
    public void writeObservables(RunDirectory dir, List<Experiment.Network> networks) {
        StringBuilder ov = new StringBuilder("network,neuron,overlap\n");
        List<double[]> all = new ArrayList<>();
        List<double[]> primary = new ArrayList<>(); // the first start's networks: the pooled histogram
        double max = 0;
        for (Experiment.Network n : networks) {
            double[] w = n.snapshotW();
            int neurons = w.length / n.data().inputDim();
            double[] q = Overlaps.of(w, neurons, n.data().teacherDirection());
            all.add(q);
            if (n.start().equals(networks.get(0).start())) {
                primary.add(q);
            }
            for (int i = 0; i < q.length; i++) {
                ov.append(n.index()).append(',').append(i).append(',').append(q[i]).append('\n');
                max = Math.max(max, Math.abs(q[i]));
            }
        }
        dir.writeObservable("overlaps.csv", ov.toString());
        // Symmetric range covering every overlap, rounded up to 0.05 so that runs are comparable.
        double r = Math.max(0.05, Math.ceil(max / 0.05) * 0.05);
        Overlaps.Histogram h = Overlaps.pooledHistogram(primary, -r, r, BINS);
        StringBuilder hs = new StringBuilder("centre,density,negLogP,error,negLogPError\n");
        for (int b = 0; b < h.centres().length; b++) {
            hs.append(h.centres()[b]).append(',').append(h.density()[b]).append(',').append(h.negLogP()[b]).append(',')
                    .append(h.error()[b]).append(',').append(h.negLogPError()[b]).append('\n');
        }
        dir.writeObservable("overlap-histogram.csv", hs.toString());
        // The same bins per network, to see the spread between networks (and droplets in single runs).
        StringBuilder per = new StringBuilder("network,centre,density\n");
        for (int j = 0; j < networks.size(); j++) {
            Overlaps.Histogram hj = Overlaps.pooledHistogram(List.of(all.get(j)), -r, r, BINS);
            for (int b = 0; b < hj.centres().length; b++) {
                per.append(networks.get(j).index()).append(',').append(hj.centres()[b]).append(',').append(hj.density()[b]).append('\n');
            }
        }
        dir.writeObservable("overlap-histogram-per-network.csv", per.toString());
    }
}
