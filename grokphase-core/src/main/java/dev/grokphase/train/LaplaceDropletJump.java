package dev.grokphase.train;

import dev.grokphase.linalg.Blas;
import dev.grokphase.linalg.SpdSolver;
import dev.grokphase.random.RandomStream;
import dev.grokphase.task.Dataset;

import java.nio.DoubleBuffer;

/**
 * The Laplace droplet jump ({@link DropletJumpConfig.Kind#LAPLACE}): an exact one-neuron
 * Metropolis–Hastings move between the central well and the side wells of the neuron's collapsed
 * conditional, with proposals that know where the side well is. docs/theory.md ("Droplet jumps",
 * "Laplace jump") derives it and gives the measurements that motivated it.
 *
 * <p>Target of neuron i of network m, the other neurons and readouts fixed and a_i integrated out
 * (as in {@link DropletJump}): with ψ = s φ(X w), r = y − Σ_{j≠i} s a_j φ(X w_j), λ = β λ₀,
 *
 * <pre>
 *   ℓ(w) = −β'|w|²/(2 v_w) + b²/(2A) − ½ log A,   b = λ ψ·r,   A = β'/v_a + λ|ψ|².
 * </pre>
 *
 * ℓ is even in w (φ odd). Its side mode μ is found by a damped Newton search from Δ·u (Δ =
 * {@link DropletJumpConfig#size()}, u the unit teacher direction) with the exact Hessian, and P =
 * −∇²ℓ(μ) = L Lᵀ. Both depend only on the rest of the network, not on w_i. With C = {|w·u| < Δ/2}
 * (the central well) the proposal is
 *
 * <pre>
 *   q(y | x) = g_S(y) = ½ N(y; μ, P⁻¹) + ½ N(y; −μ, P⁻¹)   if x ∈ C,
 *   q(y | x) = π(y)   = N(y; 0, (v_w/β') I)                 otherwise,
 * </pre>
 *
 * accepted with min(1, exp(ℓ(y) − ℓ(x)) q(x | y)/q(y | x)) — a Metropolis–Hastings kernel for
 * any q that is positive everywhere, so exact whatever the quality of the Laplace fit; a_i is then
 * drawn from its Gaussian conditional. When the Newton search fails (no positive-definite P at its
 * end) the neuron is left as it is (still counted as a proposal), which depends only on the rest
 * and so keeps the kernel exact.
 *
 * <p>Random numbers come from the network's noise stream in a fixed order per neuron (with
 * {@link DropletJumpConfig#neurons()} > 0 first the neuron's index, then the sign, d Gaussians,
 * the acceptance uniform and the Gaussian of a_i), so runs are reproducible and a checkpoint needs
 * only the counters. Float32 engines are moved in float64 and written back rounded. Needs erf
 * (the Newton search uses φ'' = −2zφ').
 */
final class LaplaceDropletJump<A> extends NeuronJump<A> {

    private static final int MAX_NEWTON = 40;

    /** diag(c)·X and Xᵀ diag(c) X of the Hessian (one matrix product per Newton iteration). */
    private final DoubleBuffer cxBuf;
    private final DoubleBuffer hBuf;
    private final double[] cx;
    // one neuron's search and proposal
    private final double[] mode;
    private final double[] trial;
    private final double[] step;
    private final double[] grad;
    private final double[] prop;
    private final double[] xi;
    private final double[] hess;
    private final double[] chol;
    private final double[] zt;
    private final double[] pt;
    private final double[] st;
    private final double[] jv;
    private final double[] jp;

    LaplaceDropletJump(DropletJumpConfig config, Engine<A> engine, Dataset data, Blas blas) {
        super(config, engine, data, blas);
        this.cxBuf = Blas.allocateDouble(Math.max(1, n * dim));
        this.hBuf = Blas.allocateDouble(dim * dim);
        this.cx = new double[n * dim];
        this.mode = new double[dim];
        this.trial = new double[dim];
        this.step = new double[dim];
        this.grad = new double[dim];
        this.prop = new double[dim];
        this.xi = new double[dim];
        this.hess = new double[dim * dim];
        this.chol = new double[dim * dim];
        this.zt = new double[n];
        this.pt = new double[n];
        this.st = new double[n];
        this.jv = new double[dim];
        this.jp = new double[dim];
    }

    @Override
    protected void sweep(int m) {
        load(m);
        double lambda = e.inverseTemperature(m) * dataScale;
        double betaPrior = e.priorInverseTemperature(m);
        RandomStream rng = e.noise(m);
        int count = config.neurons() == 0 ? width : config.neurons();
        for (int t = 0; t < count; t++) {
            int i = config.neurons() == 0 ? t : Math.min(width - 1, (int) (rng.nextDouble() * width));
            move(m, i, lambda, betaPrior, rng);
        }
        storeReadouts(m);
    }

    private void move(int m, int i, double lambda, double betaPrior, RandomStream rng) {
        int off = i * n;
        for (int mu = 0; mu < n; mu++) {
            r[mu] = y[mu] - f[mu] + scale * a[i] * phi[off + mu];
        }
        double sign = rng.nextDouble() < 0.5 ? -1.0 : 1.0;
        for (int j = 0; j < dim; j++) {
            xi[j] = rng.nextGaussian();
        }
        double logU = Math.log(rng.nextDouble());
        attempts[m]++;
        boolean found = findMode(lambda, betaPrior);
        if (found) {
            double edge = 0.5 * config.size();
            int wo = i * dim;
            boolean fromCentre = Math.abs(dotU(w, wo)) < edge;
            if (fromCentre) {
                // y = ±(μ + L⁻ᵀ ξ)
                backSolveTransposed(xi, prop);
                for (int j = 0; j < dim; j++) {
                    prop[j] = sign * (mode[j] + prop[j]);
                }
            } else {
                double sd = Math.sqrt(varW / betaPrior);
                for (int j = 0; j < dim; j++) {
                    prop[j] = sd * xi[j];
                }
            }
            boolean toCentre = Math.abs(dotU(prop, 0)) < edge;
            double pr = 0;
            double pp = 0;
            for (int mu = 0; mu < n; mu++) {
                double p = phi[off + mu];
                pr += p * r[mu];
                pp += p * p;
            }
            double before = DropletJump.logMarginal(norm2(w, wo), scale * pr, scale * scale * pp, lambda, betaPrior, varW, varA);
            activations(prop);
            double after = logMarginalAt(prop, lambda, betaPrior);
            double logForward = fromCentre ? logSide(prop, 0) : logPrior(prop, 0, betaPrior);
            double logBackward = toCentre ? logSide(w, wo) : logPrior(w, wo, betaPrior);
            if (logU < after - before + logBackward - logForward) {
                accepted[m]++;
                System.arraycopy(prop, 0, w, wo, dim);
                System.arraycopy(zt, 0, z, off, n);
                System.arraycopy(pt, 0, phi, off, n);
                System.arraycopy(st, 0, slope, off, n);
                k.copyFromDoubles(w, wo, e.w(), m * width * dim + wo, dim);
            }
        }
        // Gibbs draw of a_i given w_i and the other neurons
        double pr = 0;
        double pp = 0;
        for (int mu = 0; mu < n; mu++) {
            double p = phi[off + mu];
            pr += p * r[mu];
            pp += p * p;
        }
        double precision = betaPrior / varA + lambda * scale * scale * pp;
        double aNew = lambda * scale * pr / precision + rng.nextGaussian() / Math.sqrt(precision);
        a[i] = aNew;
        double sa = scale * aNew;
        for (int mu = 0; mu < n; mu++) {
            f[mu] = y[mu] - r[mu] + sa * phi[off + mu];
        }
    }

    /**
     * Damped Newton ascent of ℓ from Δ·u, exact Hessian; on success {@link #mode} holds μ and
     * {@link #chol} the Cholesky factor L of −∇²ℓ(μ) (lower, row-major). Deterministic in the rest
     * of the network (r, λ, β').
     */
    boolean findMode(double lambda, double betaPrior) {
        for (int j = 0; j < dim; j++) {
            mode[j] = config.size() * u[j];
        }
        double value = derivatives(mode, lambda, betaPrior);
        for (int it = 0; it < MAX_NEWTON; it++) {
            // Newton direction with damping τ I until −H + τ I is positive definite
            double tau = 0;
            boolean ok = false;
            for (int tries = 0; tries < 12 && !ok; tries++) {
                ok = factor(tau);
                tau = tau == 0 ? betaPrior / varW * 1e-3 : tau * 10;
            }
            if (!ok) {
                return false;
            }
            solve(grad, step);
            double decrement = 0;
            for (int j = 0; j < dim; j++) {
                decrement += grad[j] * step[j];
            }
            if (decrement < 1e-10) {
                break;
            }
            double t = 1;
            double next = Double.NEGATIVE_INFINITY;
            for (int ls = 0; ls < 30; ls++) {
                for (int j = 0; j < dim; j++) {
                    trial[j] = mode[j] + t * step[j];
                }
                activations(trial);
                next = logMarginalAt(trial, lambda, betaPrior);
                if (next >= value) {
                    break;
                }
                t *= 0.5;
            }
            if (!(next >= value)) {
                break;
            }
            System.arraycopy(trial, 0, mode, 0, dim);
            value = derivatives(mode, lambda, betaPrior);
        }
        return factor(0);
    }

    /** ℓ at v, whose activations are in zt/pt (from {@link #activations}). */
    private double logMarginalAt(double[] v, double lambda, double betaPrior) {
        double pr = 0;
        double pp = 0;
        for (int mu = 0; mu < n; mu++) {
            pr += pt[mu] * r[mu];
            pp += pt[mu] * pt[mu];
        }
        return DropletJump.logMarginal(norm2(v, 0), scale * pr, scale * scale * pp, lambda, betaPrior, varW, varA);
    }

    /** zt = X v, pt = φ(zt), st = φ'(zt). */
    private void activations(double[] v) {
        for (int mu = 0; mu < n; mu++) {
            double s = 0;
            int xo = mu * dim;
            for (int j = 0; j < dim; j++) {
                s += x[xo + j] * v[j];
            }
            zt[mu] = s;
        }
        if (n > 0) {
            act.evaluate(zt, pt, st, 0, n);
        }
    }

    /**
     * ℓ(v), its gradient (into {@link #grad}) and its Hessian (into {@link #hess}; the sum over inputs is one matrix product Xᵀ diag(c) X): with ψ = sφ,
     * m = b/A, G = ∂ℓ/∂ψ = λ(m r − (m² + 1/A) ψ), v' = r − 2mψ, J = ∂ψ/∂w (rows s φ'_μ x_μ),
     * ∇ℓ = JᵀG − β'w/v_w and ∇²ℓ = Σ_μ [s²φ'_μ²(−λ(m² + 1/A)) + G_μ s φ''_μ] x_μ x_μᵀ
     * + (λ²/A)(Jᵀv')(Jᵀv')ᵀ + (2λ²/A²)(Jᵀψ)(Jᵀψ)ᵀ − (β'/v_w) I.
     */
    private double derivatives(double[] v, double lambda, double betaPrior) {
        activations(v);
        double pr = 0;
        double pp = 0;
        for (int mu = 0; mu < n; mu++) {
            pr += pt[mu] * r[mu];
            pp += pt[mu] * pt[mu];
        }
        double s = scale;
        double aPrec = betaPrior / varA + lambda * s * s * pp;
        double b = lambda * s * pr;
        double mean = b / aPrec;
        double shrink = mean * mean + 1 / aPrec;
        java.util.Arrays.fill(grad, 0.0);
        java.util.Arrays.fill(hess, 0.0);
        java.util.Arrays.fill(jv, 0.0);
        java.util.Arrays.fill(jp, 0.0);
        for (int mu = 0; mu < n; mu++) {
            double psi = s * pt[mu];
            double d1 = s * st[mu];
            double d2 = s * (-2 * zt[mu] * st[mu]); // erf: φ'' = −2zφ'
            double g = lambda * (mean * r[mu] - shrink * psi);
            double vv = r[mu] - 2 * mean * psi;
            double c = d1 * d1 * (-lambda * shrink) + g * d2;
            int xo = mu * dim;
            for (int j = 0; j < dim; j++) {
                double xj = x[xo + j];
                grad[j] += g * d1 * xj;
                jv[j] += d1 * vv * xj;
                jp[j] += d1 * psi * xj;
                cx[xo + j] = c * xj;
            }
        }
        if (n > 0) {
            // Σ_μ c_μ x_μ x_μᵀ = Xᵀ (diag(c) X)
            cxBuf.put(0, cx, 0, n * dim);
            blas.dgemm(true, false, dim, dim, n, 1.0, xBuf, dim, cxBuf, dim, 0.0, hBuf, dim);
            hBuf.get(0, hess, 0, dim * dim);
        }
        double c1 = lambda * lambda / aPrec;
        double c2 = 2 * lambda * lambda / (aPrec * aPrec);
        double pw = betaPrior / varW;
        for (int j = 0; j < dim; j++) {
            grad[j] -= pw * v[j];
            for (int q = j; q < dim; q++) {
                double h = hess[j * dim + q] + c1 * jv[j] * jv[q] + c2 * jp[j] * jp[q] - (j == q ? pw : 0);
                hess[j * dim + q] = h;
                hess[q * dim + j] = h;
            }
        }
        return DropletJump.logMarginal(norm2(v, 0), s * pr, s * s * pp, lambda, betaPrior, varW, varA);
    }

    /** Cholesky of −hess + τ I into {@link #chol} (lower triangle); false if not positive definite. */
    private boolean factor(double tau) {
        for (int i = 0; i < dim; i++) {
            for (int j = 0; j <= i; j++) {
                chol[i * dim + j] = -hess[i * dim + j] + (i == j ? tau : 0);
            }
        }
        // the plain-Java factor: same bits on every machine, native BLAS or not
        return SpdSolver.factorizeJava(chol, dim);
    }

    /** out = (L Lᵀ)⁻¹ rhs. */
    private void solve(double[] rhs, double[] out) {
        System.arraycopy(rhs, 0, out, 0, dim);
        SpdSolver.solveJava(chol, dim, out, 1);
    }

    /** out = L⁻ᵀ in (in and out may alias). */
    private void backSolveTransposed(double[] in, double[] out) {
        for (int i = dim - 1; i >= 0; i--) {
            double s = in[i];
            for (int q = i + 1; q < dim; q++) {
                s -= chol[q * dim + i] * out[q];
            }
            out[i] = s / chol[i * dim + i];
        }
    }

    /** log g_S(v) = log(½ N(v; μ, P⁻¹) + ½ N(v; −μ, P⁻¹)), v = src[off..off+d). */
    private double logSide(double[] src, int off) {
        double logDet = 0;
        for (int i = 0; i < dim; i++) {
            logDet += Math.log(chol[i * dim + i]);
        }
        double qPlus = 0;
        double qMinus = 0;
        for (int i = 0; i < dim; i++) {
            double sp = 0;
            double sm = 0;
            for (int q = i; q < dim; q++) {
                double l = chol[q * dim + i];
                sp += l * (src[off + q] - mode[q]);
                sm += l * (src[off + q] + mode[q]);
            }
            qPlus += sp * sp;
            qMinus += sm * sm;
        }
        double hi = Math.max(-0.5 * qPlus, -0.5 * qMinus);
        double lse = hi + Math.log(Math.exp(-0.5 * qPlus - hi) + Math.exp(-0.5 * qMinus - hi));
        return logDet + lse - Math.log(2) - 0.5 * dim * Math.log(2 * Math.PI);
    }

    /** log N(v; 0, (v_w/β') I). */
    private double logPrior(double[] src, int off, double betaPrior) {
        double var = varW / betaPrior;
        return -norm2(src, off) / (2 * var) - 0.5 * dim * Math.log(2 * Math.PI * var);
    }

    private double dotU(double[] src, int off) {
        double s = 0;
        for (int j = 0; j < dim; j++) {
            s += src[off + j] * u[j];
        }
        return s;
    }

    private double norm2(double[] src, int off) {
        double s = 0;
        for (int j = 0; j < dim; j++) {
            s += src[off + j] * src[off + j];
        }
        return s;
    }
}
