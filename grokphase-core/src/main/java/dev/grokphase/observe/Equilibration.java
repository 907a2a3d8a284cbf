package dev.grokphase.observe;

/**
 * Equilibration diagnostics for a time series of an observable sampled at equal intervals
 * (paper-notes §2.3: "check equilibration by monitoring ... the projections of f over time").
 *
 * <p><b>Autocorrelation time.</b> τ = 1 + 2 Σ_{t=1}^{M} ρ(t) with Sokal's automatic window: M is
 * the first lag with M ≥ c·τ(M), c = {@value #WINDOW_C}, which keeps the bias (the neglected tail)
 * and the variance (≈ 2(2M+1)/n·τ²) both small. For an AR(1) series with coefficient ρ,
 * τ = (1+ρ)/(1−ρ). τ is <em>not measurable</em> (NaN here, null in JSON) when the window never
 * closes before n/2 (the series is shorter than a few τ) or when the estimate at the window is not
 * positive (noise in a short, anti-correlated record); it is never clamped to a small number,
 * which would turn into an absurd effective sample size.
 *
 * <p><b>Effective samples</b> n/τ; the standard error of the mean √(var·τ/n).
 *
 * <p><b>Verdict.</b> A series counts as equilibrated when (i) its first and second halves agree
 * within {@value #Z_MAX} combined standard errors, (ii) τ is measurable and n/τ ≥
 * {@value #MIN_EFFECTIVE}, and, when a second chain from another start is given, (iii) the two
 * chains' means agree within {@value #Z_MAX} standard errors. The verdict is undetermined (null)
 * when the window holds fewer than {@value #MIN_SAMPLES} samples or the observable has no value
 * (e.g. a test loss without a test set): then nothing was shown either way.
 */
public final class Equilibration {

    /** Sokal's window constant. */
    public static final double WINDOW_C = 5.0;
    /**
     * Largest |z| between halves, or between starts, still called agreement. A run is judged on
     * about a dozen such tests (six observables, halves and starts); at 3 standard errors each
     * (two-sided 0.27 %) a run at equilibrium passes them all with probability ≈ 97 % (Bonferroni;
     * more, as the observables are correlated). At 2, every third equilibrated run was flagged.
     */
    public static final double Z_MAX = 3.0;
    /** Fewest effective samples n/τ for a verdict of "equilibrated". */
    public static final double MIN_EFFECTIVE = 8.0;
    /** Fewest evenly spaced samples in the window for any verdict. */
    public static final int MIN_SAMPLES = 16;
    /** The reason given for an observable without a value. */
    public static final String NO_VALUE = "no value (e.g. no test set)";

    private Equilibration() {
    }

    /**
     * Mean, standard error and autocorrelation of one series.
     *
     * @param autocorrelationTime τ in units of the sampling interval; NaN = not measurable
     * @param effectiveSamples    n/τ; NaN when τ is not measurable
     * @param standardError       √(var·τ/n); NaN when τ is not measurable
     */
    public record Estimate(int samples, double mean, double variance, double autocorrelationTime,
                           double effectiveSamples, double standardError) {

        public boolean measurable() {
            return Double.isFinite(autocorrelationTime);
        }
    }

    /**
     * The verdict on one series (and its partner from the second start, when there is one).
     *
     * @param equilibrated  true, false, or null (undetermined: too few samples, or no value)
     * @param reason        why not (or why undetermined); empty when equilibrated
     * @param otherStart    the second start's estimate, or null when only one start ran
     * @param startsDifferenceInStandardErrors (mean of this start − mean of the other) / combined s.e.; NaN if not measurable
     */
    public record Report(int samples, double firstHalfMean, double secondHalfMean, double differenceInStandardErrors,
                         double autocorrelationTime, double effectiveSamples, Boolean equilibrated,
                         Estimate estimate, Estimate otherStart, double startsDifferenceInStandardErrors, String reason) {
    }

    /** Integrated autocorrelation time in units of the sampling interval (1 for white noise); NaN = not measurable. */
    public static double autocorrelationTime(double[] x) {
        return autocorrelationTime(x, 0, x.length);
    }

    static double autocorrelationTime(double[] x, int from, int to) {
        int n = to - from;
        if (n < 4) {
            return Double.NaN;
        }
        double mean = mean(x, from, to);
        double c0 = 0;
        for (int i = from; i < to; i++) {
            c0 += (x[i] - mean) * (x[i] - mean);
        }
        c0 /= n;
        if (c0 == 0) {
            return 1.0; // a constant series: every sample is the answer
        }
        double tau = 1.0;
        for (int t = 1; t < n / 2; t++) {
            double ct = 0;
            for (int i = from; i + t < to; i++) {
                ct += (x[i] - mean) * (x[i + t] - mean);
            }
            tau += 2 * (ct / n) / c0;
            if (t >= WINDOW_C * tau) {
                return tau > 0 ? tau : Double.NaN;
            }
        }
        return Double.NaN; // the window never closed: the series is too short for its correlations
    }

    /** Mean, variance, τ, effective samples and standard error of a series. */
    public static Estimate estimate(double[] x) {
        int n = x.length;
        double m = n > 0 ? mean(x, 0, n) : Double.NaN;
        double v = variance(x, 0, n, m);
        double tau = autocorrelationTime(x);
        double ess = Double.isFinite(tau) ? n / tau : Double.NaN;
        double se = Double.isFinite(tau) ? Math.sqrt(v * tau / n) : Double.NaN;
        return new Estimate(n, m, v, tau, ess, se);
    }

    /** First-half against second-half agreement of one chain. */
    public static Report halves(double[] x) {
        return check(x, null);
    }

    /**
     * The full check: half-vs-half and autocorrelation of {@code x}, and, when {@code other} (the
     * same observable from a chain started elsewhere on the same data, over the same window) is
     * not null, agreement of the two means and the same checks on {@code other}.
     */
    public static Report check(double[] x, double[] other) {
        int n = x.length;
        boolean noValue = n > 0 && allNaN(x);
        if (n < MIN_SAMPLES || noValue) {
            String why = noValue ? NO_VALUE
                    : "only " + n + " evenly spaced samples in the window (need " + MIN_SAMPLES + "; log more with --log-every)";
            return new Report(n, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, null,
                    estimate(x), other == null ? null : estimate(other), Double.NaN, why);
        }
        int h = n / 2;
        Estimate all = estimate(x);
        double tau = all.autocorrelationTime();
        double m1 = mean(x, 0, h);
        double m2 = mean(x, h, n);
        double z = Double.NaN;
        StringBuilder why = new StringBuilder();
        if (all.measurable()) {
            double se = Math.sqrt(variance(x, 0, h, m1) * tau / h + variance(x, h, n, m2) * tau / (n - h));
            z = se > 0 ? (m2 - m1) / se : (m2 == m1 ? 0.0 : Double.POSITIVE_INFINITY);
            if (!(Math.abs(z) <= Z_MAX)) {
                why.append(String.format(java.util.Locale.ROOT, "halves differ by %.2g s.e.; ", z));
            }
            if (all.effectiveSamples() < MIN_EFFECTIVE) {
                why.append(String.format(java.util.Locale.ROOT, "%.3g effective samples (need %.0f); ", all.effectiveSamples(), MIN_EFFECTIVE));
            }
        } else {
            why.append("autocorrelation time not measurable (the window is shorter than a few τ); ");
        }
        Estimate o = null;
        double zStarts = Double.NaN;
        if (other != null) {
            o = estimate(other);
            if (all.measurable() && o.measurable()) {
                double se = Math.hypot(all.standardError(), o.standardError());
                zStarts = se > 0 ? (all.mean() - o.mean()) / se : (all.mean() == o.mean() ? 0.0 : Double.POSITIVE_INFINITY);
                if (!(Math.abs(zStarts) <= Z_MAX)) {
                    why.append(String.format(java.util.Locale.ROOT, "the two starts differ by %.2g s.e.; ", zStarts));
                }
                if (o.effectiveSamples() < MIN_EFFECTIVE) {
                    why.append(String.format(java.util.Locale.ROOT, "second start: %.3g effective samples; ", o.effectiveSamples()));
                }
            } else if (!o.measurable()) {
                why.append("second start: autocorrelation time not measurable; ");
            }
        }
        String reason = why.length() == 0 ? "" : why.substring(0, why.length() - 2);
        return new Report(n, m1, m2, z, tau, all.effectiveSamples(), reason.isEmpty(), all, o, zStarts, reason);
    }

    private static boolean allNaN(double[] x) {
        for (double v : x) {
            if (!Double.isNaN(v)) {
                return false;
            }
        }
        return true;
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
