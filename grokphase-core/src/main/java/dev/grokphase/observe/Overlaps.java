package dev.grokphase.observe;

import java.util.List;

/**
 * Overlaps q_i = w_i·w* of each neuron's input weights with the teacher direction (the order
 * parameter of model 1, paper-notes §0.3), and their histogram pooled over an ensemble with the
 * 5-subset error bars of §6.1.
 */
public final class Overlaps {

    /** Number of subsets for the error bars (paper-notes §6.1: "split the networks into 5 subsets"). */
    public static final int SUBSETS = 5;

    private Overlaps() {
    }

    /** q_i = w_i·w* for the N rows of {@code w} (N×d row-major). */
    public static double[] of(double[] w, int neurons, double[] wStar) {
        int d = wStar.length;
        double[] q = new double[neurons];
        for (int i = 0; i < neurons; i++) {
            double s = 0;
            for (int k = 0; k < d; k++) {
                s += w[i * d + k] * wStar[k];
            }
            q[i] = s;
        }
        return q;
    }

    /**
     * A histogram of densities with error bars.
     *
     * @param centres  bin centres
     * @param density  pooled density p (integrates to the fraction of samples inside the range)
     * @param error    standard error of p across the 5 subsets: std over subsets / √5
     * @param negLogP  −log p (NaN where p = 0)
     * @param negLogPError error of −log p, error/p (first-order propagation)
     * @param samples  number of samples pooled
     */
    public record Histogram(double[] centres, double[] density, double[] error, double[] negLogP,
                            double[] negLogPError, long samples) {
    }

    /**
     * Pools the samples of all networks into one density histogram on [lo, hi] with {@code bins}
     * bins. The error bar of each bin is the spread of the same histogram computed on 5 disjoint
     * subsets: std across subsets divided by √5, the standard error of their mean (notes §6.1
     * paraphrases App. C as "std across subsets divided by √(samples per subset)"; we read it as
     * the standard error of the pooled estimate, which is what an error bar on the plotted mean
     * must be). Subsets are whole networks (network j goes to subset j mod 5) when there are at
     * least 5 networks, otherwise samples are dealt to subsets round-robin.
     */
    public static Histogram pooledHistogram(List<double[]> perNetwork, double lo, double hi, int bins) {
        if (!(hi > lo) || bins < 1) {
            throw new IllegalArgumentException("need hi > lo and bins >= 1");
        }
        double width = (hi - lo) / bins;
        long[][] counts = new long[SUBSETS][bins];
        long[] subsetTotal = new long[SUBSETS];
        boolean byNetwork = perNetwork.size() >= SUBSETS;
        long sample = 0;
        for (int j = 0; j < perNetwork.size(); j++) {
            for (double q : perNetwork.get(j)) {
                int s = (int) (byNetwork ? j % SUBSETS : sample % SUBSETS);
                sample++;
                subsetTotal[s]++;
                int b = (int) Math.floor((q - lo) / width);
                if (q == hi) {
                    b = bins - 1;
                }
                if (b >= 0 && b < bins) {
                    counts[s][b]++;
                }
            }
        }
        double[] centres = new double[bins];
        double[] density = new double[bins];
        double[] error = new double[bins];
        double[] nlp = new double[bins];
        double[] nlpErr = new double[bins];
        for (int b = 0; b < bins; b++) {
            centres[b] = lo + (b + 0.5) * width;
            long c = 0;
            for (int s = 0; s < SUBSETS; s++) {
                c += counts[s][b];
            }
            density[b] = sample == 0 ? Double.NaN : c / (sample * width);
            double mean = 0;
            int used = 0;
            double[] ps = new double[SUBSETS];
            for (int s = 0; s < SUBSETS; s++) {
                if (subsetTotal[s] > 0) {
                    ps[used] = counts[s][b] / (subsetTotal[s] * width);
                    mean += ps[used];
                    used++;
                }
            }
            mean /= Math.max(used, 1);
            double var = 0;
            for (int s = 0; s < used; s++) {
                var += (ps[s] - mean) * (ps[s] - mean);
            }
            error[b] = used > 1 ? Math.sqrt(var / (used - 1)) / Math.sqrt(used) : Double.NaN;
            nlp[b] = density[b] > 0 ? -Math.log(density[b]) : Double.NaN;
            nlpErr[b] = density[b] > 0 ? error[b] / density[b] : Double.NaN;
        }
        return new Histogram(centres, density, error, nlp, nlpErr, sample);
    }
}
