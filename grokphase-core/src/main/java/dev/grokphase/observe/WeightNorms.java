package dev.grokphase.observe;

/** Frobenius norms of weight arrays, √(Σ θ²), for the metrics' weightNormW and weightNormA. */
public final class WeightNorms {

    private WeightNorms() {
    }

    public static double frobenius(double[] v) {
        double s = 0;
        for (double t : v) {
            s += t * t;
        }
        return Math.sqrt(s);
    }
}
