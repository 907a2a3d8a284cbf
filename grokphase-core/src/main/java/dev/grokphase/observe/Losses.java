package dev.grokphase.observe;

/**
 * Loss and accuracy of predictions {@code f} (n×K, row-major) against targets {@code y} (n×K).
 *
 * <p>The reported MSE is the mean over all n·K entries of (f − y)², the convention of PyTorch's
 * {@code MSELoss}; the Langevin energy of paper-notes §2.2 is the un-normalised sum, which is
 * n·K/2 times it. Cross-entropy is the mean over samples of −log softmax(f)_label.
 */
public final class Losses {

    private Losses() {
    }

    /** Mean over all n·K entries of (f − y)². */
    public static double mse(double[] f, double[] y, int n, int k) {
        check(f, y, n, k);
        double s = 0;
        for (int i = 0; i < n * k; i++) {
            double r = f[i] - y[i];
            s += r * r;
        }
        return n == 0 ? Double.NaN : s / ((double) n * k);
    }

    /** Mean over samples of −log softmax(f_μ)[label_μ], label = argmax of the target row. */
    public static double crossEntropy(double[] f, double[] y, int n, int k) {
        check(f, y, n, k);
        double s = 0;
        for (int mu = 0; mu < n; mu++) {
            int off = mu * k;
            double max = Double.NEGATIVE_INFINITY;
            for (int p = 0; p < k; p++) {
                max = Math.max(max, f[off + p]);
            }
            double z = 0;
            for (int p = 0; p < k; p++) {
                z += Math.exp(f[off + p] - max);
            }
            s += max + Math.log(z) - f[off + argmax(y, off, k)];
        }
        return n == 0 ? Double.NaN : s / n;
    }

    /** Fraction of rows whose largest output is at the position of the target's largest entry. */
    public static double accuracy(double[] f, double[] y, int n, int k) {
        check(f, y, n, k);
        int hits = 0;
        for (int mu = 0; mu < n; mu++) {
            if (argmax(f, mu * k, k) == argmax(y, mu * k, k)) {
                hits++;
            }
        }
        return n == 0 ? Double.NaN : (double) hits / n;
    }

    /** Index of the largest of {@code v[off..off+k)} (first one on ties; NaN never wins). */
    public static int argmax(double[] v, int off, int k) {
        int best = 0;
        double bv = Double.NEGATIVE_INFINITY;
        for (int p = 0; p < k; p++) {
            if (v[off + p] > bv) {
                bv = v[off + p];
                best = p;
            }
        }
        return best;
    }

    private static void check(double[] f, double[] y, int n, int k) {
        if (f.length < n * k || y.length < n * k) {
            throw new IllegalArgumentException("arrays shorter than n*K = " + n * k);
        }
    }
}
