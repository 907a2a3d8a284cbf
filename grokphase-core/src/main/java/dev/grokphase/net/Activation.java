package dev.grokphase.net;

import dev.grokphase.special.BranchFreeErf;
import dev.grokphase.special.BranchFreeErf32;
import dev.grokphase.special.FastErf;

/** Activation φ and its derivative φ', single values and fused bulk evaluation. */
public enum Activation {
    /**
     * φ = erf (notes §4.1): single values via {@link FastErf} (error 4e-16), bulk passes via
     * {@link BranchFreeErf} (vectorisable; error ≤ 2e-14) and, in float32, {@link BranchFreeErf32}
     * (float arithmetic; 2–3 float ulps).
     */
    ERF {
        @Override public double value(double z) { return FastErf.erf(z); }
        @Override public double slope(double z) { return FastErf.derivative(z); }
        @Override public void evaluate(double[] z, double[] value, double[] slope, int off, int len) {
            BranchFreeErf.evaluate(z, value, slope, off, len);
        }
        @Override public void evaluate(float[] z, float[] value, float[] slope, int off, int len) {
            BranchFreeErf32.evaluate(z, value, slope, off, len);
        }
    },
    /** φ(z) = z² (notes §5.1). */
    SQUARE {
        @Override public double value(double z) { return z * z; }
        @Override public double slope(double z) { return 2 * z; }
        @Override public void evaluate(double[] z, double[] value, double[] slope, int off, int len) {
            for (int i = off, end = off + len; i < end; i++) {
                double zi = z[i];
                value[i] = zi * zi;
                slope[i] = 2 * zi;
            }
        }
        @Override public void evaluate(float[] z, float[] value, float[] slope, int off, int len) {
            for (int i = off, end = off + len; i < end; i++) {
                float zi = z[i];
                value[i] = zi * zi;
                slope[i] = 2 * zi;
            }
        }
    },
    /** φ(z) = max(0, z), with φ'(0) = 0. */
    RELU {
        @Override public double value(double z) { return Math.max(0, z); }
        @Override public double slope(double z) { return z > 0 ? 1 : 0; }
        @Override public void evaluate(double[] z, double[] value, double[] slope, int off, int len) {
            for (int i = off, end = off + len; i < end; i++) {
                double zi = z[i];
                value[i] = Math.max(0, zi);
                slope[i] = zi > 0 ? 1 : 0;
            }
        }
        @Override public void evaluate(float[] z, float[] value, float[] slope, int off, int len) {
            for (int i = off, end = off + len; i < end; i++) {
                float zi = z[i];
                value[i] = Math.max(0f, zi);
                slope[i] = zi > 0 ? 1f : 0f;
            }
        }
    },
    /** φ(z) = z: a linear network, whose posterior is Gaussian in each layer given the other. */
    LINEAR {
        @Override public double value(double z) { return z; }
        @Override public double slope(double z) { return 1; }
        @Override public void evaluate(double[] z, double[] value, double[] slope, int off, int len) {
            for (int i = off, end = off + len; i < end; i++) {
                value[i] = z[i];
                slope[i] = 1;
            }
        }
        @Override public void evaluate(float[] z, float[] value, float[] slope, int off, int len) {
            for (int i = off, end = off + len; i < end; i++) {
                value[i] = z[i];
                slope[i] = 1f;
            }
        }
    };

    public abstract double value(double z);

    public abstract double slope(double z);

    /**
     * value[i] = φ(z[i]), slope[i] = φ'(z[i]) for i in [off, off+len). slope may be the same array
     * as z (each z[i] is read before slope[i] is written); value must differ from both.
     */
    public abstract void evaluate(double[] z, double[] value, double[] slope, int off, int len);

    /** float32 version of {@link #evaluate(double[], double[], double[], int, int)}. */
    public abstract void evaluate(float[] z, float[] value, float[] slope, int off, int len);

    /** Lower-case CLI spelling. */
    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
