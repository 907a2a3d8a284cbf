package dev.grokphase.theory.ak;

import dev.grokphase.error.ErrorCode;
import dev.grokphase.error.GrokphaseException;
import dev.grokphase.linalg.ArrayGemm;
import dev.grokphase.linalg.SpdSolver;

import java.util.Arrays;

/**
 * The data-aware adaptive-kernel solver: the mean-field equations of paper-notes §3.2–§3.4 closed on
 * the actual training inputs, with no continuum (§3.5) and no saddle-point (§3.6) step:
 * <pre>
 *   t̄ = (Q + σ²I)⁻¹ y                       (n×K, one column per output channel)
 *   Q_μν = σ_a² ⟨φ(w·x_μ) φ(w·x_ν)⟩_p        (n×n)
 *   p(w) ∝ exp(−|w|²/(2v) + (σ_a²/(2N)) Σ_k (Σ_μ t̄_μk φ(w·x_μ))²)
 *   f̄(x*) = σ_a² ⟨φ(w·x*) φ(Xw)ᵀ⟩_p t̄ = Q(x*, X) t̄,   f̄(X) = y − σ² t̄.
 * </pre>
 *
 * <p><b>Algorithm.</b> A pass draws M samples of p at a reference t̄_ref ({@link TemperedNeuronSampler}).
 * Within a pass the map F(t̄) = (Q(t̄) + σ²I)⁻¹y is evaluated by self-normalised importance
 * reweighting of those samples, ω_s ∝ exp(E_s(t̄) − E_s(t̄_ref)), so F is a deterministic, smooth
 * function whose derivative is available exactly and cheaply ({@link Reweighted#derivative}, O(M·n)
 * per direction); its fixed point is found by Newton–Krylov (GMRES on (I − F')δ = F − t̄, backtracking
 * on |F − t̄|) to |F(t̄) − t̄| ≤ tol·|F(t̄)|. The map is stiff — F' has eigenvalues far above 1 in the
 * droplet phase, so plain or Anderson iteration crawls there. The reweighting is trusted while the
 * effective sample size (Σω)²/Σω² stays above minEss·M; a Newton step beyond is cut back to the
 * edge, and after {@value #BOUNDARY_HITS} such cuts a new pass samples at the edge. Passes are
 * scouts (an eighth of the samples, a quarter of the burn-in, warm-started from the previous
 * pass's replicas) until one converges with ESS ≥ {@value #ACCEPT_ESS}; a full-size pass at that
 * t̄ then gives the answer (itself solved to its fixed point, with the ESS check).
 *
 * <p><b>Error bars.</b> The chains are split into B batches (independent chains). For each batch the
 * whole fixed point is solved again without it (same samples, reweighted, Newton from the
 * full solution) — leave-one-out jackknife, so the Monte-Carlo error includes the feedback of Q
 * on t̄. {@link AkSolution#estimate} turns any observable into a jackknife bias-corrected value ±
 * standard error.
 *
 * <p>The n×n solve is a LAPACK Cholesky (dpotrf/dpotrs) and Q is assembled by dsyrk, both through
 * the project's OpenBLAS binding ({@link SpdSolver}); without natives they run in Java.
 */
public final class DataAwareSolver {

    /** -Dgrokphase.ak.trace=true prints one line per sampling pass on stderr. */
    private static final boolean TRACE = Boolean.getBoolean("grokphase.ak.trace");

    /** ESS fraction at which a converged pass is accepted as the answer (stricter than the trust region). */
    static final double ACCEPT_ESS = 0.5;
    /**
     * Tolerance of the jackknife replicas: their spread is a Monte-Carlo error of relative size
     * ≳ 10⁻³, so resolving each to 10⁻⁵ is ample and saves most of their iterations.
     */
    static final double REPLICA_TOLERANCE = 1e-5;
    /**
     * Samples per chain of a scouting pass (at most the full size, at least an eighth of it): fewer
     * make the scouts' fixed points wander by their own Monte-Carlo noise instead of converging.
     */
    static final int SCOUT_SAMPLES = 32;
    /** Newton steps cut back to the trust region's edge before a pass gives way to a new one. */
    static final int BOUNDARY_HITS = 3;

    private final AkProblem p;
    private final AkSettings s;
    private final int n;
    private final int k;
    /** Exact symmetry the sampled kernel is averaged over (null: none). */
    private final KernelSymmetry symmetry;

    public DataAwareSolver(AkProblem problem, AkSettings settings) {
        this(problem, settings, null);
    }

    /** With an exact symmetry of the problem: every sampled Q̂ is averaged over it before the solve. */
    public DataAwareSolver(AkProblem problem, AkSettings settings, KernelSymmetry symmetry) {
        this.p = problem;
        this.s = settings;
        this.n = problem.n();
        this.k = problem.outputDim();
        this.symmetry = symmetry;
    }

    /** Solves from t̄ = 0 (the first pass samples the prior: the NNGP start). */
    public AkSolution solve() {
        return solve(null);
    }

    /** Solves starting from t̄ (n×K), e.g. the previous point of a sweep; null = 0. */
    public AkSolution solve(double[] tbarStart) {
        long t0 = System.nanoTime();
        TemperedNeuronSampler sampler = new TemperedNeuronSampler(p, s.sampler());
        double[] tbar = tbarStart == null ? new double[n * k] : tbarStart.clone();
        int totalIterations = 0;
        FixedPoint fp = null;
        Reweighted rw = null;
        int pass = 0;
        boolean done = false;
        int full = s.sampler().samplesPerChain();
        // Scouting passes only have to locate the fixed point: an eighth of the samples (at least SCOUT_SAMPLES per chain) does.
        boolean fullSize = false;
        while (pass < s.maxPasses() && !done) {
            // later passes start from the previous pass's equilibrium, a short reweighting distance away
            int burn = pass == 0 ? s.sampler().burnIn() : Math.max(1, s.sampler().burnIn() / 4);
            // From t̄ = 0 (no tilt) the first pass samples the prior only to find the NNGP start: a few samples do.
            boolean zero = pass == 0 && tbarStart == null;
            int keep = fullSize ? full : Math.max(full / 8, Math.min(full, SCOUT_SAMPLES));
            NeuronSamples samples = sampler.sample(tbar, zero ? Math.min(burn, 10) : burn, keep);
            rw = new Reweighted(samples);
            pass++;
            fp = newton(rw, tbar, -1, s.tolerance());
            totalIterations += fp.iterations;
            tbar = fp.tbar;
            if (TRACE) {
                System.err.printf("%.1fs ak pass %d (M=%d): it %d res %.2e ess %.3f conv %s minEx %.3f mala %.3f trips %d |t| %.4g%n",
                        (System.nanoTime() - t0) / 1e9, pass, rw.m, fp.iterations, fp.residual, fp.essFraction, fp.converged,
                        samples.diagnostics().minExchange(), samples.diagnostics().malaAcceptance(),
                        samples.diagnostics().roundTrips(), norm(tbar));
            }
            // accepted when the fixed point lies well inside what a full-size pass's samples describe;
            // a scout that converged inside its trust region hands over to the full-size pass
            if (fp.converged && !zero && (fp.essFraction >= ACCEPT_ESS || !fullSize)) {
                done = fullSize && fp.essFraction >= ACCEPT_ESS;
                fullSize = true;
            }
        }
        int batches = s.sampler().batches();
        double[][] repTbar = new double[s.jackknife() ? batches : 0][];
        double[][] repWeights = new double[repTbar.length][];
        boolean repsConverged = true;
        for (int b = 0; b < repTbar.length; b++) {
            FixedPoint r = newton(rw, tbar, b, Math.max(s.tolerance(), REPLICA_TOLERANCE));
            repsConverged &= r.converged;
            repTbar[b] = r.tbar;
            repWeights[b] = r.weights;
        }
        if (TRACE) {
            System.err.printf("%.1fs ak jackknife done (%d replicas)%n", (System.nanoTime() - t0) / 1e9, repTbar.length);
        }
        AkSolution sol = assemble(rw, fp, repTbar, repWeights, done && repsConverged, pass, totalIterations,
                (System.nanoTime() - t0) / 1e9);
        return sol;
    }

    /** Samples with their activations on the training set, ready to be reweighted to any t̄. */
    final class Reweighted {
        final NeuronSamples samples;
        final double[] phi;   // M×n
        final double[] eRef;  // M
        final double[] scaled; // M×n work array for the Gram matrix
        final int m;

        Reweighted(NeuronSamples samples) {
            this.samples = samples;
            this.m = samples.m();
            phi = new double[m * n];
            ArrayGemm.dgemm(false, true, m, n, p.inputDim(), 1.0, samples.w(), p.inputDim(), p.x(), p.inputDim(), 0.0, phi, n);
            double[] dummy = new double[m * n];
            p.activation().evaluate(phi, dummy, phi, 0, m * n); // value → dummy, slope overwrites phi
            System.arraycopy(dummy, 0, phi, 0, m * n);
            eRef = tilt(samples.tbarRef());
            scaled = dummy;
        }

        /** Φ t̄ (M×K): g_s = φ_sᵀ t̄ for every sample. */
        double[] project(double[] tbar) {
            double[] g = new double[m * k];
            ArrayGemm.dgemm(false, false, m, k, n, 1.0, phi, n, tbar, k, 0.0, g, k);
            return g;
        }

        /** E_s(t̄) = (κ/2)|φ_sᵀ t̄|² for every sample. */
        double[] tilt(double[] tbar) {
            double[] g = project(tbar);
            double[] out = new double[m];
            double kappa = p.kappa();
            for (int r = 0; r < m; r++) {
                double s2 = 0;
                for (int q = 0; q < k; q++) {
                    s2 += g[r * k + q] * g[r * k + q];
                }
                out[r] = kappa / 2 * s2;
            }
            return out;
        }

        /** Normalised importance weights at t̄, zero for batch {@code leaveOut} (−1: none). */
        double[] weights(double[] tbar, int leaveOut) {
            double[] e = tilt(tbar);
            double max = Double.NEGATIVE_INFINITY;
            for (int r = 0; r < m; r++) {
                if (samples.batch()[r] != leaveOut) {
                    e[r] -= eRef[r];
                    max = Math.max(max, e[r]);
                }
            }
            double sum = 0;
            for (int r = 0; r < m; r++) {
                e[r] = samples.batch()[r] == leaveOut ? 0 : Math.exp(e[r] - max);
                sum += e[r];
            }
            for (int r = 0; r < m; r++) {
                e[r] /= sum;
            }
            return e;
        }

        /** F(t̄) = (Q_ω + σ²I)⁻¹ y with Q_ω = σ_a² Σ_s ω_s φ_s φ_sᵀ. */
        double[] map(double[] weights) {
            return factor(weights).apply(p.y().clone());
        }

        /** The Cholesky factor of Q_ω + σ²I. */
        Factor factor(double[] weights) {
            double sa2 = p.sigmaA2();
            for (int r = 0; r < m; r++) {
                double c = Math.sqrt(sa2 * weights[r]);
                int o = r * n;
                for (int j = 0; j < n; j++) {
                    scaled[o + j] = c * phi[o + j];
                }
            }
            double[] a = new double[n * n];
            SpdSolver.gram(scaled, m, n, 1.0, 0.0, a);
            if (symmetry != null) {
                symmetry.symmetrise(a, n);
            }
            for (int i = 0; i < n; i++) {
                a[i * n + i] += p.sigma2();
            }
            if (!SpdSolver.factorize(a, n)) {
                throw new GrokphaseException(ErrorCode.DIVERGED, "data-aware solver: Q + σ²I is not positive definite (σ² = "
                        + p.sigma2() + "); the kernel estimate has non-finite entries");
            }
            return new Factor(a);
        }

        /** |F(t̄) − t̄|/|F(t̄)| on all samples. */
        double residual(double[] tbar) {
            double[] f = map(weights(tbar, -1));
            return relativeResidual(f, tbar);
        }

        /**
         * The derivative of the reweighted map at x, applied to v: with a_s = κ g_s·(φ_sᵀv),
         * δ_s = a_s − Σ_r ω_r a_r (the change of log ω_s), dQ[v] = σ_a² Σ_s ω_s δ_s φ_s φ_sᵀ and
         * dF[v] = −(Q_ω + σ²I)⁻¹ dQ[v] F = −A⁻¹ Σ_s σ_a² ω_s δ_s φ_s (φ_sᵀF). O(M·n·K + n²K), no n×n product.
         */
        double[] derivative(double[] weights, double[] g, double[] c, Factor a, double[] v) {
            double[] pv = project(v);
            double kappa = p.kappa();
            double[] delta = new double[m];
            double mean = 0;
            for (int r = 0; r < m; r++) {
                double s2 = 0;
                for (int q = 0; q < k; q++) {
                    s2 += g[r * k + q] * pv[r * k + q];
                }
                delta[r] = kappa * s2;
                mean += weights[r] * delta[r];
            }
            double sa2 = p.sigmaA2();
            double[] coef = new double[m * k];
            for (int r = 0; r < m; r++) {
                double wr = sa2 * weights[r] * (delta[r] - mean);
                for (int q = 0; q < k; q++) {
                    coef[r * k + q] = -wr * c[r * k + q];
                }
            }
            double[] out = new double[n * k];
            ArrayGemm.dgemm(true, false, n, k, m, 1.0, phi, n, coef, k, 0.0, out, k);
            return a.apply(out);
        }
    }

    /** A Cholesky factor of Q_ω + σ²I; {@link #apply} solves in place. */
    final class Factor {
        private final double[] l;

        Factor(double[] l) {
            this.l = l;
        }

        double[] apply(double[] b) {
            SpdSolver.solve(l, n, b, k);
            return b;
        }
    }

    /** Result of one fixed-point solve on fixed samples; when not converged, tbar is where the next pass should sample. */
    record FixedPoint(double[] tbar, double[] weights, boolean converged, double essFraction, int iterations,
                      double residual) {
    }

    /**
     * Newton–Krylov fixed point of the reweighted map F on the samples of rw, leaving batch
     * {@code leaveOut} out: each step solves (I − F'(x)) δ = F(x) − x by GMRES with the exact
     * derivative of the reweighted map ({@link Reweighted#derivative}), then backtracks along δ until
     * |F − x| decreases. The samples describe F only where the reweighting ESS stays ≥ minEss; a
     * Newton point outside that region ends the solve unconverged with tbar = that point, where
     * the next pass samples (the linearisation at the last trusted point is the best guess of the
     * fixed point; {@link #solve} halves the step if the residual there turns out larger).
     */
    FixedPoint newton(Reweighted rw, double[] start, int leaveOut, double tolerance) {
        int len = n * k;
        int kept = 0;
        for (int r = 0; r < rw.m; r++) {
            if (rw.samples.batch()[r] != leaveOut) {
                kept++;
            }
        }
        double[] x = start.clone();
        double[] w = rw.weights(x, leaveOut);
        double ess = essFraction(w, kept);
        Factor a = rw.factor(w);
        double[] fx = a.apply(p.y().clone());
        double rel = relativeResidual(fx, x);
        int boundaryHits = 0;
        for (int it = 1; it <= s.maxIterations(); it++) {
            if (rel <= tolerance) {
                double[] wf = rw.weights(fx, leaveOut);
                return new FixedPoint(fx, wf, true, essFraction(wf, kept), it, rel);
            }
            double[] res = new double[len];
            for (int i = 0; i < len; i++) {
                res[i] = fx[i] - x[i];
            }
            double[] g = rw.project(x);
            double[] c = rw.project(fx);
            final double[] wNow = w;
            final Factor aNow = a;
            // inexact Newton: the linear solve needs only to be a little more accurate than the residual
            double eta = Math.max(1e-10, Math.min(1e-2, rel));
            double[] step = gmres(v -> {
                double[] jv = rw.derivative(wNow, g, c, aNow, v);
                double[] out = new double[len];
                for (int i = 0; i < len; i++) {
                    out[i] = v[i] - jv[i];
                }
                return out;
            }, res, eta, Math.min(len, s.krylovDimension()));
            double resNorm = norm(res);
            double lambda = 1;
            boolean moved = false;
            for (int bt = 0; bt < 8 && !moved; bt++, lambda /= 2) {
                double[] xn = new double[len];
                for (int i = 0; i < len; i++) {
                    xn[i] = x[i] + lambda * step[i];
                }
                double[] wn = rw.weights(xn, leaveOut);
                double essN = essFraction(wn, kept);
                if (essN < s.minEss()) {
                    if (bt == 0) {
                        // The Newton point lies outside what these samples describe: go as far along
                        // the step as they do and linearise again there; after BOUNDARY_HITS such
                        // steps the next pass samples at the boundary point.
                        double[] edge = essPoint(rw, x, xn, leaveOut, kept, s.minEss());
                        double[] we = rw.weights(edge, leaveOut);
                        if (++boundaryHits >= BOUNDARY_HITS) {
                            return new FixedPoint(edge, we, false, essFraction(we, kept), it, rel);
                        }
                        x = edge;
                        w = we;
                        ess = essFraction(we, kept);
                        a = rw.factor(w);
                        fx = a.apply(p.y().clone());
                        rel = relativeResidual(fx, x);
                        moved = true;
                    }
                    continue;
                }
                Factor an = rw.factor(wn);
                double[] fn = an.apply(p.y().clone());
                double rn = 0;
                for (int i = 0; i < len; i++) {
                    rn += (fn[i] - xn[i]) * (fn[i] - xn[i]);
                }
                if (Math.sqrt(rn) < (1 - 1e-4 * lambda) * resNorm) {
                    x = xn;
                    w = wn;
                    ess = essN;
                    a = an;
                    fx = fn;
                    rel = relativeResidual(fx, x);
                    moved = true;
                }
            }
            if (!moved) {
                // no decrease along the Newton direction: the samples' noise floor or a kink; stop here
                return new FixedPoint(x, w, false, ess, it, rel);
            }
        }
        return new FixedPoint(x, w, false, ess, s.maxIterations(), rel);
    }

    /** The point of the segment from → to farthest from {@code from} whose reweighting ESS is ≥ minEss (bisection). */
    private double[] essPoint(Reweighted rw, double[] from, double[] to, int leaveOut, int kept, double minEss) {
        double lo = 0;
        double hi = 1;
        double[] pt = new double[from.length];
        for (int it = 0; it < 12; it++) {
            double mid = (lo + hi) / 2;
            for (int i = 0; i < pt.length; i++) {
                pt[i] = from[i] + mid * (to[i] - from[i]);
            }
            if (essFraction(rw.weights(pt, leaveOut), kept) >= minEss) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        for (int i = 0; i < pt.length; i++) {
            pt[i] = from[i] + lo * (to[i] - from[i]);
        }
        return pt;
    }

    private static double relativeResidual(double[] f, double[] x) {
        double rn = 0;
        double fn = 0;
        for (int i = 0; i < f.length; i++) {
            rn += (f[i] - x[i]) * (f[i] - x[i]);
            fn += f[i] * f[i];
        }
        return Math.sqrt(rn / Math.max(fn, Double.MIN_NORMAL));
    }

    /**
     * GMRES (Saad and Schultz 1986) without restart for A x = b from x = 0: at most {@code maxDim}
     * Krylov vectors (modified Gram–Schmidt, Givens rotations), stops at |b − Ax| ≤ eta·|b|.
     */
    static double[] gmres(java.util.function.UnaryOperator<double[]> op, double[] b, double eta, int maxDim) {
        int len = b.length;
        double beta = norm(b);
        double[] x = new double[len];
        if (beta == 0) {
            return x;
        }
        double[][] v = new double[maxDim + 1][];
        double[][] h = new double[maxDim + 1][maxDim];
        double[] cs = new double[maxDim];
        double[] sn = new double[maxDim];
        double[] e1 = new double[maxDim + 1];
        e1[0] = beta;
        v[0] = new double[len];
        for (int i = 0; i < len; i++) {
            v[0][i] = b[i] / beta;
        }
        int used = 0;
        for (int j = 0; j < maxDim; j++) {
            double[] wv = op.apply(v[j]);
            for (int i = 0; i <= j; i++) {
                double dot = 0;
                for (int q = 0; q < len; q++) {
                    dot += wv[q] * v[i][q];
                }
                h[i][j] = dot;
                for (int q = 0; q < len; q++) {
                    wv[q] -= dot * v[i][q];
                }
            }
            double hn = norm(wv);
            h[j + 1][j] = hn;
            for (int i = 0; i < j; i++) { // apply the previous rotations to the new column
                double t = cs[i] * h[i][j] + sn[i] * h[i + 1][j];
                h[i + 1][j] = -sn[i] * h[i][j] + cs[i] * h[i + 1][j];
                h[i][j] = t;
            }
            double r = Math.hypot(h[j][j], h[j + 1][j]);
            cs[j] = h[j][j] / r;
            sn[j] = h[j + 1][j] / r;
            h[j][j] = r;
            h[j + 1][j] = 0;
            e1[j + 1] = -sn[j] * e1[j];
            e1[j] = cs[j] * e1[j];
            used = j + 1;
            if (Math.abs(e1[j + 1]) <= eta * beta || hn == 0) {
                break;
            }
            v[j + 1] = new double[len];
            for (int q = 0; q < len; q++) {
                v[j + 1][q] = wv[q] / hn;
            }
        }
        double[] yk = new double[used];
        for (int i = used - 1; i >= 0; i--) {
            double sum = e1[i];
            for (int q = i + 1; q < used; q++) {
                sum -= h[i][q] * yk[q];
            }
            yk[i] = sum / h[i][i];
        }
        for (int i = 0; i < used; i++) {
            for (int q = 0; q < len; q++) {
                x[q] += yk[i] * v[i][q];
            }
        }
        return x;
    }

    private static double norm(double[] v) {
        double s2 = 0;
        for (double x : v) {
            s2 += x * x;
        }
        return Math.sqrt(s2);
    }

    static double essFraction(double[] w, int kept) {
        double s1 = 0;
        double s2 = 0;
        for (double x : w) {
            s1 += x;
            s2 += x * x;
        }
        return s1 * s1 / s2 / kept;
    }

    /** Predictions on train and test inputs for the full solution and every jackknife replica. */
    private AkSolution assemble(Reweighted rw, FixedPoint fp, double[][] repTbar, double[][] repWeights,
                                boolean converged, int passes, int iterations, double seconds) {
        int reps = 1 + repTbar.length;
        double[][] tbars = new double[reps][];
        double[][] weights = new double[reps][];
        tbars[0] = fp.tbar;
        weights[0] = fp.weights;
        for (int b = 0; b < repTbar.length; b++) {
            tbars[b + 1] = repTbar[b];
            weights[b + 1] = repWeights[b];
        }
        int m = rw.m;
        int nt = p.nTest();
        double[][] fTrain = new double[reps][];
        for (int r = 0; r < reps; r++) {
            fTrain[r] = p.y().clone();
            for (int i = 0; i < n * k; i++) {
                fTrain[r][i] -= p.sigma2() * tbars[r][i];
            }
        }
        double[][] fTest = new double[reps][nt * k];
        if (nt > 0) {
            // V[s, r·K + q] = σ_a² ω_s^(r) (φ_sᵀ t̄^(r))_q, then f_test = Σ_s φ(w_s·x*) V[s, ·]
            int cols = reps * k;
            double[] v = new double[m * cols];
            for (int r = 0; r < reps; r++) {
                double[] g = new double[m * k];
                ArrayGemm.dgemm(false, false, m, k, n, 1.0, rw.phi, n, tbars[r], k, 0.0, g, k);
                for (int sIdx = 0; sIdx < m; sIdx++) {
                    double c = p.sigmaA2() * weights[r][sIdx];
                    for (int q = 0; q < k; q++) {
                        v[sIdx * cols + r * k + q] = c * g[sIdx * k + q];
                    }
                }
            }
            double[] out = new double[nt * cols];
            int block = Math.max(1, Math.min(m, 4_000_000 / Math.max(1, nt)));
            double[] zb = new double[block * nt];
            double[] phib = new double[block * nt];
            int dim = p.inputDim();
            for (int s0 = 0; s0 < m; s0 += block) {
                int mb = Math.min(block, m - s0);
                double[] wb = Arrays.copyOfRange(rw.samples.w(), s0 * dim, (s0 + mb) * dim);
                ArrayGemm.dgemm(false, true, mb, nt, dim, 1.0, wb, dim, p.xTest(), dim, 0.0, zb, nt);
                p.activation().evaluate(zb, phib, zb, 0, mb * nt);
                double[] vb = Arrays.copyOfRange(v, s0 * cols, (s0 + mb) * cols);
                ArrayGemm.dgemm(true, false, nt, cols, mb, 1.0, phib, nt, vb, cols, 1.0, out, cols);
            }
            for (int r = 0; r < reps; r++) {
                for (int j = 0; j < nt; j++) {
                    for (int q = 0; q < k; q++) {
                        fTest[r][j * k + q] = out[j * cols + r * k + q];
                    }
                }
            }
        }
        return new AkSolution(p, tbars, fTrain, fTest, weights, rw.samples, converged, passes, iterations,
                fp.residual, fp.essFraction, seconds);
    }
}
