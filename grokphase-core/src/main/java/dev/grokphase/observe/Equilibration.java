package dev.grokphase.observe;

/**
 * Equilibration diagnostics for a time series of an observable sampled at equal intervals
 * (paper-notes §2.3: "check equilibration by monitoring ... the projections of f over time").
 *
 * <p>The integrated autocorrelation time τ = 1 + 2 Σ_{t≥1} ρ(t) is estimated with Sokal's
 * automatic window: the sum stops at the first M with M ≥ c·τ(M), c = 5, which keeps the bias
 * (the neglected tail) and the variance (≈ 2(2M+1)/n·τ²) both small. For an AR(1) series with
 * coefficient ρ, τ = (1+ρ)/(1−ρ).
 *
 * <p>Half agreement: the means of the first and second halves, each with standard error
 * √(var·τ/n_half), and their difference in units of the combined error. A series counts as
 * equilibrated when that difference is within {@value #Z_MAX} standard errors and the window holds
 * at least {@value #MIN_EFFECTIVE} independent samples (n/τ).
 */
public final class Equilibration {

    /** Sokal's window constant. */
    public static final double WINDOW_C = 5.0;
    /** Largest |z| between the halves still called equilibrated (about 95 % two-sided). */
    public static final double Z_MAX = 2.0;
    /** Fewest effective samples n/τ for a verdict of "equilibrated". */
    public static final double MIN_EFFECTIVE = 8.0;

    private Equilibration() {
    }

    /** The verdict on one series. */
    public record Report(int samples, double firstHalfMean, double secondHalfMean, double differenceInStandardErrors,
                         double autocorrelationTime, double effectiveSamples, boolean equilibrated) {
    }

    /** Integrated autocorrelation time in units of the sampling interval (1 for white noise). */
    public static double autocorrelationTime(double[] x) {
        return autocorrelationTime(x, 0, x.length);
    }

    static double autocorrelationTime(double[] x, int from, int to) {
        int n = to - from;
        if (n < 4) {
            return Double.NaN;
        }
        double mean = 0;
        for (int i = from; i < to; i++) {
            mean += x[i];
        }
        mean /= n;
        double c0 = 0;
        for (int i = from; i < to; i++) {
            c0 += (x[i] - mean) * (x[i] - mean);
        }
        c0 /= n;
        if (c0 == 0) {
            return 1.0;
        }
        double tau = 1.0;
        for (int t = 1; t < n / 2; t++) {
            double ct = 0;
            for (int i = from; i + t < to; i++) {
                ct += (x[i] - mean) * (x[i + t] - mean);
            }
            tau += 2 * (ct / n) / c0;
            if (t >= WINDOW_C * tau) {
                break;
            }
        }
        return Math.max(tau, 1e-12);
    }

    /** First-half against second-half agreement of a series, with τ from the whole series. */
    public static Report halves(double[] x) {
        int n = x.length;
        if (n < 4) {
            return new Report(n, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, false);
        }
        int h = n / 2;
        double tau = autocorrelationTime(x);
        double m1 = mean(x, 0, h);
        double m2 = mean(x, h, n);
        double v1 = variance(x, 0, h, m1);
        double v2 = variance(x, h, n, m2);
        double se = Math.sqrt(v1 * tau / h + v2 * tau / (n - h));
        double z = se > 0 ? (m2 - m1) / se : (m2 == m1 ? 0.0 : Double.POSITIVE_INFINITY);
        double eff = n / tau;
        return new Report(n, m1, m2, z, tau, eff, Math.abs(z) <= Z_MAX && eff >= MIN_EFFECTIVE);
    }

    private static double mean(double[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i];
        }
        return s / (to - from);
    }

    private static double variance(double[] x, int from, int to, double mean) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += (x[i] - mean) * (x[i] - mean);
        }
        return to - from > 1 ? s / (to - from - 1) : 0;
    }
}
