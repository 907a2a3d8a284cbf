package dev.grokphase.train;

import dev.grokphase.linalg.Blas;
import dev.grokphase.net.Activation;
import dev.grokphase.net.TwoLayerNetwork;
import dev.grokphase.random.RandomStream;
import dev.grokphase.task.Dataset;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Float32 implementation of {@link Trainer}: the same algorithm as {@link Trainer64} with float[]
 * parameters, float buffers and sgemm; losses are accumulated in double, random normals are drawn
 * in double and rounded. Snapshots and {@link #predict} are float64.
 */
final class Trainer32 extends Trainer {

    private final Activation act;
    private final int mn;
    private final float[] xAll;
    private final float[] y;
    private final FloatBuffer xFull;
    private final FloatBuffer xBatch;
    private final FloatBuffer wBuf;
    private final FloatBuffer z;
    private final FloatBuffer gwBuf;
    private final float[] w;
    private final float[] a;
    private final float[] gw;
    private final float[] ga;
    private final float[] zrow;
    private final float[] hrow;
    private final float[][] gaPart;
    private final double[][] lossPart;
    // multi-output buffers (K > 1)
    private final FloatBuffer h;
    private final FloatBuffer aBuf;
    private final FloatBuffer fBuf;
    private final FloatBuffer rBuf;
    private final FloatBuffer gaBuf;
    private final FloatBuffer[] hBlock;
    private final FloatBuffer[] aBlock;
    private final float[] fArr;
    private final float[] rArr;
    // update
    private final float[] noiseW;
    private final float[] noiseA;
    private final float[] mW;
    private final float[] vW;
    private final float[] mA;
    private final float[] vA;
    // two-hot inputs (modular addition): X·Wᵀ is a gather and Gᵀ·X a scatter-add
    private final boolean twoHot;
    private final int[] hotFirst;
    private final int[] hotSecond;
    private final float[] wt;
    private final float[] gwt;
    // sextic regulariser
    private final double gamma;
    private final double[] cosTable;
    private final double[] sinTable;
    private final double[] csScratch;
    private final double[] rowScratch;
    private final double[] gradScratch;
    private final float scaleF;

    Trainer32(TrainingConfig config, Dataset data, List<TwoLayerNetwork> initial, List<RandomStream> noise,
              RandomStream batchRng, Blas blas) {
        super(config, data, initial, noise, batchRng, blas);
        this.act = spec.activation();
        this.mn = members * width;
        this.xAll = toFloat(data.xTrain());
        this.y = toFloat(data.yTrain());
        this.xFull = Blas.allocateFloat(nTrain * dim);
        xFull.put(0, xAll, 0, nTrain * dim);
        this.xBatch = fullBatch ? xFull : Blas.allocateFloat(batch * dim);
        this.wBuf = Blas.allocateFloat(mn * dim);
        this.z = Blas.allocateFloat(batch * mn);
        this.gwBuf = Blas.allocateFloat(mn * dim);
        this.w = new float[mn * dim];
        this.a = new float[members * outputs * width];
        for (int m = 0; m < members; m++) {
            TwoLayerNetwork net = initial.get(m);
            for (int j = 0; j < width * dim; j++) {
                w[m * width * dim + j] = (float) net.w()[j];
            }
            for (int j = 0; j < outputs * width; j++) {
                a[m * outputs * width + j] = (float) net.a()[j];
            }
        }
        this.gw = new float[mn * dim];
        this.ga = new float[a.length];
        this.zrow = new float[mn];
        this.hrow = new float[mn];
        this.gaPart = outputs == 1 ? new float[chunks][mn] : null;
        this.lossPart = new double[chunks][members];
        if (outputs > 1) {
            this.h = Blas.allocateFloat(batch * mn);
            this.aBuf = Blas.allocateFloat(a.length);
            this.fBuf = Blas.allocateFloat(batch * outputs);
            this.rBuf = Blas.allocateFloat(batch * outputs);
            this.gaBuf = Blas.allocateFloat(outputs * width);
            this.hBlock = new FloatBuffer[members];
            this.aBlock = new FloatBuffer[members];
            for (int m = 0; m < members; m++) {
                hBlock[m] = h.slice(m * width, batch * mn - m * width);
                aBlock[m] = aBuf.slice(m * outputs * width, outputs * width);
            }
            this.fArr = new float[batch * outputs];
            this.rArr = new float[batch * outputs];
        } else {
            this.h = null;
            this.aBuf = null;
            this.fBuf = null;
            this.rBuf = null;
            this.gaBuf = null;
            this.hBlock = null;
            this.aBlock = null;
            this.fArr = null;
            this.rArr = null;
        }
        OptimizerConfig o = config.optimizer();
        boolean langevin = o instanceof LangevinConfig;
        this.noiseW = langevin ? new float[w.length] : null;
        this.noiseA = langevin ? new float[a.length] : null;
        boolean moments = !langevin;
        this.mW = moments ? new float[w.length] : null;
        this.mA = moments ? new float[a.length] : null;
        boolean adam = o instanceof AdamWConfig;
        this.vW = adam ? new float[w.length] : null;
        this.vA = adam ? new float[a.length] : null;
        int[][] hot = outputs > 1 && sparseTwoHot ? twoHotColumns(data) : null;
        this.twoHot = hot != null;
        this.hotFirst = twoHot ? hot[0] : null;
        this.hotSecond = twoHot ? hot[1] : null;
        this.wt = twoHot ? new float[dim * mn] : null;
        this.gwt = twoHot ? new float[dim * mn] : null;
        if (o instanceof MalaConfig) {
            throw dev.grokphase.error.GrokphaseException.invalid("--precision", "float32",
                    "MALA runs in float64 only (its accept test compares energies of order n/σ²)");
        }
        this.gamma = o instanceof LangevinConfig l ? l.sexticGamma() : 0;
        if (gamma > 0) {
            double[][] t = fourierTables(dim / 2);
            this.cosTable = t[0];
            this.sinTable = t[1];
            this.csScratch = new double[dim];
            this.rowScratch = new double[dim];
            this.gradScratch = new double[dim];
        } else {
            this.cosTable = null;
            this.sinTable = null;
            this.csScratch = null;
            this.rowScratch = null;
            this.gradScratch = null;
        }
        this.scaleF = (float) scale;
    }

    @Override
    public void step() {
        if (batch == 0) {
            // no data term: the update sees only the prior (and Γ)
            java.util.Arrays.fill(gw, 0f);
            java.util.Arrays.fill(ga, 0f);
            java.util.Arrays.fill(lastLoss, 0.0);
            update();
            steps++;
            return;
        }
        nextBatch();
        if (twoHot) {
            transpose(w, wt, mn, dim); // rows of Wᵀ are the columns the two-hot rows pick
        } else {
            if (!fullBatch) {
                for (int r = 0; r < batch; r++) {
                    xBatch.put(r * dim, xAll, rows[r] * dim, dim);
                }
            }
            wBuf.put(0, w, 0, w.length);
            // Z = X·Wᵀ for all stacked networks at once
            blas.sgemm(false, true, batch, mn, dim, 1.0f, xBatch, dim, wBuf, dim, 0.0f, z, mn);
        }
        if (outputs == 1) {
            scalarOutputPass();
        } else {
            vectorOutputPass();
        }
        checkLoss();
        if (trainW) {
            if (twoHot) {
                transpose(gwt, gw, dim, mn); // scatter-added in vectorOutputPass
            } else {
                // ∂U/∂W (data part) = Gᵀ·X, G now stored in z
                blas.sgemm(true, false, mn, dim, batch, 1.0f, z, mn, xBatch, dim, 0.0f, gwBuf, dim);
                gwBuf.get(0, gw, 0, gw.length);
            }
        }
        update();
        steps++;
    }

    /**
     * K = 1, one pass per row: h = φ(z), f = s·a·h, residual, ∂U/∂a accumulation, and
     * G = s·r·a ⊙ φ'(z) written back over z.
     */
    private void scalarOutputPass() {
        for (int c = 0; c < chunks; c++) {
            float[] gap = gaPart[c];
            double[] lp = lossPart[c];
            java.util.Arrays.fill(gap, 0f);
            java.util.Arrays.fill(lp, 0.0);
            int end = Math.min(batch, (c + 1) * CHUNK_ROWS);
            for (int r = c * CHUNK_ROWS; r < end; r++) {
                z.get(r * mn, zrow, 0, mn);
                act.evaluate(zrow, hrow, zrow, 0, mn);
                float target = y[rows[r]];
                for (int m = 0; m < members; m++) {
                    int off = m * width;
                    // four partial sums break the add latency chain (the order is fixed, so
                    // results stay deterministic)
                    float f0 = 0;
                    float f1 = 0;
                    float f2 = 0;
                    float f3 = 0;
                    int i = off;
                    for (int end4 = off + (width & ~3); i < end4; i += 4) {
                        f0 += a[i] * hrow[i];
                        f1 += a[i + 1] * hrow[i + 1];
                        f2 += a[i + 2] * hrow[i + 2];
                        f3 += a[i + 3] * hrow[i + 3];
                    }
                    for (; i < off + width; i++) {
                        f0 += a[i] * hrow[i];
                    }
                    float f = (f0 + f1) + (f2 + f3);
                    f *= scaleF;
                    float diff = f - target;
                    lp[m] += 0.5 * diff * diff;
                    float coef = (float) (scale * dataScale) * diff;
                    for (i = off; i < off + width; i++) {
                        gap[i] += coef * hrow[i];
                        zrow[i] = coef * a[i] * zrow[i];
                    }
                }
                z.put(r * mn, zrow, 0, mn);
            }
        }
        java.util.Arrays.fill(ga, 0f);
        for (int c = 0; c < chunks; c++) {
            float[] gap = gaPart[c];
            for (int i = 0; i < mn; i++) {
                ga[i] += gap[i];
            }
        }
        finishLoss();
    }

    /** K > 1: element-wise φ, then per network the readout products through BLAS. */
    private void vectorOutputPass() {
        for (int r = 0; r < batch; r++) {
            if (twoHot) {
                // z = w_{·,n} + w_{·,P+m}: the product with a two-hot row is a sum of two columns
                int c1 = hotFirst[rows[r]] * mn;
                int c2 = hotSecond[rows[r]] * mn;
                for (int i = 0; i < mn; i++) {
                    zrow[i] = wt[c1 + i] + wt[c2 + i];
                }
            } else {
                z.get(r * mn, zrow, 0, mn);
            }
            act.evaluate(zrow, hrow, zrow, 0, mn);
            h.put(r * mn, hrow, 0, mn);
            z.put(r * mn, zrow, 0, mn);
        }
        aBuf.put(0, a, 0, a.length);
        int kn = outputs * width;
        for (int m = 0; m < members; m++) {
            // F = s·H_m·A_mᵀ (batch×K)
            blas.sgemm(false, true, batch, outputs, width, scaleF, hBlock[m], mn, aBlock[m], width, 0.0f, fBuf, outputs);
            fBuf.get(0, fArr, 0, fArr.length);
            residuals(m);
            rBuf.put(0, rArr, 0, rArr.length);
            // ∂U/∂a_m = s·R_mᵀ·H_m (K×N)
            blas.sgemm(true, false, outputs, width, batch, scaleF, rBuf, outputs, hBlock[m], mn, 0.0f, gaBuf, width);
            gaBuf.get(0, ga, m * kn, kn);
            // s·R_m·A_m (batch×N), overwriting H_m, which is no longer needed
            blas.sgemm(false, false, batch, width, outputs, scaleF, rBuf, outputs, aBlock[m], width, 0.0f, hBlock[m], mn);
        }
        if (twoHot && trainW) {
            java.util.Arrays.fill(gwt, 0f);
        }
        for (int r = 0; r < batch; r++) {
            z.get(r * mn, zrow, 0, mn);
            h.get(r * mn, hrow, 0, mn);
            for (int i = 0; i < mn; i++) {
                zrow[i] *= hrow[i];
            }
            if (!twoHot) {
                z.put(r * mn, zrow, 0, mn);
            } else if (trainW) {
                // Gᵀ·X for a two-hot row adds G's row to columns n and P + m of ∂U/∂W
                int c1 = hotFirst[rows[r]] * mn;
                int c2 = hotSecond[rows[r]] * mn;
                for (int i = 0; i < mn; i++) {
                    gwt[c1 + i] += zrow[i];
                }
                for (int i = 0; i < mn; i++) {
                    gwt[c2 + i] += zrow[i];
                }
            }
        }
        finishLoss();
    }

    /** Loss of network m and R = dataScale · dℓ/df into rArr, chunk partials into lossPart. */
    private void residuals(int m) {
        boolean mse = config.loss() == Loss.MSE;
        for (int c = 0; c < chunks; c++) {
            lossPart[c][m] = 0;
            int end = Math.min(batch, (c + 1) * CHUNK_ROWS);
            for (int r = c * CHUNK_ROWS; r < end; r++) {
                int fo = r * outputs;
                int yo = rows[r] * outputs;
                double l = 0;
                if (mse) {
                    for (int p = 0; p < outputs; p++) {
                        double diff = fArr[fo + p] - y[yo + p];
                        l += 0.5 * diff * diff;
                        rArr[fo + p] = (float) (dataScale * diff);
                    }
                } else {
                    double max = Double.NEGATIVE_INFINITY;
                    double ysum = 0;
                    double yf = 0;
                    for (int p = 0; p < outputs; p++) {
                        max = Math.max(max, fArr[fo + p]);
                        ysum += y[yo + p];
                        yf += y[yo + p] * fArr[fo + p];
                    }
                    double sum = 0;
                    for (int p = 0; p < outputs; p++) {
                        sum += Math.exp(fArr[fo + p] - max);
                    }
                    double lse = max + Math.log(sum);
                    l = lse * ysum - yf;
                    for (int p = 0; p < outputs; p++) {
                        double soft = Math.exp(fArr[fo + p] - lse);
                        rArr[fo + p] = (float) (dataScale * (soft * ysum - y[yo + p]));
                    }
                }
                lossPart[c][m] += l;
            }
        }
    }

    private void finishLoss() {
        for (int m = 0; m < members; m++) {
            double s = 0;
            for (int c = 0; c < chunks; c++) {
                s += lossPart[c][m];
            }
            lastLoss[m] = s / batch;
        }
    }

    private void update() {
        OptimizerConfig o = config.optimizer();
        int nd = width * dim;
        int kn = outputs * width;
        if (o instanceof LangevinConfig l) {
            double varW = config.prior().varW();
            double varA = config.prior().varA();
            float etaW = (float) (l.stepScale() * varW);
            float etaA = (float) (l.stepScale() * varA);
            float sdW = (float) Math.sqrt(2 * l.stepScale() * varW);
            float sdA = (float) Math.sqrt(2 * l.stepScale() * varA);
            // θ − η(∂U/∂θ) with ∂U/∂θ = g + θ/var: θ(1 − η/var) − η g; η/var = stepScale
            float keep = (float) (1 - l.stepScale());
            if (gamma > 0 && trainW) {
                int p = dim / 2;
                for (int row = 0; row < mn; row++) {
                    for (int j = 0; j < dim; j++) {
                        rowScratch[j] = w[row * dim + j];
                        gradScratch[j] = 0;
                    }
                    addSexticGradient(rowScratch, 0, gradScratch, 0, p, gamma, cosTable, sinTable, csScratch);
                    for (int j = 0; j < dim; j++) {
                        gw[row * dim + j] += (float) gradScratch[j];
                    }
                }
            }
            for (int m = 0; m < members; m++) {
                if (trainW) {
                    noise[m].fillGaussian(noiseW, m * nd, nd, 1.0);
                }
                if (trainA) {
                    noise[m].fillGaussian(noiseA, m * kn, kn, 1.0);
                }
                if (trainW) {
                    double n2 = 0;
                    for (int j = m * nd, end = j + nd; j < end; j++) {
                        float v = keep * w[j] - etaW * gw[j] + sdW * noiseW[j];
                        w[j] = v;
                        n2 += v * v;
                    }
                    checkNorm(m, "w", n2);
                }
                if (trainA) {
                    double n2 = 0;
                    for (int j = m * kn, end = j + kn; j < end; j++) {
                        float v = keep * a[j] - etaA * ga[j] + sdA * noiseA[j];
                        a[j] = v;
                        n2 += v * v;
                    }
                    checkNorm(m, "a", n2);
                }
            }
        } else if (o instanceof SgdConfig s) {
            if (trainW) {
                sgd(w, gw, mW, s);
            }
            if (trainA) {
                sgd(a, ga, mA, s);
            }
            checkNorms();
        } else {
            AdamWConfig ad = (AdamWConfig) o;
            if (trainW) {
                adamw(w, gw, mW, vW, ad);
            }
            if (trainA) {
                adamw(a, ga, mA, vA, ad);
            }
            checkNorms();
        }
    }

    private void checkNorms() {
        int nd = width * dim;
        int kn = outputs * width;
        for (int m = 0; m < members; m++) {
            double n2 = 0;
            for (int j = m * nd, end = j + nd; j < end; j++) {
                n2 += w[j] * w[j];
            }
            checkNorm(m, "w", n2);
            n2 = 0;
            for (int j = m * kn, end = j + kn; j < end; j++) {
                n2 += a[j] * a[j];
            }
            checkNorm(m, "a", n2);
        }
    }

    private static void sgd(float[] theta, float[] g, float[] buf, SgdConfig s) {
        float lr = (float) s.lr();
        float mu = (float) s.momentum();
        float wd = (float) s.weightDecay();
        for (int j = 0; j < theta.length; j++) {
            float gj = g[j] + wd * theta[j];
            float b = mu * buf[j] + gj;
            buf[j] = b;
            theta[j] -= lr * b;
        }
    }

    private void adamw(float[] theta, float[] g, float[] m1, float[] m2, AdamWConfig ad) {
        long t = steps + 1;
        float b1 = (float) ad.beta1();
        float b2 = (float) ad.beta2();
        float c1 = (float) (1 - ad.beta1());
        float c2 = (float) (1 - ad.beta2());
        double bc1 = 1 - Math.pow(ad.beta1(), t);
        double bc2 = 1 - Math.pow(ad.beta2(), t);
        float stepSize = (float) (ad.lr() / bc1);
        float invSqrtBc2 = (float) (1 / Math.sqrt(bc2));
        float decay = (float) (1 - ad.lr() * ad.weightDecay());
        float eps = (float) ad.eps();
        for (int j = 0; j < theta.length; j++) {
            float gj = g[j];
            float mj = b1 * m1[j] + c1 * gj;
            float vj = b2 * m2[j] + c2 * gj * gj;
            m1[j] = mj;
            m2[j] = vj;
            theta[j] = theta[j] * decay - stepSize * mj / ((float) Math.sqrt(vj) * invSqrtBc2 + eps);
        }
    }

    /** out (cols×rows) = inᵀ for in (rows×cols), both row-major. */
    private static void transpose(float[] in, float[] out, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = in[r * cols + c];
            }
        }
    }

    @Override
    public double[] snapshotW(int member) {
        return toDouble(w, member * width * dim, width * dim);
    }

    @Override
    public double[] snapshotA(int member) {
        return toDouble(a, member * outputs * width, outputs * width);
    }

    private static float[] toFloat(double[] x) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) x[i];
        }
        return out;
    }

    private static double[] toDouble(float[] x, int off, int len) {
        double[] out = new double[len];
        for (int i = 0; i < len; i++) {
            out[i] = x[off + i];
        }
        return out;
    }

    @Override
    public TrainerState saveState() {
        Map<String, double[]> doubles = new LinkedHashMap<>();
        Map<String, float[]> floats = new LinkedHashMap<>();
        Map<String, long[]> longs = longMap();
        saveCommon(longs, doubles);
        floats.put("w", w.clone());
        floats.put("a", a.clone());
        if (config.optimizer() instanceof SgdConfig) {
            floats.put("sgd.bufW", mW.clone());
            floats.put("sgd.bufA", mA.clone());
        } else if (config.optimizer() instanceof AdamWConfig) {
            floats.put("adam.mW", mW.clone());
            floats.put("adam.vW", vW.clone());
            floats.put("adam.mA", mA.clone());
            floats.put("adam.vA", vA.clone());
        }
        return new TrainerState(doubles, floats, longs);
    }

    @Override
    public void restoreState(TrainerState s) {
        restoreCommon(s);
        copy(s, "w", w);
        copy(s, "a", a);
        if (config.optimizer() instanceof SgdConfig) {
            copy(s, "sgd.bufW", mW);
            copy(s, "sgd.bufA", mA);
        } else if (config.optimizer() instanceof AdamWConfig) {
            copy(s, "adam.mW", mW);
            copy(s, "adam.vW", vW);
            copy(s, "adam.mA", mA);
            copy(s, "adam.vA", vA);
        }
    }

    private static void copy(TrainerState s, String name, float[] dst) {
        float[] src = s.floats().get(name);
        if (src == null || src.length != dst.length) {
            throw dev.grokphase.error.GrokphaseException.invalid("checkpoint", name,
                    "missing or of the wrong length for a float32 run");
        }
        System.arraycopy(src, 0, dst, 0, dst.length);
    }
}
