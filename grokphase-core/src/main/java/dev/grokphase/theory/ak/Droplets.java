package dev.grokphase.theory.ak;

import dev.grokphase.theory.cubic.FiniteDSolver;

/**
 * Droplets in a weighted sample of a one-dimensional order parameter (the overlap |w·w*| for the
 * cubic teacher, notes §3.7): a side well is a second maximum of the sampled density, separated
 * from the main one by a dip; the droplet fraction is the sample weight beyond the dip.
 */
public final class Droplets {

    /** Histogram bins over [0, max]. */
    static final int BINS = 40;

    /** Where the density dips between the main and the side well, and where the side well peaks. */
    public record Split(double cut, double peak) {
    }

    private Droplets() {
    }

    /** |w_s·w*| for every sample (M×D rows). */
    public static double[] overlaps(double[] w, int m, double[] wStar) {
        int d = wStar.length;
        double[] q = new double[m];
        for (int s = 0; s < m; s++) {
            double acc = 0;
            for (int j = 0; j < d; j++) {
                acc += w[s * d + j] * wStar[j];
            }
            q[s] = Math.abs(acc);
        }
        return q;
    }

    /**
     * The dip and side peak of the weighted density of the non-negative values, or null when the
     * density has no significant second maximum: the side bin must hold at least 10 effective
     * samples and exceed the dip by 3 Poisson standard deviations (3-bin smoothed histogram).
     */
    public static Split split(double[] values, double[] weights) {
        double max = 0;
        double s1 = 0;
        double s2 = 0;
        for (int i = 0; i < values.length; i++) {
            if (weights[i] > 0) {
                max = Math.max(max, values[i]);
                s1 += weights[i];
                s2 += weights[i] * weights[i];
            }
        }
        if (!(max > 0) || s1 == 0) {
            return null;
        }
        double ess = s1 * s1 / s2;
        double[] h = new double[BINS];
        for (int i = 0; i < values.length; i++) {
            int b = Math.min(BINS - 1, (int) (values[i] / max * BINS));
            h[b] += weights[i] / s1 * ess; // effective counts
        }
        double[] sm = new double[BINS];
        for (int b = 0; b < BINS; b++) {
            double acc = 0;
            int c = 0;
            for (int o = -1; o <= 1; o++) {
                if (b + o >= 0 && b + o < BINS) {
                    acc += h[b + o];
                    c++;
                }
            }
            sm[b] = acc / c;
        }
        int main = 0;
        for (int b = 1; b < BINS; b++) {
            if (sm[b] > sm[main]) {
                main = b;
            }
        }
        int bestPeak = -1;
        int bestDip = -1;
        int dip = main;
        for (int b = main + 1; b < BINS; b++) {
            if (sm[b] < sm[dip]) {
                dip = b;
            }
            if (b > dip && sm[b] >= 10 && sm[b] - sm[dip] > 3 * Math.sqrt(sm[b] / 3)
                    && (bestPeak < 0 || sm[b] > sm[bestPeak])) {
                bestPeak = b;
                bestDip = dip;
            }
        }
        if (bestPeak < 0) {
            return null;
        }
        return new Split((bestDip + 0.5) * max / BINS, (bestPeak + 0.5) * max / BINS);
    }

    /** Weight of the samples above the cut (weights normalised to 1). */
    public static double massAbove(double[] values, double[] weights, double cut) {
        double a = 0;
        double t = 0;
        for (int i = 0; i < values.length; i++) {
            t += weights[i];
            if (values[i] > cut) {
                a += weights[i];
            }
        }
        return t == 0 ? 0 : a / t;
    }

    /**
     * The phase from the droplet fraction, with the finite-d solver's criteria (docs/theory.md):
     * GFL when the droplet weight ω = κ·fraction (κ = nσ_a²/σ²) is below
     * {@link FiniteDSolver#OMEGA_MIN}, GMFL-II when the fraction reaches 1/2, GMFL-I otherwise.
     */
    public static String phase(double fraction, double kappa) {
        if (!(fraction > 0) || kappa * fraction < FiniteDSolver.OMEGA_MIN) {
            return "GFL";
        }
        return fraction >= 0.5 ? "GMFL-II" : "GMFL-I";
    }
}
