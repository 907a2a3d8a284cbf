package dev.grokphase.train;

import dev.grokphase.linalg.Blas;
import dev.grokphase.net.Activation;
import dev.grokphase.random.RandomStream;
import dev.grokphase.random.Ziggurat;
import java.nio.Buffer;
import java.nio.DoubleBuffer;
import java.util.Map;

/** float64 {@link Kernels}: double[] and DoubleBuffer, dgemm. */
final class Kernels64 extends Kernels<double[]> {

    static final Kernels64 INSTANCE = new Kernels64();

    private Kernels64() {
    }

    @Override
    Precision precision() {
        return Precision.FLOAT64;
    }

    @Override
    double[] newArray(int length) {
        return new double[length];
    }

    @Override
    Buffer newBuffer(int length) {
        return Blas.allocateDouble(length);
    }

    @Override
    Buffer slice(Buffer buf, int offset, int length) {
        return ((DoubleBuffer) buf).slice(offset, length);
    }

    @Override
    int length(double[] x) {
        return x.length;
    }

    @Override
    double get(double[] x, int i) {
        return x[i];
    }

    @Override
    void set(double[] x, int i, double v) {
        x[i] = v;
    }

    @Override
    double round(double v) {
        return v;
    }

    @Override
    void copyFromDoubles(double[] src, int srcOff, double[] dst, int dstOff, int len) {
        System.arraycopy(src, srcOff, dst, dstOff, len);
    }

    @Override
    void copyToDoubles(double[] src, int srcOff, double[] dst, int dstOff, int len) {
        System.arraycopy(src, srcOff, dst, dstOff, len);
    }

    @Override
    double[] toDoubles(double[] x, int off, int len) {
        return java.util.Arrays.copyOfRange(x, off, off + len);
    }

    @Override
    void copy(double[] src, int srcOff, double[] dst, int dstOff, int len) {
        System.arraycopy(src, srcOff, dst, dstOff, len);
    }

    @Override
    void zero(double[] x, int off, int len) {
        java.util.Arrays.fill(x, off, off + len, 0.0);
    }

    @Override
    void put(Buffer dst, int dstOff, double[] src, int srcOff, int len) {
        ((DoubleBuffer) dst).put(dstOff, src, srcOff, len);
    }

    @Override
    void get(Buffer src, int srcOff, double[] dst, int dstOff, int len) {
        ((DoubleBuffer) src).get(srcOff, dst, dstOff, len);
    }

    @Override
    void gemm(Blas blas, boolean transA, boolean transB, int m, int n, int k, double alpha, Buffer a, int lda,
              Buffer b, int ldb, double beta, Buffer c, int ldc) {
        blas.dgemm(transA, transB, m, n, k, alpha, (DoubleBuffer) a, lda, (DoubleBuffer) b, ldb, beta,
                (DoubleBuffer) c, ldc);
    }

    @Override
    void gemmOnThisThread(Blas blas, boolean transA, boolean transB, int m, int n, int k, double alpha, Buffer a,
                          int lda, Buffer b, int ldb, double beta, Buffer c, int ldc) {
        blas.dgemmOnThisThread(transA, transB, m, n, k, alpha, (DoubleBuffer) a, lda, (DoubleBuffer) b, ldb, beta,
                (DoubleBuffer) c, ldc);
    }

    @Override
    void activation(Activation act, double[] z, double[] value, double[] slope, int off, int len) {
        act.evaluate(z, value, slope, off, len);
    }

    @Override
    void scalarReadoutRow(double[] a, double[] h, double[] slope, double[] gaPart, int members, int width,
                          double scale, double coefScale, double target, double[] loss) {
        for (int m = 0; m < members; m++) {
            int off = m * width;
            // four partial sums break the add latency chain (the order is fixed, so results
            // stay deterministic)
            double f0 = 0;
            double f1 = 0;
            double f2 = 0;
            double f3 = 0;
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
            double f = (f0 + f1) + (f2 + f3);
            f *= scale;
            double diff = f - target;
            loss[m] += 0.5 * diff * diff;
            double coef = coefScale * diff;
            for (i = off; i < off + width; i++) {
                gaPart[i] += coef * h[i];
                slope[i] = coef * a[i] * slope[i];
            }
        }
    }

    @Override
    void add(double[] dst, int off, double[] src, int srcOff, int len) {
        for (int i = 0; i < len; i++) {
            dst[off + i] += src[srcOff + i];
        }
    }

    @Override
    void multiply(double[] x, double[] y, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) {
            x[i] *= y[i];
        }
    }

    @Override
    void sumOfTwo(double[] x, int c1, int c2, double[] out, int len) {
        for (int i = 0; i < len; i++) {
            out[i] = x[c1 + i] + x[c2 + i];
        }
    }

    @Override
    void transpose(double[] in, double[] out, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = in[r * cols + c];
            }
        }
    }

    @Override
    double sumOfSquares(double[] x, int off, int len) {
        double n2 = 0;
        for (int j = off, end = off + len; j < end; j++) {
            n2 += x[j] * x[j];
        }
        return n2;
    }

    @Override
    void gaussian(RandomStream stream, double[] out, int off, int len) {
        Ziggurat.fill(stream, out, off, len);
    }

    @Override
    double langevin(double[] theta, double[] grad, double[] noise, int off, int len, double keep, double eta,
                    double sd) {
        double n2 = 0;
        for (int j = off, end = off + len; j < end; j++) {
            double v = keep * theta[j] - eta * grad[j] + sd * noise[j];
            theta[j] = v;
            n2 += v * v;
        }
        return n2;
    }

    @Override
    double malaLogRatio(double[] old, double[] prop, double[] gOld, double[] gNew, int off, int len, double betaT,
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
    void sgd(double[] theta, double[] g, double[] buf, int off, int len, double lr, double mu, double wd) {
        for (int j = off, end = off + len; j < end; j++) {
            double gj = g[j] + wd * theta[j];
            double b = mu * buf[j] + gj;
            buf[j] = b;
            theta[j] -= lr * b;
        }
    }

    @Override
    void adamw(double[] theta, double[] g, double[] m1, double[] m2, int off, int len,
              double lr, double b1, double b2, double eps,
               double weightDecay, double bc1, double bc2) {
        double stepSize = lr / bc1;
        double sqrtBc2 = Math.sqrt(bc2);
        double decay = 1 - lr * weightDecay;
        for (int j = off, end = off + len; j < end; j++) {
            double gj = g[j];
            double mj = b1 * m1[j] + (1 - b1) * gj;
            double vj = b2 * m2[j] + (1 - b2) * gj * gj;
            m1[j] = mj;
            m2[j] = vj;
            theta[j] = theta[j] * decay - stepSize * mj / (Math.sqrt(vj) / sqrtBc2 + eps);
        }
    }

    @Override
    void save(Map<String, double[]> doubles, Map<String, float[]> floats, String name, double[] x) {
        doubles.put(name, x.clone());
    }

    @Override
    void restore(TrainerState state, String name, double[] dst) {
        double[] src = state.doubles().get(name);
        if (src == null || src.length != dst.length) {
            throw badCheckpoint(name, precision());
        }
        System.arraycopy(src, 0, dst, 0, dst.length);
    }
}
