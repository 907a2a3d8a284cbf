package dev.grokphase.theory.ak;

import dev.grokphase.error.ErrorCode;
import dev.grokphase.error.GrokphaseException;
import dev.grokphase.linalg.ArrayGemm;
import dev.grokphase.linalg.SpdSolver;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

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
 * function and its fixed point is found by Anderson acceleration to |F(t̄) − t̄| ≤ tol·|F(t̄)|.
 * The reweighting is trusted while the effective sample size (Σω)²/Σω² stays above minEss·M;
 * when it falls below, a new pass samples at the current t̄. The first passes are short (a quarter
 * of the samples); once one converges with enough ESS, a full-size pass at that t̄ gives the answer
 * (and is itself iterated to its fixed point, with the ESS check).
 *
 * <p><b>Error bars.</b> The chains are split into B batches (independent chains). For each batch the
 * whole fixed point is solved again without it (same samples, reweighted, Anderson from the
 * full solution) — leave-one-out jackknife, so the Monte-Carlo error includes the feedback of Q
 * on t̄. {@link AkSolution#estimate} turns any observable into value ± standard error.
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
        while (pass < s.maxPasses() && !done) {
            int burn = pass == 0 ? s.sampler().burnIn() : Math.max(1, s.sampler().burnIn() / 2);
            // From t̄ = 0 (no tilt) the first pass samples the prior only to find the NNGP start: a few samples do.
            boolean zero = pass == 0 && tbarStart == null;
            int keep = zero ? Math.max(8, s.sampler().samplesPerChain() / 8) : s.sampler().samplesPerChain();
            NeuronSamples samples = sampler.sample(tbar, zero ? Math.min(burn, 10) : burn, keep);
            rw = new Reweighted(samples);
            fp = iterate(rw, tbar, -1, s.tolerance());
            totalIterations += fp.iterations;
            tbar = fp.tbar;
            pass++;
            if (TRACE) {
                System.err.printf("%.1fs ak pass %d: it %d res %.2e ess %.3f conv %s minEx %.3f mala %.3f trips %d |t| %.4g%n",
                        (System.nanoTime() - t0) / 1e9, pass, fp.iterations, fp.residual, fp.essFraction, fp.converged,
                        samples.diagnostics().minExchange(), samples.diagnostics().malaAcceptance(),
                        samples.diagnostics().roundTrips(), norm(tbar));
            }
            // accepted when the fixed point lies well inside what this pass's samples describe
            done = fp.converged && fp.essFraction >= ACCEPT_ESS && !zero;
        }
        int batches = s.sampler().batches();
        double[][] repTbar = new double[s.jackknife() ? batches : 0][];
        double[][] repWeights = new double[repTbar.length][];
        boolean repsConverged = true;
        for (int b = 0; b < repTbar.length; b++) {
            FixedPoint r = iterate(rw, tbar, b, Math.max(s.tolerance(), REPLICA_TOLERANCE));
            repsConverged &= r.converged;
            repTbar[b] = r.tbar;
            repWeights[b] = r.weights;
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

        /** E_s(t̄) = (κ/2)|φ_sᵀ t̄|² for every sample. */
        double[] tilt(double[] tbar) {
            double[] g = new double[m * k];
            ArrayGemm.dgemm(false, false, m, k, n, 1.0, phi, n, tbar, k, 0.0, g, k);
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
            double[] t = p.y().clone();
            SpdSolver.solve(a, n, t, k);
            return t;
        }
    }

    /** Result of one fixed-point iteration on fixed samples. */
    record FixedPoint(double[] tbar, double[] weights, boolean converged, double essFraction, int iterations,
                      double residual) {
    }

    /** Anderson-accelerated fixed point of F on the samples of rw, leaving batch {@code leaveOut} out. */
    FixedPoint iterate(Reweighted rw, double[] start, int leaveOut, double tolerance) {
        int len = n * k;
        double[] x = start.clone();
        Deque<double[]> dx = new ArrayDeque<>();
        Deque<double[]> df = new ArrayDeque<>();
        double[] xPrev = null;
        double[] fPrev = null;
        double[] weights = null;
        double ess = 1;
        double rel = Double.POSITIVE_INFINITY;
        int kept = 0;
        int boundaryHits = 0;
        for (int r = 0; r < rw.m; r++) {
            if (rw.samples.batch()[r] != leaveOut) {
                kept++;
            }
        }
        for (int it = 1; it <= s.maxIterations(); it++) {
            weights = rw.weights(x, leaveOut);
            ess = essFraction(weights, kept);
            if (ess < s.minEss()) {
                // Outside the region the samples describe: step back towards the last point they
                // described well, as far as the ESS allows; the Anderson history is kept, so the
                // next step uses the secant information of the shortened step. After ten such
                // steps the fixed point is taken to lie outside, and a new pass samples there.
                double[] safe = xPrev == null ? rw.samples.tbarRef() : xPrev;
                double[] back = trustPoint(rw, safe, x, leaveOut, kept);
                if (++boundaryHits >= 10) {
                    return new FixedPoint(back, rw.weights(back, leaveOut), false, ess, it, rel);
                }
                x = back;
                continue;
            }
            double[] fx = rw.map(weights);
            double[] res = new double[len];
            double rn = 0;
            double fn = 0;
            for (int i = 0; i < len; i++) {
                res[i] = fx[i] - x[i];
                rn += res[i] * res[i];
                fn += fx[i] * fx[i];
            }
            rel = Math.sqrt(rn / Math.max(fn, Double.MIN_NORMAL));
            if (rel <= tolerance) {
                return new FixedPoint(fx, rw.weights(fx, leaveOut), true, ess, it, rel);
            }
            if (xPrev != null && s.andersonMemory() > 0) {
                double[] ddx = new double[len];
                double[] ddf = new double[len];
                for (int i = 0; i < len; i++) {
                    ddx[i] = x[i] - xPrev[i];
                    ddf[i] = res[i] - fPrev[i];
                }
                dx.addLast(ddx);
                df.addLast(ddf);
                if (dx.size() > s.andersonMemory()) {
                    dx.removeFirst();
                    df.removeFirst();
                }
            }
            xPrev = x;
            fPrev = res;
            x = andersonStep(x, res, dx, df);
        }
        return new FixedPoint(x, weights, false, ess, s.maxIterations(), rel);
    }

    /** The point of the segment from → to farthest from {@code from} whose reweighting ESS is ≥ minEss (bisection). */
    private double[] trustPoint(Reweighted rw, double[] from, double[] to, int leaveOut, int kept) {
        double lo = 0;
        double hi = 1;
        double[] pt = new double[from.length];
        for (int it = 0; it < 12; it++) {
            double mid = (lo + hi) / 2;
            for (int i = 0; i < pt.length; i++) {
                pt[i] = from[i] + mid * (to[i] - from[i]);
            }
            if (essFraction(rw.weights(pt, leaveOut), kept) >= s.minEss()) {
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

    /** x + f − (ΔX + ΔF)γ with γ the least-squares fit of f by ΔF (Walker and Ni 2011, mixing 1). */
    private static double[] andersonStep(double[] x, double[] f, Deque<double[]> dx, Deque<double[]> df) {
        int len = x.length;
        double[] out = new double[len];
        for (int i = 0; i < len; i++) {
            out[i] = x[i] + f[i];
        }
        int m = df.size();
        if (m == 0) {
            return out;
        }
        double[][] dfs = df.toArray(new double[0][]);
        double[][] dxs = dx.toArray(new double[0][]);
        double[][] a = new double[m][m];
        double[] b = new double[m];
        double trace = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = 0;
                for (int q = 0; q < len; q++) {
                    sum += dfs[i][q] * dfs[j][q];
                }
                a[i][j] = sum;
                a[j][i] = sum;
            }
            trace += a[i][i];
            double sum = 0;
            for (int q = 0; q < len; q++) {
                sum += dfs[i][q] * f[q];
            }
            b[i] = sum;
        }
        for (int i = 0; i < m; i++) {
            a[i][i] += 1e-10 * trace / m; // Tikhonov guard against collinear history
        }
        double[] gamma = solveSmall(a, b);
        if (gamma == null) {
            return out;
        }
        for (int j = 0; j < m; j++) {
            double gj = gamma[j];
            for (int q = 0; q < len; q++) {
                out[q] -= gj * (dxs[j][q] + dfs[j][q]);
            }
        }
        return out;
    }

    /** Gaussian elimination with partial pivoting for the small Anderson system; null if singular. */
    private static double[] solveSmall(double[][] a0, double[] b0) {
        int m = b0.length;
        double[][] a = new double[m][];
        for (int i = 0; i < m; i++) {
            a[i] = a0[i].clone();
        }
        double[] b = b0.clone();
        for (int c = 0; c < m; c++) {
            int piv = c;
            for (int r = c + 1; r < m; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
                    piv = r;
                }
            }
            if (!(Math.abs(a[piv][c]) > 0)) {
                return null;
            }
            double[] tr = a[c];
            a[c] = a[piv];
            a[piv] = tr;
            double tb = b[c];
            b[c] = b[piv];
            b[piv] = tb;
            for (int r = c + 1; r < m; r++) {
                double f = a[r][c] / a[c][c];
                for (int q = c; q < m; q++) {
                    a[r][q] -= f * a[c][q];
                }
                b[r] -= f * b[c];
            }
        }
        double[] x = new double[m];
        for (int r = m - 1; r >= 0; r--) {
            double sum = b[r];
            for (int q = r + 1; q < m; q++) {
                sum -= a[r][q] * x[q];
            }
            x[r] = sum / a[r][r];
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
