package dev.grokphase.train;

import dev.grokphase.linalg.Blas;
import dev.grokphase.net.Activation;
import dev.grokphase.random.RandomStream;
import java.nio.Buffer;
import java.util.Map;

/**
 * The hot loops of one floating-point precision, over its array type A ({@code double[]} in
 * {@link Kernels64}, {@code float[]} in {@link Kernels32}) and its direct-buffer type
 * ({@code DoubleBuffer} / {@code FloatBuffer}, passed as {@link Buffer}).
 *
 * <p>Everything else in the engine (the input products, the readout passes, the update rules,
 * checkpoints) is written once against this class; only these loops are written twice, the way
 * BLAS has a d- and an s-version of each routine. Each method is a short loop, so the two
 * versions can be compared line by line (and KernelsTest checks that they agree). Rounding in
 * the float32 loops follows the float32 engine exactly: parameters are float, products and sums
 * of the update are float, losses are accumulated in double (docs/design-notes.md, "one engine
 * for two precisions").
 *
 * @param <A> the array type, double[] or float[]
 */
abstract class Kernels<A> {

    abstract Precision precision();

    abstract A newArray(int length);

    /** A zeroed direct buffer for BLAS. */
    abstract Buffer newBuffer(int length);

    /** A view of buf[offset..offset+length). */
    abstract Buffer slice(Buffer buf, int offset, int length);

    abstract int length(A x);

    /** x[i] as a double (exact for both precisions). */
    abstract double get(A x, int i);

    /** x[i] = v, rounded to the precision. */
    abstract void set(A x, int i, double v);

    /** v rounded to the precision (identity in float64). */
    abstract double round(double v);

    /** dst[dstOff..+len) = src[srcOff..+len), rounded to the precision. */
    abstract void copyFromDoubles(double[] src, int srcOff, A dst, int dstOff, int len);

    /** Fresh float64 copy of x[off..off+len). */
    abstract double[] toDoubles(A x, int off, int len);

    /** dst[dstOff..+len) = src[srcOff..+len) as float64 (no allocation). */
    abstract void copyToDoubles(A src, int srcOff, double[] dst, int dstOff, int len);

    /** dst[dstOff..+len) = src[srcOff..+len) (same precision). */
    abstract void copy(A src, int srcOff, A dst, int dstOff, int len);

    /** x[off..off+len) = 0. */
    abstract void zero(A x, int off, int len);

    abstract void put(Buffer dst, int dstOff, A src, int srcOff, int len);

    abstract void get(Buffer src, int srcOff, A dst, int dstOff, int len);

    /** C = α·op(A)·op(B) + β·C through {@link Blas#dgemm} or {@link Blas#sgemm}. */
    abstract void gemm(Blas blas, boolean transA, boolean transB, int m, int n, int k, double alpha, Buffer a, int lda,
                       Buffer b, int ldb, double beta, Buffer c, int ldc);

    /** {@link #gemm} on the calling thread only ({@link Blas#dgemmOnThisThread}). */
    abstract void gemmOnThisThread(Blas blas, boolean transA, boolean transB, int m, int n, int k, double alpha,
                                   Buffer a, int lda, Buffer b, int ldb, double beta, Buffer c, int ldc);

    /** value = φ(z), slope = φ'(z) on [off, off+len); slope may be z. */
    abstract void activation(Activation act, A z, A value, A slope, int off, int len);

    /**
     * The fused K = 1 readout of one batch row for every stacked network m (width N at m·N):
     * f = s·Σ_i a_i h_i (four partial sums in a fixed order), d = f − y, loss[m] += ½d²,
     * c = (s·dataScale)·d, gaPart += c·h, and z (holding φ'(z)) becomes G = c·a·φ'(z).
     */
    abstract void scalarReadoutRow(A a, A h, A slope, A gaPart, int members, int width, double scale,
                                   double coefScale, double target, double[] loss);

    /** dst[off..off+len) += src[srcOff..+len). */
    abstract void add(A dst, int off, A src, int srcOff, int len);

    /** x[off..off+len) *= y[off..off+len). */
    abstract void multiply(A x, A y, int off, int len);

    /** out[0..len) = x[c1..c1+len) + x[c2..c2+len). */
    abstract void sumOfTwo(A x, int c1, int c2, A out, int len);

    /** out (cols×rows) = inᵀ for in (rows×cols), both row-major. */
    abstract void transpose(A in, A out, int rows, int cols);

    /** Σ x[j]² over [off, off+len), accumulated in double. */
    abstract double sumOfSquares(A x, int off, int len);

    /**
     * len independent N(0, 1) draws from the stream into out[off..) ({@link dev.grokphase.random.Ziggurat},
     * drawn in double, rounded).
     */
    abstract void gaussian(RandomStream stream, A out, int off, int len);

    /**
     * Langevin on [off, off+len): θ ← keep·θ − eta·g + sd·ξ; returns Σθ² of the new values
     * (accumulated in double) for the divergence check.
     */
    abstract double langevin(A theta, A grad, A noise, int off, int len, double keep, double eta, double sd);

    /**
     * The Hastings bracket of a Metropolis-adjusted Langevin proposal old → prop on [off, off+len)
     * (dev.grokphase.sampling.MalaCorrection): δ·(g + g')/2 − η(|g'|² − |g|²)/4 with δ = prop − old and
     * the tempered energy gradients g = βt·gOld + (βp/var)·old, g' = βt·gNew + (βp/var)·prop
     * (gOld, gNew: the engine's data-and-Γ gradients; βp/var: the Gaussian prior's). Summed in double.
     */
    abstract double malaLogRatio(A old, A prop, A gOld, A gNew, int off, int len, double betaT, double betaPOverVar,
                                 double eta);

    /** SGD with heavy-ball momentum and coupled weight decay on [off, off+len) (see SgdConfig). */
    abstract void sgd(A theta, A grad, A buf, int off, int len, double lr, double momentum, double weightDecay);

    /**
     * AdamW on [off, off+len) (see AdamWConfig) at step t = 1, 2, …; bc1 = 1 − β1^t and
     * bc2 = 1 − β2^t.
     */
    abstract void adamw(A theta, A grad, A m1, A m2, int off, int len, double lr, double beta1, double beta2, double eps,
                        double weightDecay, double bc1, double bc2);

    /** Stores x under name in the checkpoint map of this precision. */
    abstract void save(Map<String, double[]> doubles, Map<String, float[]> floats, String name, A x);

    /** Copies the checkpoint array of this precision named name into dst. */
    abstract void restore(TrainerState state, String name, A dst);

    static <A> Kernels<?> of(Precision p) {
        return p == Precision.FLOAT64 ? Kernels64.INSTANCE : Kernels32.INSTANCE;
    }

    static dev.grokphase.error.GrokphaseException badCheckpoint(String name, Precision p) {
        return dev.grokphase.error.GrokphaseException.invalid("checkpoint", name,
                "missing or of the wrong length for a " + p.cliName() + " run");
    }
}
