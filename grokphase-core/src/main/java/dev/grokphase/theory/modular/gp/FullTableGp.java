package dev.grokphase.theory.modular.gp;

/**
 * GP regression with the NNGP kernel trained on the whole P² table, through the kernel's
 * eigenspaces (notes §5.3, §5.5). Any function y on the table splits uniquely into its mean, its
 * row part r_n = mean_m y_nm − mean, its column part c_m = mean_n y_nm − mean, and the rest (the
 * bulk, all (k,k') modes with k, k' ≠ 0). These are exactly the three eigenspaces of the kernel,
 * so the posterior mean Q(Q + σ²I)⁻¹y multiplies each part by λ/(λ + σ²) of its eigenvalue: O(P²)
 * per output channel instead of a P² × P² solve. P = 401 (all 401 channels) takes well under a
 * second.
 */
public final class FullTableGp {

    private final QuadraticNngpKernel kernel;
    private final double sigma2;

    public FullTableGp(QuadraticNngpKernel kernel, double sigma2) {
        this.kernel = kernel;
        this.sigma2 = sigma2;
    }

    /** λ/(λ + σ²) for the bulk eigenvalue: the learned fraction of the target, 1 − |a| of the GP. */
    public double bulkShrinkage() {
        return shrink(kernel.eigenvalueBulk());
    }

    private double shrink(double lambda) {
        return lambda / (lambda + sigma2);
    }

    /**
     * Posterior mean on the table for one output channel; {@code y} and {@code out} have P² entries
     * (index n·P + m) and may be the same array. Returns {@code out} (allocated when null).
     */
    public double[] predict(double[] y, double[] out) {
        int p = kernel.table().p();
        if (out == null) {
            out = new double[p * p];
        }
        double[] rowMean = new double[p];
        double[] colMean = new double[p];
        double mean = 0;
        for (int n = 0; n < p; n++) {
            for (int m = 0; m < p; m++) {
                double v = y[n * p + m];
                rowMean[n] += v;
                colMean[m] += v;
                mean += v;
            }
        }
        mean /= (double) p * p;
        for (int k = 0; k < p; k++) {
            rowMean[k] = rowMean[k] / p - mean;
            colMean[k] = colMean[k] / p - mean;
        }
        double s0 = shrink(kernel.eigenvalueConstant());
        double sAxis = shrink(kernel.eigenvalueAxis());
        double sBulk = bulkShrinkage();
        for (int n = 0; n < p; n++) {
            for (int m = 0; m < p; m++) {
                int i = n * p + m;
                double bulk = y[i] - mean - rowMean[n] - colMean[m];
                out[i] = s0 * mean + sAxis * (rowMean[n] + colMean[m]) + sBulk * bulk;
            }
        }
        return out;
    }

    /** Fit of the modular-addition target on the whole table, all P channels (train = test = table). */
    public GpFit fitTarget() {
        TwoHotTable t = kernel.table();
        int p = t.p();
        double[] y = new double[p * p];
        double[] f = new double[p * p];
        double err = 0;
        double norm = 0;
        int[] argmax = new int[p * p];
        double[] best = new double[p * p];
        java.util.Arrays.fill(best, Double.NEGATIVE_INFINITY);
        for (int c = 0; c < p; c++) {
            for (int i = 0; i < y.length; i++) {
                y[i] = t.target(c, i);
            }
            predict(y, f);
            for (int i = 0; i < y.length; i++) {
                double d = f[i] - y[i];
                err += d * d;
                norm += y[i] * y[i];
                if (f[i] > best[i]) {
                    best[i] = f[i];
                    argmax[i] = c;
                }
            }
        }
        int correct = 0;
        for (int i = 0; i < y.length; i++) {
            correct += argmax[i] == t.label(i) ? 1 : 0;
        }
        double rel = Math.sqrt(err / norm);
        return new GpFit(y.length, 0, rel, Double.NaN, (double) correct / y.length, Double.NaN);
    }
}
