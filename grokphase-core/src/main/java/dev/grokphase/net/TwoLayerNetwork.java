package dev.grokphase.net;

import dev.grokphase.random.RandomStream;

/**
 * One network's parameters in float64 with a plain, loop-by-loop forward pass. It is the
 * reference the fast trainer is checked against, and what observables evaluate (the trainer
 * hands out double snapshots of its own buffers).
 */
public final class TwoLayerNetwork {

    private final NetworkSpec spec;
    private final double[] w;
    private final double[] a;

    public TwoLayerNetwork(NetworkSpec spec, double[] w, double[] a) {
        if (w.length != spec.sizeW() || a.length != spec.sizeA()) {
            throw new IllegalArgumentException("w must have N·D and a K·N entries");
        }
        this.spec = spec;
        this.w = w;
        this.a = a;
    }

    /** w ~ N(0, stdW²), a ~ N(0, stdA²), i.i.d., w drawn first (row-major), then a. */
    public static TwoLayerNetwork gaussian(NetworkSpec spec, double stdW, double stdA, RandomStream rng) {
        double[] w = new double[spec.sizeW()];
        double[] a = new double[spec.sizeA()];
        rng.fillGaussian(w, 0, w.length, stdW);
        rng.fillGaussian(a, 0, a.length, stdA);
        return new TwoLayerNetwork(spec, w, a);
    }

    public NetworkSpec spec() {
        return spec;
    }

    /** The live weight array (N×D), not a copy. */
    public double[] w() {
        return w;
    }

    /** The live readout array (K×N), not a copy. */
    public double[] a() {
        return a;
    }

    public double[] snapshotW() {
        return w.clone();
    }

    public double[] snapshotA() {
        return a.clone();
    }

    /** f(x) for n rows of x (n×D), as n×K, with exact double loops and Math-level φ. */
    public double[] predict(double[] x, int n) {
        int width = spec.width();
        int dim = spec.inputDim();
        int k = spec.outputDim();
        double s = spec.effectiveScale();
        double[] out = new double[n * k];
        double[] h = new double[width];
        for (int mu = 0; mu < n; mu++) {
            for (int i = 0; i < width; i++) {
                double z = 0;
                for (int j = 0; j < dim; j++) {
                    z += w[i * dim + j] * x[mu * dim + j];
                }
                h[i] = spec.activation().value(z);
            }
            for (int p = 0; p < k; p++) {
                double f = 0;
                for (int i = 0; i < width; i++) {
                    f += a[p * width + i] * h[i];
                }
                out[mu * k + p] = s * f;
            }
        }
        return out;
    }
}
