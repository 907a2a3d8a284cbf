package dev.grokphase.theory.modular.gp;

/**
 * A GP posterior mean trained on a subset of the table, for all P output channels; shared error
 * accounting of the dense ({@link SubsetGp}) and low-rank ({@link LowRankSubsetGp}) solvers.
 */
public abstract class TrainedGp {

    protected final QuadraticNngpKernel kernel;
    protected final int[] train;

    protected TrainedGp(QuadraticNngpKernel kernel, int[] train) {
        this.kernel = kernel;
        this.train = train.clone();
    }

    /** Posterior mean of all P channels at table entry {@code x}. */
    public abstract double[] predict(int x);

    /** Errors on the training set and on the given held-out entries. */
    public GpFit fit(int[] test) {
        double[] tr = errors(train);
        double[] te = test.length == 0 ? new double[] {Double.NaN, Double.NaN} : errors(test);
        return new GpFit(train.length, test.length, tr[0], te[0], tr[1], te[1]);
    }

    private double[] errors(int[] points) {
        TwoHotTable t = kernel.table();
        double err = 0;
        double norm = 0;
        int correct = 0;
        for (int x : points) {
            double[] f = predict(x);
            int best = 0;
            for (int c = 0; c < f.length; c++) {
                double y = t.target(c, x);
                err += (f[c] - y) * (f[c] - y);
                norm += y * y;
                if (f[c] > f[best]) {
                    best = c;
                }
            }
            correct += best == t.label(x) ? 1 : 0;
        }
        return new double[] {Math.sqrt(err / norm), (double) correct / points.length};
    }
}
