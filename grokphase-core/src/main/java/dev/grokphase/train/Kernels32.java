package dev.grokphase.train;

import dev.grokphase.linalg.Blas;
import dev.grokphase.net.Activation;
import dev.grokphase.random.RandomStream;
import dev.grokphase.random.Ziggurat;
import java.nio.Buffer;
import java.nio.FloatBuffer;
import java.util.Map;

/** float32 {@link Kernels}: float[] and FloatBuffer, sgemm; losses and norms accumulate in double. */
final class Kernels32 extends Kernels<float[]> {

    static final Kernels32 INSTANCE = new Kernels32();

    private Kernels32() {
    }

    @Override
    Precision precision() {
        return Precision.FLOAT32;
    }

    @Override
    float[] newArray(int length) {
        return new float[length];
    }

    @Override
    Buffer newBuffer(int length) {
        return Blas.allocateFloat(length);
    }

    @Override
    Buffer slice(Buffer buf, int offset, int length) {
        return ((FloatBuffer) buf).slice(offset, length);
    }

    @Override
    int length(float[] x) {
        return x.length;
    }

    @Override
    double get(float[] x, int i) {
        return x[i];
    }

    @Override
    void set(float[] x, int i, double v) {
        x[i] = (float) v;
    }

    @Override
    double round(double v) {
        return (float) v;
    }

    @Override
    void copyFromDoubles(double[] src, int srcOff, float[] dst, int dstOff, int len) {
        for (int i = 0; i < len; i++) {
            dst[dstOff + i] = (float) src[srcOff + i];
        }
    }

    @Override
    void copyToDoubles(float[] src, int srcOff, double[] dst, int dstOff, int len) {
        for (int i = 0; i < len; i++) {
            dst[dstOff + i] = src[srcOff + i];
        }
    }

    @Override
    double[] toDoubles(float[] x, int off, int len) {
        double[] out = new double[len];
        for (int i = 0; i < len; i++) {
            out[i] = x[off + i];
        }
        return out;
    }

    @Override
    void copy(float[] src, int srcOff, float[] dst, int dstOff, int len) {
        System.arraycopy(src, srcOff, dst, dstOff, len);
    }

    @Override
    void zero(float[] x, int off, int len) {
        java.util.Arrays.fill(x, off, off + len, 0f);
    }

    @Override
    void put(Buffer dst, int dstOff, float[] src, int srcOff, int len) {
        ((FloatBuffer) dst).put(dstOff, src, srcOff, len);
    }

    @Override
    void get(Buffer src, int srcOff, float[] dst, int dstOff, int len) {
        ((FloatBuffer) src).get(srcOff, dst, dstOff, len);
    }

    @Override
    void gemm(Blas blas, boolean transA, boolean transB, int m, int n, int k, double alpha, Buffer a, int lda,
              Buffer b, int ldb, double beta, Buffer c, int ldc) {
        blas.sgemm(transA, transB, m, n, k, (float) alpha, (FloatBuffer) a, lda, (FloatBuffer) b, ldb, (float) beta,
                (FloatBuffer) c, ldc);
    }

    @Override
    void gemmOnThisThread(Blas blas, boolean transA, boolean transB, int m, int n, int k, double alpha, Buffer a,
                          int lda, Buffer b, int ldb, double beta, Buffer c, int ldc) {
        blas.sgemmOnThisThread(transA, transB, m, n, k, (float) alpha, (FloatBuffer) a, lda, (FloatBuffer) b, ldb, (float) beta,
                (FloatBuffer) c, ldc);
    }

    @Override
    void activation(Activation act, float[] z, float[] value, float[] slope, int off, int len) {
        act.evaluate(z, value, slope, off, len);
    }

    @Override
    void scalarReadoutRow(float[] a, float[] h, float[] slope, float[] gaPart, int members, int width,
                          double scale, double coefScale, double target, double[] loss) {
        for (int m = 0; m < members; m++) {
            int off = m * width;
            // four partial sums break the add latency chain (the order is fixed, so results
            // stay deterministic)
            float f0 = 0;
            float f1 = 0;
            float f2 = 0;
            float f3 = 0;
            int i = off;
            for (int end4 = off + (width & ~3); i < end4; i += 4) {
                f0 += a[i] * h[i];
                f1 += a[i + 1] * h[i + 1];
                f2 += a[i + 2] * h[i + 2];
                f3 += a[i + 3] * h[i + 3];
            }
            for (; i < off + width; i++) {
                f0 += a[i] * h[i];
            }
            float f = (f0 + f1) + (f2 + f3);
            f *= (float) scale;
            float diff = f - (float) target;
            loss[m] += 0.5 * diff * diff;
            float coef = (float) coefScale * diff;
            for (i = off; i < off + width; i++) {
                gaPart[i] += coef * h[i];
                slope[i] = coef * a[i] * slope[i];
            }
        }
    }

    @Override
    void add(float[] dst, int off, float[] src, int srcOff, int len) {
        for (int i = 0; i < len; i++) {
            dst[off + i] += src[srcOff + i];
        }
    }

    @Override
    void multiply(float[] x, float[] y, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) {
            x[i] *= y[i];
        }
    }

    @Override
    void sumOfTwo(float[] x, int c1, int c2, float[] out, int len) {
        for (int i = 0; i < len; i++) {
            out[i] = x[c1 + i] + x[c2 + i];
        }
    }

    @Override
    void transpose(float[] in, float[] out, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = in[r * cols + c];
            }
        }
    }

    @Override
    double sumOfSquares(float[] x, int off, int len) {
        double n2 = 0;
        for (int j = off, end = off + len; j < end; j++) {
            n2 += x[j] * x[j];
        }
        return n2;
    }

    @Override
    void gaussian(RandomStream stream, float[] out, int off, int len) {
        Ziggurat.fill(stream, out, off, len);
    }

    @Override
    double langevin(float[] theta, float[] grad, float[] noise, int off, int len, double keep, double eta,
                    double sd) {
        float keepF = (float) keep;
        float etaF = (float) eta;
        float sdF = (float) sd;
        double n2 = 0;
        for (int j = off, end = off + len; j < end; j++) {
            float v = keepF * theta[j] - etaF * grad[j] + sdF * noise[j];
            theta[j] = v;
            n2 += v * v;
        }
        return n2;
    }

    @Override
    double malaLogRatio(float[] old, float[] prop, float[] gOld, float[] gNew, int off, int len, double betaT,
                        double betaPOverVar, double eta) {
        double cross = 0;
        double norms = 0;
        for (int j = off, end = off + len; j < end; j++) {
            double x = old[j];
            double y = prop[j];
            double g = betaT * gOld[j] + betaPOverVar * x;
            double gp = betaT * gNew[j] + betaPOverVar * y;
            cross += (y - x) * (g + gp);
            norms += gp * gp - g * g;
        }
        return cross / 2 - eta * norms / 4;
    }

    @Override
    void sgd(float[] theta, float[] g, float[] buf, int off, int len, double lrD, double muD, double wdD) {
        float lr = (float) lrD;
        float mu = (float) muD;
        float wd = (float) wdD;
        for (int j = off, end = off + len; j < end; j++) {
            float gj = g[j] + wd * theta[j];
            float b = mu * buf[j] + gj;
            buf[j] = b;
            theta[j] -= lr * b;
        }
    }

    @Override
    void adamw(float[] theta, float[] g, float[] m1, float[] m2, int off, int len,
              double lr, double beta1, double beta2,
               double epsD, double weightDecay, double bc1, double bc2) {
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float c1 = (float) (1 - beta1);
        float c2 = (float) (1 - beta2);
        float stepSize = (float) (lr / bc1);
        float invSqrtBc2 = (float) (1 / Math.sqrt(bc2));
        float decay = (float) (1 - lr * weightDecay);
        float eps = (float) epsD;
        for (int j = off, end = off + len; j < end; j++) {
            float gj = g[j];
            float mj = b1 * m1[j] + c1 * gj;
            float vj = b2 * m2[j] + c2 * gj * gj;
            m1[j] = mj;
            m2[j] = vj;
            theta[j] = theta[j] * decay - stepSize * mj / ((float) Math.sqrt(vj) * invSqrtBc2 + eps);
        }
    }

    @Override
    void save(Map<String, double[]> doubles, Map<String, float[]> floats, String name, float[] x) {
        floats.put(name, x.clone());
    }

    @Override
    void restore(TrainerState state, String name, float[] dst) {
        float[] src = state.floats().get(name);
        if (src == null || src.length != dst.length) {
            throw badCheckpoint(name, precision());
        }
        System.arraycopy(src, 0, dst, 0, dst.length);
    }
}
