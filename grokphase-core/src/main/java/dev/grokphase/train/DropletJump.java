package dev.grokphase.train;

import dev.grokphase.linalg.Blas;
import dev.grokphase.random.RandomStream;
import dev.grokphase.task.Dataset;


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
final class DropletJump<A> extends NeuronJump<A> {

    /** X u: the change of the pre-activations per unit shift along u. */
    private final double[] xu;
    private final double[] zNew;
    private final double[] phiNew;

    DropletJump(DropletJumpConfig config, Engine<A> engine, Dataset data, Blas blas) {
        super(config, engine, data, blas);
        this.xu = new double[n];
        for (int mu = 0; mu < n; mu++) {
            double s = 0;
            for (int j = 0; j < dim; j++) {
                s += x[mu * dim + j] * u[j];
            }
            xu[mu] = s;
        }
        this.zNew = new double[n];
        this.phiNew = new double[n];
    }

    /** One sweep over every neuron of network m, in order. */
    @Override
    protected void sweep(int m) {
        int nd = width * dim;
        load(m);
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
        storeReadouts(m);
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
        load(m);
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
}
