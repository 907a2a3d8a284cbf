package dev.grokphase.train;

import dev.grokphase.linalg.Blas;
import dev.grokphase.net.Activation;
import dev.grokphase.net.TwoLayerNetwork;
import dev.grokphase.random.RandomStream;
import dev.grokphase.task.Dataset;
import java.nio.DoubleBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Float64 implementation of {@link Trainer}. Parameters live in heap arrays (w: (M·N)×D, a: M
 * blocks of K×N); matrices that BLAS reads or writes live in direct buffers (X, the stacked W,
 * Z and the gradient of W), copied in bulk where Java needs them (a few per cent of a step).
 */
final class Trainer64 extends Trainer {

    private final Activation act;
    private final int mn;
    private final double[] xAll;
    private final double[] y;
    private final DoubleBuffer xFull;
    private final DoubleBuffer xBatch;
    private final DoubleBuffer wBuf;
    private final DoubleBuffer z;
    private final DoubleBuffer gwBuf;
    private final double[] w;
    private final double[] a;
    private final double[] gw;
    private final double[] ga;
    private final double[] zrow;
    private final double[] hrow;
    private final double[][] gaPart;
    private final double[][] lossPart;
    // multi-output buffers (K > 1)
    private final DoubleBuffer h;
    private final DoubleBuffer aBuf;
    private final DoubleBuffer fBuf;
    private final DoubleBuffer rBuf;
    private final DoubleBuffer gaBuf;
    private final DoubleBuffer[] hBlock;
    private final DoubleBuffer[] aBlock;
    private final double[] fArr;
    private final double[] rArr;
    // update
    private final double[] noiseW;
    private final double[] noiseA;
    private final double[] mW;
    private final double[] vW;
    private final double[] mA;
    private final double[] vA;
    // two-hot inputs (modular addition): X·Wᵀ is a gather and Gᵀ·X a scatter-add
    private final boolean twoHot;
    private final int[] hotFirst;
    private final int[] hotSecond;
    private final double[] wt;
    private final double[] gwt;
    // sextic regulariser
    private final double gamma;
    private final double[] cosTable;
    private final double[] sinTable;
    private final double[] csScratch;
    // Metropolis-adjusted Langevin (null for the other update rules)
    private final Mala64 mala;

    Trainer64(TrainingConfig config, Dataset data, List<TwoLayerNetwork> initial, List<RandomStream> noise,
              RandomStream batchRng, Blas blas) {
        super(config, data, initial, noise, batchRng, blas);
        this.act = spec.activation();
        this.mn = members * width;
        this.xAll = data.xTrain();
        this.y = data.yTrain();
        this.xFull = Blas.allocateDouble(nTrain * dim);
        xFull.put(0, xAll, 0, nTrain * dim);
        this.xBatch = fullBatch ? xFull : Blas.allocateDouble(batch * dim);
        this.wBuf = Blas.allocateDouble(mn * dim);
        this.z = Blas.allocateDouble(batch * mn);
        this.gwBuf = Blas.allocateDouble(mn * dim);
        this.w = new double[mn * dim];
        this.a = new double[members * outputs * width];
        for (int m = 0; m < members; m++) {
            TwoLayerNetwork net = initial.get(m);
            System.arraycopy(net.w(), 0, w, m * width * dim, width * dim);
            System.arraycopy(net.a(), 0, a, m * outputs * width, outputs * width);
        }
        this.gw = new double[mn * dim];
        this.ga = new double[a.length];
        this.zrow = new double[mn];
        this.hrow = new double[mn];
        this.gaPart = outputs == 1 ? new double[chunks][mn] : null;
        this.lossPart = new double[chunks][members];
        if (outputs > 1) {
            this.h = Blas.allocateDouble(batch * mn);
            this.aBuf = Blas.allocateDouble(a.length);
            this.fBuf = Blas.allocateDouble(batch * outputs);
            this.rBuf = Blas.allocateDouble(batch * outputs);
            this.gaBuf = Blas.allocateDouble(outputs * width);
            this.hBlock = new DoubleBuffer[members];
            this.aBlock = new DoubleBuffer[members];
            for (int m = 0; m < members; m++) {
                hBlock[m] = h.slice(m * width, batch * mn - m * width);
                aBlock[m] = aBuf.slice(m * outputs * width, outputs * width);
            }
            this.fArr = new double[batch * outputs];
            this.rArr = new double[batch * outputs];
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
        this.noiseW = langevin ? new double[w.length] : null;
        this.noiseA = langevin ? new double[a.length] : null;
        boolean moments = o instanceof SgdConfig || o instanceof AdamWConfig;
        this.mW = moments ? new double[w.length] : null;
        this.mA = moments ? new double[a.length] : null;
        boolean adam = o instanceof AdamWConfig;
        this.vW = adam ? new double[w.length] : null;
        this.vA = adam ? new double[a.length] : null;
        int[][] hot = outputs > 1 && sparseTwoHot ? twoHotColumns(data) : null;
        this.twoHot = hot != null;
        this.hotFirst = twoHot ? hot[0] : null;
        this.hotSecond = twoHot ? hot[1] : null;
        this.wt = twoHot ? new double[dim * mn] : null;
        this.gwt = twoHot ? new double[dim * mn] : null;
        this.gamma = config.posterior() != null ? config.posterior().sexticGamma() : 0;
        if (gamma > 0) {
            double[][] t = fourierTables(dim / 2);
            this.cosTable = t[0];
            this.sinTable = t[1];
            this.csScratch = new double[dim];
        } else {
            this.cosTable = null;
            this.sinTable = null;
            this.csScratch = null;
        }
        if (o instanceof MalaConfig mc) {
            int p = dim / 2;
            Mala64.Sextic sextic = gamma > 0 ? (wArr, grad, first, count) -> {
                double v = 0;
                for (int row = first; row < first + count; row++) {
                    v += addSexticGradient(wArr, row * dim, grad, row * dim, p, gamma, cosTable, sinTable, csScratch);
                }
                return v;
            } : null;
            this.mala = new Mala64(mc, members, width, dim, outputs, config.prior().varW(), config.prior().varA(), trainW,
                    trainA, batch * dataScale, w, a, gw, ga, lastLoss, this.noise, this::evaluate, sextic);
        } else {
            this.mala = null;
        }
    }

    @Override
    public MalaChains mala() {
        return mala;
    }

    @Override
    public void step() {
        if (mala != null) {
            mala.step();
            steps++;
            return;
        }
        if (batch == 0) {
            // no data term: the update sees only the prior (and Γ)
            java.util.Arrays.fill(gw, 0.0);
            java.util.Arrays.fill(ga, 0.0);
            java.util.Arrays.fill(lastLoss, 0.0);
            update();
            steps++;
            return;
        }
        nextBatch();
        evaluateBatch();
        checkLoss();
        update();
        steps++;
    }

    /**
     * The data term at the current parameters on the current batch: lastLoss and ∂L/∂θ in gw, ga
     * (no prior, no Γ). MALA calls it on its proposals; a non-finite loss is left for it to reject.
     */
    private void evaluate() {
        if (batch == 0) {
            java.util.Arrays.fill(gw, 0.0);
            java.util.Arrays.fill(ga, 0.0);
            java.util.Arrays.fill(lastLoss, 0.0);
            return;
        }
        evaluateBatch();
    }

    private void evaluateBatch() {
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
            blas.dgemm(false, true, batch, mn, dim, 1.0, xBatch, dim, wBuf, dim, 0.0, z, mn);
        }
        if (outputs == 1) {
            scalarOutputPass();
        } else {
            vectorOutputPass();
        }
        if (trainW) {
            if (twoHot) {
                transpose(gwt, gw, dim, mn); // scatter-added in vectorOutputPass
            } else {
                // ∂U/∂W (data part) = Gᵀ·X, G now stored in z
                blas.dgemm(true, false, mn, dim, batch, 1.0, z, mn, xBatch, dim, 0.0, gwBuf, dim);
                gwBuf.get(0, gw, 0, gw.length);
            }
        }
    }

    /**
     * K = 1, one pass per row: h = φ(z), f = s·a·h, residual, ∂U/∂a accumulation, and
     * G = s·r·a ⊙ φ'(z) written back over z.
     */
    private void scalarOutputPass() {
        for (int c = 0; c < chunks; c++) {
            double[] gap = gaPart[c];
            double[] lp = lossPart[c];
            java.util.Arrays.fill(gap, 0.0);
            java.util.Arrays.fill(lp, 0.0);
            int end = Math.min(batch, (c + 1) * CHUNK_ROWS);
            for (int r = c * CHUNK_ROWS; r < end; r++) {
                z.get(r * mn, zrow, 0, mn);
                act.evaluate(zrow, hrow, zrow, 0, mn);
                double target = y[rows[r]];
                for (int m = 0; m < members; m++) {
                    int off = m * width;
                    // four partial sums break the add latency chain (the order is fixed, so
                    // results stay deterministic)
                    double f0 = 0;
                    double f1 = 0;
                    double f2 = 0;
                    double f3 = 0;
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
                    double f = (f0 + f1) + (f2 + f3);
                    f *= scale;
                    double diff = f - target;
                    lp[m] += 0.5 * diff * diff;
                    double coef = scale * dataScale * diff;
                    for (i = off; i < off + width; i++) {
                        gap[i] += coef * hrow[i];
                        zrow[i] = coef * a[i] * zrow[i];
                    }
                }
                z.put(r * mn, zrow, 0, mn);
            }
        }
        java.util.Arrays.fill(ga, 0.0);
        for (int c = 0; c < chunks; c++) {
            double[] gap = gaPart[c];
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
            blas.dgemm(false, true, batch, outputs, width, scale, hBlock[m], mn, aBlock[m], width, 0.0, fBuf, outputs);
            fBuf.get(0, fArr, 0, fArr.length);
            residuals(m);
            rBuf.put(0, rArr, 0, rArr.length);
            // ∂U/∂a_m = s·R_mᵀ·H_m (K×N)
            blas.dgemm(true, false, outputs, width, batch, scale, rBuf, outputs, hBlock[m], mn, 0.0, gaBuf, width);
            gaBuf.get(0, ga, m * kn, kn);
            // s·R_m·A_m (batch×N), overwriting H_m, which is no longer needed
            blas.dgemm(false, false, batch, width, outputs, scale, rBuf, outputs, aBlock[m], width, 0.0, hBlock[m], mn);
        }
        if (twoHot && trainW) {
            java.util.Arrays.fill(gwt, 0.0);
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
                        rArr[fo + p] = dataScale * diff;
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
                        rArr[fo + p] = dataScale * (soft * ysum - y[yo + p]);
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
            double etaW = l.stepScale() * varW;
            double etaA = l.stepScale() * varA;
            double sdW = Math.sqrt(2 * etaW);
            double sdA = Math.sqrt(2 * etaA);
            // θ − η(∂U/∂θ) with ∂U/∂θ = g + θ/var: θ(1 − η/var) − η g; η/var = stepScale
            double keep = 1 - l.stepScale();
            if (gamma > 0 && trainW) {
                int p = dim / 2;
                for (int row = 0; row < mn; row++) {
                    addSexticGradient(w, row * dim, gw, row * dim, p, gamma, cosTable, sinTable, csScratch);
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
                        double v = keep * w[j] - etaW * gw[j] + sdW * noiseW[j];
                        w[j] = v;
                        n2 += v * v;
                    }
                    checkNorm(m, "w", n2);
                }
                if (trainA) {
                    double n2 = 0;
                    for (int j = m * kn, end = j + kn; j < end; j++) {
                        double v = keep * a[j] - etaA * ga[j] + sdA * noiseA[j];
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

    private static void sgd(double[] theta, double[] g, double[] buf, SgdConfig s) {
        double lr = s.lr();
        double mu = s.momentum();
        double wd = s.weightDecay();
        for (int j = 0; j < theta.length; j++) {
            double gj = g[j] + wd * theta[j];
            double b = mu * buf[j] + gj;
            buf[j] = b;
            theta[j] -= lr * b;
        }
    }

    private void adamw(double[] theta, double[] g, double[] m1, double[] m2, AdamWConfig ad) {
        long t = steps + 1;
        double b1 = ad.beta1();
        double b2 = ad.beta2();
        double bc1 = 1 - Math.pow(b1, t);
        double bc2 = 1 - Math.pow(b2, t);
        double stepSize = ad.lr() / bc1;
        double sqrtBc2 = Math.sqrt(bc2);
        double decay = 1 - ad.lr() * ad.weightDecay();
        double eps = ad.eps();
        for (int j = 0; j < theta.length; j++) {
            double gj = g[j];
            double mj = b1 * m1[j] + (1 - b1) * gj;
            double vj = b2 * m2[j] + (1 - b2) * gj * gj;
            m1[j] = mj;
            m2[j] = vj;
            theta[j] = theta[j] * decay - stepSize * mj / (Math.sqrt(vj) / sqrtBc2 + eps);
        }
    }

    /** out (cols×rows) = inᵀ for in (rows×cols), both row-major. */
    private static void transpose(double[] in, double[] out, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = in[r * cols + c];
            }
        }
    }

    @Override
    public double[] snapshotW(int member) {
        return java.util.Arrays.copyOfRange(w, member * width * dim, (member + 1) * width * dim);
    }

    @Override
    public double[] snapshotA(int member) {
        return java.util.Arrays.copyOfRange(a, member * outputs * width, (member + 1) * outputs * width);
    }

    @Override
    public TrainerState saveState() {
        Map<String, double[]> doubles = new LinkedHashMap<>();
        Map<String, long[]> longs = longMap();
        saveCommon(longs, doubles);
        doubles.put("w", w.clone());
        doubles.put("a", a.clone());
        if (mala != null) {
            mala.save(doubles, longs);
        }
        if (config.optimizer() instanceof SgdConfig) {
            doubles.put("sgd.bufW", mW.clone());
            doubles.put("sgd.bufA", mA.clone());
        } else if (config.optimizer() instanceof AdamWConfig) {
            doubles.put("adam.mW", mW.clone());
            doubles.put("adam.vW", vW.clone());
            doubles.put("adam.mA", mA.clone());
            doubles.put("adam.vA", vA.clone());
        }
        return new TrainerState(doubles, Map.of(), longs);
    }

    @Override
    public void restoreState(TrainerState s) {
        restoreCommon(s);
        copy(s, "w", w);
        copy(s, "a", a);
        if (mala != null) {
            mala.restore(s);
        }
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

    private static void copy(TrainerState s, String name, double[] dst) {
        double[] src = s.doubles().get(name);
        if (src == null || src.length != dst.length) {
            throw dev.grokphase.error.GrokphaseException.invalid("checkpoint", name,
                    "missing or of the wrong length for a float64 run");
        }
        System.arraycopy(src, 0, dst, 0, dst.length);
    }
}
