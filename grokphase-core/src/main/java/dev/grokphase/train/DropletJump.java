package dev.grokphase.train;

import dev.grokphase.error.GrokphaseException;
import dev.grokphase.linalg.Blas;
import dev.grokphase.net.Activation;
import dev.grokphase.random.RandomStream;
import dev.grokphase.task.Dataset;

import java.nio.DoubleBuffer;
import java.util.Map;

/**
 * The droplet jump ({@link DropletJumpConfig}): a sweep over the hidden neurons of every network,
 * each an exact Metropolis–Hastings move of (w_i, a_i) with a_i integrated out. It runs between
 * steps ({@link Engine#step()}); a rule with cached energies is told through
 * {@link UpdateRule#parametersChanged}.
 *
 * <p>Target of network m: exp(−β L − β' G) with L = λ₀ Σ_μ ½(f_μ − y_μ)², λ₀ the engine's data
 * scale (1/σ² at full batch), G = |w|²/(2 v_w) + |a|²/(2 v_a), and β, β' the engine's inverse
 * temperatures of the data term and of the prior (1 without replicas). With f = s Σ_j a_j φ(X w_j),
 * ψ = s φ(X w_i) and r = y − Σ_{j≠i} s a_j φ(X w_j), the terms with a_i are
 * −(β'/(2v_a)) a_i² − (λ/2)|r − a_i ψ|² (λ = βλ₀): a Gaussian in a_i with precision
 * A = β'/v_a + λ|ψ|² and mean λ(ψ·r)/A. Integrating it out,
 *
 * <pre>
 *   log p(w_i | rest) = −β'|w_i|²/(2 v_w) + (λ ψ·r)²/(2A) − ½ log A + const.
 * </pre>
 *
 * The move proposes w_i' = w_i + δu (u the unit teacher direction, δ with a symmetric law), accepts
 * with min(1, p(w_i'|rest)/p(w_i|rest)), and then draws a_i from its conditional at the (new or
 * kept) w_i. As a joint proposal (w', a') ~ q(w'|w)·p(a'|w') this is Metropolis–Hastings on
 * p(w_i, a_i | rest) whose ratio is the marginal ratio above (the conditionals of a cancel), so
 * the move leaves the posterior exactly invariant. X w_i' = X w_i + δ X u: with X u computed once,
 * a proposal costs n activations and O(n) arithmetic, a sweep of N neurons about one element-wise
 * pass of a step (the pre-activations of the sweep's start come from one matrix product).
 *
 * <p>Random numbers come from each network's own noise stream, in a fixed order per neuron (sign,
 * length, acceptance, then the Gaussian of a), so runs are reproducible and a checkpoint needs only
 * the counters. In float32 the move is computed in float64 from the stored values and written back
 * rounded.
 */
final class DropletJump<A> implements JumpMove {

    private final Engine<A> e;
    private final Kernels<A> k;
    private final DropletJumpConfig config;
    private final Activation act;
    private final Blas blas;
    private final int n;
    private final int width;
    private final int dim;
    private final double scale;
    private final double dataScale;
    private final double varW;
    private final double varA;
    private final double[] u;
    private final double[] y;
    /** X·u over the training inputs. */
    private final double[] xu;
    private final DoubleBuffer xBuf;
    private final DoubleBuffer wBuf;
    private final DoubleBuffer zBuf;
    // one network's sweep
    private final double[] w;
    private final double[] a;
    /** Pre-activations and activations, neuron-major: z[i·n + μ] = w_i·x_μ. */
    private final double[] z;
    private final double[] phi;
    private final double[] f;
    private final double[] r;
    private final double[] zNew;
    private final double[] phiNew;
    private final double[] slope;
    private final long[] attempts;
    private final long[] accepted;

    DropletJump(DropletJumpConfig config, Engine<A> engine, Dataset data, Blas blas) {
        this.e = engine;
        this.k = engine.kernels();
        this.config = config;
        this.act = engine.config().network().activation();
        this.blas = blas;
        double[] dir = data.teacherDirection();
        if (dir == null) {
            throw GrokphaseException.invalid("--jump-every", config.every(),
                    "droplet jumps move neurons along the teacher direction; this dataset has none (use the cubic task)");
        }
        this.n = data.nTrain();
        this.width = engine.config().network().width();
        this.dim = data.inputDim();
        this.scale = engine.config().network().effectiveScale();
        this.dataScale = engine.dataScale; // (n/B)/σ², and B = n: jumps need the full batch
        this.varW = engine.config().prior().varW();
        this.varA = engine.config().prior().varA();
        double norm = 0;
        for (double v : dir) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        this.u = new double[dim];
        for (int j = 0; j < dim; j++) {
            u[j] = dir[j] / norm;
        }
        this.y = data.yTrain();
        double[] x = data.xTrain();
        this.xu = new double[n];
        for (int mu = 0; mu < n; mu++) {
            double s = 0;
            for (int j = 0; j < dim; j++) {
                s += x[mu * dim + j] * u[j];
            }
            xu[mu] = s;
        }
        this.xBuf = Blas.allocateDouble(Math.max(1, n * dim));
        xBuf.put(0, x, 0, n * dim);
        this.wBuf = Blas.allocateDouble(width * dim);
        this.zBuf = Blas.allocateDouble(Math.max(1, width * n));
        this.w = new double[width * dim];
        this.a = new double[width];
        this.z = new double[width * n];
        this.phi = new double[width * n];
        this.f = new double[n];
        this.r = new double[n];
        this.zNew = new double[n];
        this.phiNew = new double[n];
        this.slope = new double[Math.max(n, width * n)];
        this.attempts = new long[engine.members()];
        this.accepted = new long[engine.members()];
    }

    @Override
    public DropletJumpConfig config() {
        return config;
    }

    /** One sweep over every neuron of every network, in order. */
    @Override
    public void sweep() {
        for (int m = 0; m < e.members(); m++) {
            sweep(m);
        }
    }

    private void sweep(int m) {
        int nd = width * dim;
        k.copyToDoubles(e.w(), m * nd, w, 0, nd);
        k.copyToDoubles(e.a(), m * width, a, 0, width);
        if (n > 0) {
            wBuf.put(0, w, 0, nd);
            // Zᵀ = W·Xᵀ: neuron i's pre-activations contiguous
            blas.dgemm(false, true, width, n, dim, 1.0, wBuf, dim, xBuf, dim, 0.0, zBuf, n);
            zBuf.get(0, z, 0, width * n);
            act.evaluate(z, phi, slope, 0, width * n);
        }
        java.util.Arrays.fill(f, 0.0);
        for (int i = 0; i < width; i++) {
            double ai = scale * a[i];
            int off = i * n;
            for (int mu = 0; mu < n; mu++) {
                f[mu] += ai * phi[off + mu];
            }
        }
        double lambda = e.inverseTemperature(m) * dataScale;
        double betaPrior = e.priorInverseTemperature(m);
        RandomStream rng = e.noise(m);
        for (int i = 0; i < width; i++) {
            int off = i * n;
            double ai = a[i];
            double pr = 0;
            double pp = 0;
            for (int mu = 0; mu < n; mu++) {
                double p = phi[off + mu];
                double rm = y[mu] - f[mu] + scale * ai * p;
                r[mu] = rm;
                pr += p * rm;
                pp += p * p;
            }
            double q = 0;
            double w2 = 0;
            for (int j = 0; j < dim; j++) {
                double v = w[i * dim + j];
                q += v * u[j];
                w2 += v * v;
            }
            double sign = rng.nextDouble() < 0.5 ? -1.0 : 1.0;
            double delta = sign * config.size() * (1 + config.spread() * (2 * rng.nextDouble() - 1));
            double logU = Math.log(rng.nextDouble());
            double w2New = w2 + 2 * delta * q + delta * delta;
            for (int mu = 0; mu < n; mu++) {
                zNew[mu] = z[off + mu] + delta * xu[mu];
            }
            if (n > 0) {
                act.evaluate(zNew, phiNew, slope, 0, n);
            }
            double prNew = 0;
            double ppNew = 0;
            for (int mu = 0; mu < n; mu++) {
                double p = phiNew[mu];
                prNew += p * r[mu];
                ppNew += p * p;
            }
            double before = logMarginal(w2, scale * pr, scale * scale * pp, lambda, betaPrior);
            double after = logMarginal(w2New, scale * prNew, scale * scale * ppNew, lambda, betaPrior);
            attempts[m]++;
            double psiR;
            double psi2;
            if (logU < after - before) {
                accepted[m]++;
                for (int j = 0; j < dim; j++) {
                    w[i * dim + j] += delta * u[j];
                }
                System.arraycopy(zNew, 0, z, off, n);
                System.arraycopy(phiNew, 0, phi, off, n);
                k.copyFromDoubles(w, i * dim, e.w(), m * nd + i * dim, dim);
                psiR = scale * prNew;
                psi2 = scale * scale * ppNew;
            } else {
                psiR = scale * pr;
                psi2 = scale * scale * pp;
            }
            // Gibbs draw of a_i given w_i and the other neurons
            double precision = betaPrior / varA + lambda * psi2;
            double aNew = lambda * psiR / precision + rng.nextGaussian() / Math.sqrt(precision);
            a[i] = aNew;
            double sa = scale * aNew;
            for (int mu = 0; mu < n; mu++) {
                f[mu] = y[mu] - r[mu] + sa * phi[off + mu];
            }
        }
        k.copyFromDoubles(a, 0, e.a(), m * width, width);
        e.checkNorms();
    }

    /**
     * log p(w_i | rest) up to a constant, with a_i integrated out: −β'|w|²/(2v_w) + (λ ψ·r)²/(2A)
     * − ½ log A, A = β'/v_a + λ|ψ|².
     *
     * @param w2     |w_i|²
     * @param psiR   ψ·r
     * @param psi2   |ψ|²
     * @param lambda β/σ², the data term's weight
     * @param betaPrior β', the prior's inverse temperature
     */
    double logMarginal(double w2, double psiR, double psi2, double lambda, double betaPrior) {
        return logMarginal(w2, psiR, psi2, lambda, betaPrior, varW, varA);
    }

    /** {@link #logMarginal(double, double, double, double, double)} with explicit prior variances (tests). */
    static double logMarginal(double w2, double psiR, double psi2, double lambda, double betaPrior, double varW, double varA) {
        double precision = betaPrior / varA + lambda * psi2;
        double b = lambda * psiR;
        return -betaPrior * w2 / (2 * varW) + b * b / (2 * precision) - 0.5 * Math.log(precision);
    }

    /**
     * Diagnostic: for every neuron of network m, log p(w_i + δu | rest) − log p(w_i | rest) for each δ
     * of {@code deltas} (the other neurons at their current state), as [neuron][δ]. Changes nothing.
     */
    double[][] logRatios(int m, double[] deltas) {
        int nd = width * dim;
        k.copyToDoubles(e.w(), m * nd, w, 0, nd);
        k.copyToDoubles(e.a(), m * width, a, 0, width);
        wBuf.put(0, w, 0, nd);
        blas.dgemm(false, true, width, n, dim, 1.0, wBuf, dim, xBuf, dim, 0.0, zBuf, n);
        zBuf.get(0, z, 0, width * n);
        act.evaluate(z, phi, slope, 0, width * n);
        java.util.Arrays.fill(f, 0.0);
        for (int i = 0; i < width; i++) {
            for (int mu = 0; mu < n; mu++) {
                f[mu] += scale * a[i] * phi[i * n + mu];
            }
        }
        double lambda = e.inverseTemperature(m) * dataScale;
        double betaPrior = e.priorInverseTemperature(m);
        double[][] out = new double[width][deltas.length];
        for (int i = 0; i < width; i++) {
            int off = i * n;
            double pr = 0;
            double pp = 0;
            for (int mu = 0; mu < n; mu++) {
                double p = phi[off + mu];
                r[mu] = y[mu] - f[mu] + scale * a[i] * p;
                pr += p * r[mu];
                pp += p * p;
            }
            double q = 0;
            double w2 = 0;
            for (int j = 0; j < dim; j++) {
                q += w[i * dim + j] * u[j];
                w2 += w[i * dim + j] * w[i * dim + j];
            }
            double before = logMarginal(w2, scale * pr, scale * scale * pp, lambda, betaPrior);
            for (int t = 0; t < deltas.length; t++) {
                double delta = deltas[t];
                for (int mu = 0; mu < n; mu++) {
                    zNew[mu] = z[off + mu] + delta * xu[mu];
                }
                act.evaluate(zNew, phiNew, slope, 0, n);
                double prNew = 0;
                double ppNew = 0;
                for (int mu = 0; mu < n; mu++) {
                    prNew += phiNew[mu] * r[mu];
                    ppNew += phiNew[mu] * phiNew[mu];
                }
                out[i][t] = logMarginal(w2 + 2 * delta * q + delta * delta, scale * prNew, scale * scale * ppNew, lambda,
                        betaPrior) - before;
            }
        }
        return out;
    }

    /** Accepted fraction of network m's jump proposals (NaN before the first). */
    @Override
    public double acceptance(int m) {
        return attempts[m] == 0 ? Double.NaN : (double) accepted[m] / attempts[m];
    }

    @Override
    public long attempts(int m) {
        return attempts[m];
    }

    @Override
    public void save(Map<String, long[]> longs) {
        long[] s = new long[2 * attempts.length];
        for (int m = 0; m < attempts.length; m++) {
            s[2 * m] = attempts[m];
            s[2 * m + 1] = accepted[m];
        }
        longs.put("jump.counts", s);
    }

    @Override
    public void restore(TrainerState state) {
        long[] s = state.longs().get("jump.counts");
        if (s == null || s.length != 2 * attempts.length) {
            throw GrokphaseException.invalid("checkpoint", "jump.counts",
                    "missing or of the wrong length: the checkpoint is not from a run with --jump-every > 0");
        }
        for (int m = 0; m < attempts.length; m++) {
            attempts[m] = s[2 * m];
            accepted[m] = s[2 * m + 1];
        }
    }
}
