package dev.grokphase.theory.ak;

/**
 * A solved data-aware adaptive-kernel problem: the fixed point and, for the Monte-Carlo error bars,
 * the same fixed point re-solved with each batch of chains left out (leave-one-out jackknife).
 * Variant 0 is the full solution; variants 1..B are the replicas.
 *
 * @param problem     the problem solved
 * @param tbar        t̄ (n×K) per variant
 * @param fTrain      mean predictor on the training inputs (n×K) per variant, y − σ²t̄
 * @param fTest       mean predictor on the test inputs (nTest×K) per variant, Q(x*, X)t̄
 * @param weights     normalised weight of each single-neuron sample per variant (replicas: 0 on the left-out batch)
 * @param samples     the single-neuron samples of the final pass
 * @param converged   true when the final pass and every replica met the tolerance with enough effective samples
 * @param passes      sampling passes
 * @param iterations  fixed-point iterations, all passes together (replicas not counted)
 * @param residual    |F(t̄) − t̄|/|F(t̄)| at the end
 * @param essFraction effective sample size of the final weights, as a fraction of M
 * @param seconds     wall time
 */
public record AkSolution(AkProblem problem, double[][] tbar, double[][] fTrain, double[][] fTest,
                         double[][] weights, NeuronSamples samples, boolean converged, int passes,
                         int iterations, double residual, double essFraction, double seconds) {

    /** A value with its Monte-Carlo standard error (NaN when no jackknife was run). */
    public record Estimate(double value, double error) {
    }

    /** What an observable sees of one variant. */
    public interface Observable {
        /**
         * @param fTrain  mean predictor on the training inputs, n×K
         * @param fTest   mean predictor on the test inputs, nTest×K
         * @param weights normalised weights of the samples (see {@link #sampleWeights()})
         */
        double of(double[] fTrain, double[] fTest, double[] weights);
    }

    /** Number of jackknife replicas B (0 without error bars). */
    public int replicas() {
        return tbar.length - 1;
    }

    /**
     * The observable with its Monte-Carlo standard error, bias-corrected by the jackknife:
     * θ = θ̂ − (B−1)(θ̄₍·₎ − θ̂), error sqrt((B−1)/B Σ_b (θ_b − θ̄₍·₎)²), θ̂ the full solution and θ_b the
     * replica without batch b. The fixed point is a non-linear function of the sampled kernel, so
     * θ̂ carries a bias of order 1/M; each replica, with (B−1)/B of the samples, carries B/(B−1) of
     * it, which is what the correction removes (to O(1/M²)). Without replicas: θ̂, error NaN.
     */
    public Estimate estimate(Observable o) {
        return estimate(o, true);
    }

    /** As {@link #estimate(Observable)}, without the bias correction (value θ̂ of the full solution). */
    public Estimate uncorrectedEstimate(Observable o) {
        return estimate(o, false);
    }

    private Estimate estimate(Observable o, boolean correct) {
        double[] th = new double[tbar.length];
        for (int r = 0; r < th.length; r++) {
            th[r] = o.of(fTrain[r], fTest[r], weights[r]);
        }
        return jackknife(th, correct);
    }

    /**
     * As {@link #estimate(Observable)} for a quantity already evaluated on every variant:
     * {@code perVariant[0]} on the full solution, {@code perVariant[1..B]} on the replicas.
     */
    public Estimate estimate(double[] perVariant) {
        if (perVariant.length != tbar.length) {
            throw new IllegalArgumentException("need one value per variant (" + tbar.length + ")");
        }
        return jackknife(perVariant, true);
    }

    private static Estimate jackknife(double[] perVariant, boolean correct) {
        double full = perVariant[0];
        int b = perVariant.length - 1;
        if (b < 2) {
            return new Estimate(full, Double.NaN);
        }
        double mean = 0;
        for (int r = 1; r <= b; r++) {
            mean += perVariant[r] / b;
        }
        double ss = 0;
        for (int r = 1; r <= b; r++) {
            ss += (perVariant[r] - mean) * (perVariant[r] - mean);
        }
        double value = correct ? full - (b - 1) * (mean - full) : full;
        return new Estimate(value, Math.sqrt((b - 1.0) / b * ss));
    }

    /** Single-neuron samples of the final pass, M×D row-major (weights per variant in {@link #weights}). */
    public double[] sampleWeights() {
        return samples.w();
    }

    /** Number of single-neuron samples M. */
    public int sampleCount() {
        return samples.m();
    }

    /** Lowest exchange acceptance between neighbouring tempering rungs in the final pass. */
    public double minExchangeAcceptance() {
        return samples.diagnostics().minExchange();
    }

    /** MALA acceptance in the final pass (tilted rungs). */
    public double malaAcceptance() {
        return samples.diagnostics().malaAcceptance();
    }

    /** Walkers that travelled from the prior rung to λ = 1 while the final samples were kept. */
    public long roundTrips() {
        return samples.diagnostics().roundTrips();
    }

    /** The tempering ladder of the final pass. */
    public double[] ladder() {
        return samples.diagnostics().ladder().clone();
    }
}
