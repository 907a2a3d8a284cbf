package dev.grokphase.train;

import dev.grokphase.linalg.Blas;
import dev.grokphase.net.NetworkSpec;
import java.nio.DoubleBuffer;

/** Float64 forward pass of one network with BLAS products, for observables (allocates). */
final class Forward {

    private Forward() {
    }

    /** f(x) for n rows of x (n×D) as n×K: Z = X·Wᵀ, H = φ(Z), F = s·H·Aᵀ. */
    static double[] predict(NetworkSpec spec, double[] w, double[] a, double[] x, int n, Blas blas) {
        int width = spec.width();
        int dim = spec.inputDim();
        int k = spec.outputDim();
        if (x.length < (long) n * dim) {
            throw new IllegalArgumentException("x has fewer than n·D entries");
        }
        double[] out = new double[n * k];
        if (n == 0) {
            return out;
        }
        DoubleBuffer xb = Blas.allocateDouble(n * dim);
        xb.put(0, x, 0, n * dim);
        DoubleBuffer wb = Blas.allocateDouble(width * dim);
        wb.put(0, w, 0, width * dim);
        DoubleBuffer z = Blas.allocateDouble(n * width);
        blas.dgemm(false, true, n, width, dim, 1.0, xb, dim, wb, dim, 0.0, z, width);
        double[] h = new double[n * width];
        z.get(0, h, 0, n * width);
        for (int i = 0; i < h.length; i++) {
            h[i] = spec.activation().value(h[i]);
        }
        z.put(0, h, 0, h.length);
        DoubleBuffer ab = Blas.allocateDouble(k * width);
        ab.put(0, a, 0, k * width);
        DoubleBuffer f = Blas.allocateDouble(n * k);
        blas.dgemm(false, true, n, k, width, spec.effectiveScale(), z, width, ab, width, 0.0, f, k);
        f.get(0, out, 0, n * k);
        return out;
    }
}
